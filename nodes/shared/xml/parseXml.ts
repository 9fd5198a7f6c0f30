import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { redactSecrets } from './redactSecrets';
import { readSimpleXml } from './simpleXml';
import { decodeXmlText, escapeXmlText } from './xmlText';

/** Plum's answer is not XML we can read. Pass options.secrets so the reason can never quote one. */
export class PlumXmlError extends Error {
	/** Why the XML was refused, without the fixed prefix. */
	readonly reason: string;

	constructor(reason: string) {
		super(`Plum answered with XML that could not be read: ${reason}`);
		this.name = 'PlumXmlError';
		this.reason = reason;
	}
}

export interface ParseXmlOptions {
	/**
	 * Dot paths of elements that must always be arrays, even when they occur once,
	 * e.g. 'queuecalls.phone_list.call'.
	 */
	arrayPaths?: string[];
	/** Secrets to redact from the reason of a PlumXmlError (validator messages quote parts of the text). */
	secrets?: readonly string[];
}

/*
 * A DOCTYPE can declare entities ("billion laughs", external files). Plum's answers never need one,
 * so any declaration is refused before the parser sees the text. Case-insensitive on purpose.
 */
const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;
const CDATA_SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

export function refuseDeclarations(text: string): void {
	if (DECLARATION.test(text)) {
		throw new PlumXmlError('contains a DOCTYPE or entity declaration, which is refused for safety');
	}
}

/**
 * Parses Plum's XML into plain objects.
 *
 * Shape: attributes as '@_name', text of an element that also has attributes or children as '#text',
 * every value a string (parseTagValue off: phone numbers and ids must not become numbers), values trimmed,
 * an empty element as ''. The XML declaration and processing instructions are dropped.
 * Entities: only the five predefined ones and numeric character references are decoded, by our own code;
 * the parser's entity processing is off and any DOCTYPE/ENTITY declaration is refused.
 */
export function parseXmlSafely(text: string, options: ParseXmlOptions = {}): Record<string, unknown> {
	// Tolerate a BOM or blank lines before the declaration (a common PHP slip), which strict XML refuses.
	const source = trimXmlStart(text);
	refuseDeclarations(source);
	// Plain documents (callbacks, most answers) are read in one pass; everything else by fast-xml-parser.
	const document =
		readSimpleXml(source, new Set(options.arrayPaths ?? [])) ?? parseXmlGeneric(source, options);
	// The validator lets some documents with several roots through ("<a/><b/>").
	const roots = Object.keys(document);
	if (roots.length !== 1 || Array.isArray(document[roots[0]])) {
		throw new PlumXmlError('it does not have exactly one root element');
	}
	return document;
}

/**
 * The general path of parseXmlSafely: fast-xml-parser's validator, then its parser, same shape.
 * `source` must already have passed trimXmlStart and refuseDeclarations; the one-root check is the caller's.
 * Exported so tests can compare readSimpleXml with it.
 */
export function parseXmlGeneric(source: string, options: ParseXmlOptions = {}): Record<string, unknown> {
	const validation = XMLValidator.validate(source);
	if (validation !== true) {
		const { msg, line } = validation.err;
		throw new PlumXmlError(redactSecrets(line ? `${msg} (line ${line})` : msg, options.secrets ?? []));
	}

	const arrayPaths = new Set(options.arrayPaths ?? []);
	const parser = new XMLParser({
		ignoreAttributes: false,
		attributeNamePrefix: '@_',
		processEntities: false,
		htmlEntities: false,
		parseTagValue: false,
		parseAttributeValue: false,
		trimValues: true,
		ignoreDeclaration: true,
		ignorePiTags: true,
		tagValueProcessor: (_name: string, value: string) => decodeXmlText(value),
		attributeValueProcessor: (_name: string, value: string) => decodeXmlText(value),
		isArray: (_name: string, jPath: string, _isLeaf: boolean, isAttribute: boolean) =>
			!isAttribute && arrayPaths.has(jPath),
	});
	let document: Record<string, unknown> = {};
	let failure: string | undefined;
	try {
		document = parser.parse(escapeCdataSections(source)) as Record<string, unknown>;
	} catch (error) {
		// The parser can still trip over odd but well-formed input (an element named hasOwnProperty).
		failure = error instanceof Error ? error.message : String(error);
	}
	if (failure !== undefined) throw new PlumXmlError(redactSecrets(failure, options.secrets ?? []));
	return document;
}

/** Drops a BOM and whitespace before the first markup. */
export function trimXmlStart(text: string): string {
	let start = 0;
	while (start < text.length) {
		const code = text.charCodeAt(start);
		if (code === 0xfeff || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) start++;
		else break;
	}
	return start === 0 ? text : text.slice(start);
}

/*
 * The parser hands CDATA content to the same value hook as text, so our entity decoding would wrongly
 * decode "&amp;" written inside CDATA. Turning CDATA into escaped text first keeps its content literal.
 */
function escapeCdataSections(text: string): string {
	if (text.indexOf('<![CDATA[') === -1) return text;
	return text.replace(CDATA_SECTION, (_section, content: string) => escapeXmlText(content));
}
