import { parseXmlSafely, PlumXmlError, trimXmlStart } from './parseXml';
import { listCalls, type QueuedCallList, scanCallPieces } from './queuedCalls';
import { redactForms, secretForms } from './redactSecrets';

export { redactSecrets } from './redactSecrets';
export type { QueuedCallList } from './queuedCalls';

/** What the DEV webservice (queuecall.php / queuecalls.php) answered, with the PIN already gone. */
export interface DevAnswer {
	/** Name of the root element: 'queuecall', 'queuecalls', or whatever an error answer uses ('' when not XML). */
	root: 'queuecall' | 'queuecalls' | string;
	/** The root's status attribute (or status element) as Plum wrote it; '' when absent. */
	status: string;
	/** queuecall.php: the root's call_id. */
	callId?: string;
	/** Plum's own text when status is neither 'queued' nor 'success'; secrets redacted. */
	message?: string;
	/** The echoed request fields (children and extra attributes of the root), without pin and phone_list. */
	fields: Record<string, unknown>;
	/** queuecalls.php: one entry per queued line, in Plum's order. */
	calls: QueuedCallList;
}

const SUCCESS_STATUSES = new Set(['queued', 'success']);
const MESSAGE_KEYS = ['error', 'errors', 'message', 'reason', 'description', 'detail'];
const MAX_PLAIN_MESSAGE = 2000;

// The answer echoes the PIN in <pin>; it is cut out of the text before anything parses it or copies it out.
const PIN_ELEMENT = /<pin(?=[\s/>])[^>]*?(?:\/>|>[^<]*<\/pin\s*>)/gi;

const PHONE_LIST_START = '<phone_list>';
const PHONE_LIST_END = /\s*<\/phone_list\s*>/y;
// White space before the list's end tag beyond this is left to the generic parser.
const END_WINDOW = 4096;

/**
 * Reads an answer of Plum's DEV webservice, whole or in the pieces it was decoded in (read as if joined). The
 * echoed <pin> is removed before parsing, and every secret (in its plain, XML-escaped and URL-encoded forms) is
 * replaced by '[redacted]' in field values, field names and the message. Phone numbers and call ids are left
 * exact: they identify calls, and a short PIN can occur inside them by chance without saying anything about the
 * PIN.
 * Throws PlumXmlError (reason redacted) for malformed XML or a DOCTYPE/ENTITY declaration.
 * An answer that is not XML at all (plain text) is returned with root '' and the text as message.
 */
export function readDevAnswer(answer: string | readonly string[], secrets: readonly string[]): DevAnswer {
	const forms = secretForms(secrets);
	const pieces = typeof answer === 'string' ? [answer] : answer;
	// The fast path reads the calls in place, across the pieces the answer was decoded in, and parses only the
	// small rest, with the <pin> cut out of that rest first: joining or copying a 12 MB answer doubled its memory.
	const fast = pieces.length === 0 ? undefined : readCallListFast(pieces);
	if (fast) return describeAnswer(fast.document, fast.calls, forms);
	const text = trimXmlStart(pieces.join('')).replace(PIN_ELEMENT, '');
	if (!text.startsWith('<')) return plainTextAnswer(text, forms);
	const document = parseXmlSafely(text, { arrayPaths: ['queuecalls.phone_list.call'], secrets });
	return describeAnswer(document, undefined, forms);
}

function plainTextAnswer(text: string, forms: string[]): DevAnswer {
	// Redact before shortening, so a secret cut in half at the end cannot survive.
	const redacted = redactForms(text.trim(), forms);
	const message = redacted.length > MAX_PLAIN_MESSAGE ? `${redacted.slice(0, MAX_PLAIN_MESSAGE)}…` : redacted;
	return { root: '', status: '', message: message || undefined, fields: {}, calls: listCalls([]) };
}

interface FastRead {
	document: Record<string, unknown>;
	calls: QueuedCallList;
}

/*
 * Fast path for queuecalls answers (100,000 calls ≈ 8-12 MB): the generic parser needs about a second for that;
 * the calls are read in place instead (queuedCalls.ts), and only the small rest goes through the parser.
 */
function readCallListFast(answerPieces: readonly string[]): FastRead | undefined {
	const first = trimXmlStart(answerPieces[0]);
	// A phone list that starts after the first piece (a head of 256 KB) is left to the generic parser.
	const listStart = first.indexOf(PHONE_LIST_START);
	if (listStart === -1) return undefined;
	const head = first.slice(0, listStart);
	// A phone list inside a comment or CDATA section is not the phone list.
	if (head.indexOf('<!--') !== -1 || head.indexOf('<![CDATA[') !== -1) return undefined;
	const pieces = first === answerPieces[0] ? answerPieces : [first, ...answerPieces.slice(1)];

	const { calls, end } = scanCallPieces(pieces, { piece: 0, at: listStart + PHONE_LIST_START.length });
	// The list's end tag may be cut between two pieces: it is looked for in the start of what follows the calls,
	// across the cut, without joining the rest.
	const followsInPiece = pieces[end.piece].slice(end.at);
	const window =
		followsInPiece.length > END_WINDOW
			? followsInPiece.slice(0, END_WINDOW)
			: followsInPiece + (pieces[end.piece + 1] ?? '').slice(0, END_WINDOW);
	PHONE_LIST_END.lastIndex = 0;
	if (!PHONE_LIST_END.test(window)) return undefined;
	// What follows the list in a Plum answer is short (the root's end, perhaps echoed fields).
	const after = (followsInPiece + pieces.slice(end.piece + 1).join('')).slice(PHONE_LIST_END.lastIndex);

	/*
	 * The rest of the answer, with an empty phone list in its place and the <pin> cut out, is small: the generic
	 * parser checks it (well-formedness, DOCTYPE refusal). The cut-out calls matched a pattern that admits no
	 * markup of its own, so no <pin> can hide among them.
	 */
	const rest = `${head}<phone_list></phone_list>${after}`.replace(PIN_ELEMENT, '');
	let document: Record<string, unknown>;
	try {
		document = parseXmlSafely(rest);
	} catch {
		return undefined;
	}
	const root = rootOf(document);
	if (!root || !isRecord(root.value) || root.value.phone_list !== '') return undefined;
	return { document, calls };
}

