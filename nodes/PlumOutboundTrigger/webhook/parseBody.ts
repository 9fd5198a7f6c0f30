import { parseXmlSafely } from '../../shared/xml/parseXml';
import { parseFormFields } from './formFields';
import type { ReceivedBody } from './readBody';
import { WebhookRejection } from './WebhookRejection';

/**
 * The body as fields. Plum's content type for result callbacks is not documented (PLUM-API.md §5),
 * so form fields, JSON and XML are all accepted: by the declared content type, or by the first
 * character when the type says nothing useful (none, text/plain, application/octet-stream).
 */
export type BodyFormat = 'form' | 'json' | 'xml';

export interface ParsedBody {
	format: BodyFormat;
	/** The fields as decoded from the body, values untouched. */
	fields: Record<string, unknown>;
	/** The body as text (for a parsed body, its JSON), used to tell repeated callbacks apart. */
	text: string;
}

const ATTRIBUTE_PREFIX = '@_';

function refuse(reason: string): WebhookRejection {
	return new WebhookRejection(400, `Request body could not be read as a Plum result: ${reason}.`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatFromContentType(contentType: string | undefined): BodyFormat | undefined {
	if (contentType === undefined) return undefined;
	if (contentType === 'application/x-www-form-urlencoded') return 'form';
	if (contentType === 'multipart/form-data') return 'form';
	if (contentType.endsWith('/json') || contentType.endsWith('+json')) return 'json';
	if (contentType.endsWith('/xml') || contentType.endsWith('+xml')) return 'xml';
	return undefined;
}

function formatFromText(text: string): BodyFormat | undefined {
	const first = text.trimStart().charAt(0);
	if (first === '{' || first === '[') return 'json';
	if (first === '<') return 'xml';
	if (/^[^=&\s]+=/.test(text.trim())) return 'form';
	return undefined;
}

function encodingOf(charset: string | undefined): BufferEncoding {
	return charset === 'iso-8859-1' || charset === 'latin1' || charset === 'us-ascii'
		? 'latin1'
		: 'utf8';
}

function parseJson(text: string): Record<string, unknown> {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw refuse('it is not valid JSON');
	}
	if (!isPlainObject(value)) throw refuse('the JSON is not an object');
	return value;
}

/** XML attributes ('@_call_id') become plain fields, unless an element of the same name exists. */
function attributesAsFields(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(attributesAsFields);
	if (!isPlainObject(value)) return value;
	const result: Record<string, unknown> = {};
	for (const [key, child] of Object.entries(value)) {
		if (!key.startsWith(ATTRIBUTE_PREFIX)) result[key] = attributesAsFields(child);
	}
	for (const [key, child] of Object.entries(value)) {
		if (!key.startsWith(ATTRIBUTE_PREFIX)) continue;
		const name = key.slice(ATTRIBUTE_PREFIX.length);
		result[name in result ? key : name] = child;
	}
	return result;
}

function parseXml(text: string): Record<string, unknown> {
	let document: Record<string, unknown>;
	try {
		document = parseXmlSafely(text);
	} catch (error) {
		// PlumXmlError's reason says what is wrong (e.g. a DOCTYPE was refused) without echoing the body.
		const reason = (error as { reason?: unknown }).reason;
		throw refuse(
			typeof reason === 'string' ? `the XML was refused (${reason})` : 'it is not well-formed XML',
		);
	}
	// One root element (<call_details>, <result>…): its children are the fields.
	const root = Object.values(document)[0];
	if (!isPlainObject(root)) throw refuse('the XML root element holds no fields');
	return attributesAsFields(root) as Record<string, unknown>;
}

function hasAnyValue(value: unknown): boolean {
	if (typeof value === 'string') return value.trim() !== '';
	if (Array.isArray(value)) return value.some(hasAnyValue);
	if (isPlainObject(value)) return Object.values(value).some(hasAnyValue);
	return value !== null && value !== undefined;
}

function parseText(received: string, contentType: string | undefined): ParsedBody {
	// A byte order mark (a common slip of PHP scripts) would stop JSON.parse and the sniffing below.
	const text = received.replace(/^\ufeff/, '');
	if (text.trim() === '') throw refuse('it is empty');
	if (contentType === 'multipart/form-data') {
		// n8n parses multipart bodies itself before the node runs; unparsed multipart bytes are not fields.
		throw refuse('multipart/form-data is read only when n8n has parsed it');
	}
	const format = formatFromContentType(contentType) ?? formatFromText(text);
	if (format === undefined) throw refuse('it is neither form fields, JSON nor XML');
	const fields =
		format === 'json' ? parseJson(text) : format === 'xml' ? parseXml(text) : parseFormFields(text);
	return { format, fields, text };
}

/** n8n parsed the body already: form fields still need their PHP-style names read. */
function fromParsedValue(value: unknown, contentType: string | undefined): ParsedBody {
	if (typeof value === 'string') return parseText(value, contentType);
	if (!isPlainObject(value)) throw refuse('it is not an object');
	const text = JSON.stringify(value);
	const format = formatFromContentType(contentType) ?? 'json';
	if (format !== 'form') return { format, fields: value, text };
	const encoded = new URLSearchParams();
	for (const [name, fieldValue] of Object.entries(value)) {
		const values = Array.isArray(fieldValue) ? fieldValue : [fieldValue];
		for (const one of values) encoded.append(name, typeof one === 'string' ? one : JSON.stringify(one));
	}
	return { format, fields: parseFormFields(encoded.toString()), text };
}

/** Fields from the body; empty, unreadable or field-less bodies are refused with 400. */
export function parseBody(body: ReceivedBody): ParsedBody {
	const parsed =
		body.kind === 'raw'
			? parseText(body.bytes.toString(encodingOf(body.charset)), body.contentType)
			: fromParsedValue(body.value, body.contentType);
	if (!hasAnyValue(parsed.fields)) throw refuse('it has no fields with a value');
	return parsed;
}