function describeAnswer(
	document: Record<string, unknown>,
	fastCalls: QueuedCallList | undefined,
	forms: string[],
): DevAnswer {
	const root = rootOf(document);
	if (!root) throw new PlumXmlError('it has no root element');
	const body = isRecord(root.value) ? root.value : { '#text': root.value };

	const status = textOf(body['@_status'] ?? body.status).trim();
	const callIdValue = body['@_call_id'] ?? body.call_id;
	const answer: DevAnswer = {
		root: root.name,
		status,
		fields: collectFields(body, forms),
		calls: fastCalls ?? readCalls(body.phone_list),
	};
	if (callIdValue !== undefined) answer.callId = textOf(callIdValue).trim();
	if (!SUCCESS_STATUSES.has(status.toLowerCase())) {
		const message = findMessage(root.name, body);
		if (message) answer.message = redactForms(message, forms);
	}
	return answer;
}

function rootOf(document: Record<string, unknown>): { name: string; value: unknown } | undefined {
	const names = Object.keys(document);
	return names.length === 1 ? { name: names[0], value: document[names[0]] } : undefined;
}

const NOT_FIELDS = new Set(['@_status', '@_call_id', '#text', 'phone_list']);

function collectFields(body: Record<string, unknown>, forms: string[]): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const key of Object.keys(body)) {
		if (NOT_FIELDS.has(key)) continue;
		const name = key.startsWith('@_') ? key.slice(2) : key;
		// Whatever shape it came in (element, attribute, nested), the PIN is never copied.
		if (name.toLowerCase() === 'pin') continue;
		if (key !== name && Object.prototype.hasOwnProperty.call(body, name)) continue;
		const exact = name === 'phone_number' || name === 'call_id';
		fields[redactForms(name, forms)] = exact ? body[key] : redactValue(body[key], forms);
	}
	return fields;
}

function redactValue(value: unknown, forms: string[]): unknown {
	if (typeof value === 'string') return forms.length ? redactForms(value, forms) : value;
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, forms));
	if (isRecord(value)) {
		const copy: Record<string, unknown> = {};
		for (const key of Object.keys(value)) {
			const name = key.startsWith('@_') ? key.slice(2) : key;
			if (name.toLowerCase() === 'pin') continue;
			copy[redactForms(key, forms)] = redactValue(value[key], forms);
		}
		return copy;
	}
	return value;
}

function readCalls(phoneList: unknown): QueuedCallList {
	if (!isRecord(phoneList)) return listCalls([]);
	const entries = phoneList.call === undefined ? [] : Array.isArray(phoneList.call) ? phoneList.call : [phoneList.call];
	return listCalls(
		entries.map((entry: unknown) => {
			if (!isRecord(entry)) return { callId: '', phoneNumber: textOf(entry).trim() };
			return {
				callId: textOf(entry['@_call_id'] ?? entry.call_id).trim(),
				phoneNumber: textOf(entry.phone_number ?? entry['#text']).trim(),
			};
		}),
	);
}

function findMessage(rootName: string, body: Record<string, unknown>): string | undefined {
	const parts: string[] = [];
	for (const key of MESSAGE_KEYS) {
		collectText(body[key], parts);
		collectText(body[`@_${key}`], parts);
	}
	if (parts.length === 0) collectText(body['#text'], parts);
	// <error>Invalid login</error> as the whole answer: the root is the message.
	if (parts.length === 0 && MESSAGE_KEYS.includes(rootName.toLowerCase())) collectText(body, parts);
	return parts.length ? parts.join('; ') : undefined;
}

function collectText(value: unknown, parts: string[]): void {
	if (value === undefined || value === null) return;
	if (typeof value === 'string') {
		if (value.trim()) parts.push(value.trim());
	} else if (Array.isArray(value)) {
		for (const entry of value) collectText(entry, parts);
	} else if (isRecord(value)) {
		for (const key of Object.keys(value)) {
			if (key.slice(key.startsWith('@_') ? 2 : 0).toLowerCase() !== 'pin') collectText(value[key], parts);
		}
	} else {
		parts.push(String(value));
	}
}

function textOf(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (isRecord(value)) return textOf(value['#text']);
	if (Array.isArray(value)) return textOf(value[0]);
	return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
