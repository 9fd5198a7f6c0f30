import { decodeXmlText } from './xmlText';

/*
 * A single-pass reader for the small, plain XML Plum sends (result callbacks, queue answers). It gives exactly
 * the object the generic path (fast-xml-parser's validator, then its parser, with parseXml.ts's options) gives,
 * in about a third of the time, but only for a strict subset: an optional leading <?xml …?>, one root element,
 * attributes with quoted values, each element holding only text or only child elements (whitespace between
 * them), the five predefined entities and numeric references. Anything else (comments, CDATA, other processing
 * instructions, mixed content, non-ASCII or prefixed names, a bare '&', a malformed document) returns
 * undefined and the caller runs the generic path. test/unit/xml/simpleXml.test.ts checks the equivalence.
 */

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const HASH = 0x23;
const AMPERSAND = 0x26;
const APOSTROPHE = 0x27;
const HYPHEN = 0x2d;
const DOT = 0x2e;
const SLASH = 0x2f;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const SEMICOLON = 0x3b;
const LESS_THAN = 0x3c;
const EQUALS = 0x3d;
const GREATER_THAN = 0x3e;
const QUESTION_MARK = 0x3f;
const UNDERSCORE = 0x5f;
const LOWER_X = 0x78;

const ATTRIBUTE_PREFIX = '@_';
const TEXT_KEY = '#text';
const NAMED_REFERENCES = ['amp;', 'lt;', 'gt;', 'quot;', 'apos;'];

// The generic parser renames __proto__ and throws on a repeated hasOwnProperty: such names are left to it.
const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

// The generic parser builds its objects recursively; deeper documents are left to it, whatever it decides.
const MAX_DEPTH = 64;

/**
 * The document as parseXmlGeneric would give it, or undefined when the text is outside the subset read here
 * (including every malformed text). `source` has been through trimXmlStart and refuseDeclarations;
 * arrayPaths are dot paths of elements that are always arrays.
 */
export function readSimpleXml(
	source: string,
	arrayPaths: ReadonlySet<string>,
): Record<string, unknown> | undefined {
	// fast-xml-parser turns CRLF and a lone CR into LF before reading anything, so values carry LF only.
	const text = source.indexOf('\r') === -1 ? source : source.replace(/\r\n?/g, '\n');
	return new SimpleXmlReader(text, arrayPaths).readDocument();
}

class SimpleXmlReader {
	/** Where the element just read ended (one past its '>'). */
	private position = 0;

	/** Name of the element just read. */
	private elementName = '';

	/** Index of the next '&' at or after the text last checked (source.length: none), so checks stay linear. */
	private nextAmpersand = -1;

	private readonly tracksPaths: boolean;

	constructor(
		private readonly source: string,
		private readonly arrayPaths: ReadonlySet<string>,
	) {
		this.tracksPaths = arrayPaths.size > 0;
	}

	readDocument(): Record<string, unknown> | undefined {
		const source = this.source;
		let index = 0;
		if (source.charCodeAt(1) === QUESTION_MARK) {
			index = declarationEnd(source);
			if (index === -1) return undefined;
			index = skipWhitespace(source, index);
		}
		if (source.charCodeAt(index) !== LESS_THAN) return undefined;
		this.position = index;
		const value = this.readElement('', 1);
		if (value === undefined) return undefined;
		const name = this.elementName;
		// A root forced into an array is refused by parseXmlSafely; let the generic path say so.
		if (this.arrayPaths.has(name)) return undefined;
		if (skipWhitespace(source, this.position) !== source.length) return undefined;
		return { [name]: value };
	}

	/** Reads the element whose '<' is at this.position; undefined when it is outside the subset. */
	private readElement(parentPath: string, depth: number): unknown {
		if (depth > MAX_DEPTH) return undefined;
		const source = this.source;
		const nameStart = this.position + 1;
		const nameEnd = nameEndAt(source, nameStart);
		if (nameEnd === nameStart) return undefined;
		const name = source.slice(nameStart, nameEnd);
		if (INHERITED_NAMES.has(name)) return undefined;
		const path = !this.tracksPaths ? '' : parentPath === '' ? name : `${parentPath}.${name}`;

		let index = nameEnd;
		let attributes: Record<string, string> | undefined;
		let selfClosing = false;
		for (;;) {
			let code = source.charCodeAt(index);
			const spaced = isWhitespace(code);
			if (spaced) {
				index = skipWhitespace(source, index);
				code = source.charCodeAt(index);
			}
			if (code === GREATER_THAN) {
				index++;
				break;
			}
			if (code === SLASH) {
				if (source.charCodeAt(index + 1) !== GREATER_THAN) return undefined;
				index += 2;
				selfClosing = true;
				break;
			}
			// Attributes need whitespace before them: the validator refuses a="1"b="2".
			if (!spaced) return undefined;
			const attributeNameEnd = nameEndAt(source, index);
			if (attributeNameEnd === index) return undefined;
			const attributeName = source.slice(index, attributeNameEnd);
			if (INHERITED_NAMES.has(attributeName)) return undefined;
			index = skipWhitespace(source, attributeNameEnd);
			if (source.charCodeAt(index) !== EQUALS) return undefined;
			index = skipWhitespace(source, index + 1);
			const quote = source.charCodeAt(index);
			if (quote !== QUOTE && quote !== APOSTROPHE) return undefined;
			const valueStart = index + 1;
			const valueEnd = attributeValueEnd(source, valueStart, quote);
			if (valueEnd === -1) return undefined;
			const key = ATTRIBUTE_PREFIX + attributeName;
			if (attributes === undefined) attributes = {};
			else if (attributes[key] !== undefined) return undefined; // repeated: the validator refuses it
			attributes[key] = decodeXmlText(source.slice(valueStart, valueEnd).trim());
			index = valueEnd + 1;
		}

		let value: unknown;
		if (selfClosing) {
			value = attributes ?? '';
		} else {
			const lessThan = source.indexOf('<', index);
			if (lessThan === -1) return undefined;
			if (source.charCodeAt(lessThan + 1) === SLASH) {
				if (!this.referencesAreValid(index, lessThan)) return undefined;
				const trimmed = source.slice(index, lessThan).trim();
				index = closingTagEnd(source, lessThan, name);
				if (index === -1) return undefined;
				value = elementWithText(trimmed === '' ? undefined : decodeXmlText(trimmed), attributes);
			} else {
				if (skipWhitespace(source, index) !== lessThan) return undefined; // text before a child: mixed
				const children: Record<string, unknown> = {};
				let childStart = lessThan;
				do {
					this.position = childStart;
					const child = this.readElement(path, depth + 1);
					if (child === undefined) return undefined;
					this.addChild(children, path, child);
					childStart = skipWhitespace(source, this.position);
					if (source.charCodeAt(childStart) !== LESS_THAN) return undefined; // text after a child: mixed
				} while (source.charCodeAt(childStart + 1) !== SLASH);
				index = closingTagEnd(source, childStart, name);
				if (index === -1) return undefined;
				// The generic parser adds attributes after the children.
				if (attributes !== undefined) Object.assign(children, attributes);
				value = children;
			}
		}
		this.position = index;
		this.elementName = name;
		return value;
	}

	/** Repeated names become arrays in order of first appearance; listed paths are arrays from the first. */
	private addChild(children: Record<string, unknown>, parentPath: string, child: unknown): void {
		const name = this.elementName;
		const existing = children[name];
		if (existing === undefined) {
			const forced = this.tracksPaths && this.arrayPaths.has(`${parentPath}.${name}`);
			children[name] = forced ? [child] : child;
		} else if (Array.isArray(existing)) {
			existing.push(child);
		} else {
			children[name] = [existing, child];
		}
	}

	/** Whether every '&' in source[start, end) starts a reference the validator accepts and we decode. */
	private referencesAreValid(start: number, end: number): boolean {
		const source = this.source;
		let ampersand = this.nextAmpersand;
		if (ampersand < start) ampersand = indexOrEnd(source, '&', start);
		while (ampersand < end) {
			const after = referenceEnd(source, ampersand);
			if (after === -1) return false;
			ampersand = indexOrEnd(source, '&', after);
		}
		this.nextAmpersand = ampersand;
		return true;
	}
}

/** The generic parser's shape: text alone as a string, '#text' first when there are attributes, '' if empty. */
function elementWithText(text: string | undefined, attributes: Record<string, string> | undefined): unknown {
	if (attributes === undefined) return text ?? '';
	if (text === undefined) return attributes;
	const element: Record<string, string> = { [TEXT_KEY]: text };
	return Object.assign(element, attributes);
}

/**
 * One past the '?>' of a leading <?xml …?>, or -1. Quotes are tracked as the parser tracks them and '?',
 * '<', '>' are refused inside, so the validator (first '?>') and the parser (first '?>' outside quotes)
 * end the declaration at the same place.
 */
function declarationEnd(source: string): number {
	if (!source.startsWith('<?xml')) return -1;
	const afterName = source.charCodeAt(5);
	if (afterName !== QUESTION_MARK && !isWhitespace(afterName)) return -1;
	let quote = 0;
	for (let index = 5; index < source.length; index++) {
		const code = source.charCodeAt(index);
		if (code === QUESTION_MARK || code === LESS_THAN || code === GREATER_THAN) {
			if (quote !== 0 || code !== QUESTION_MARK) return -1;
			return source.charCodeAt(index + 1) === GREATER_THAN ? index + 2 : -1;
		}
		if (quote === 0) {
			if (code === QUOTE || code === APOSTROPHE) quote = code;
		} else if (code === quote) {
			quote = 0;
		}
	}
	return -1;
}

/** The index of the closing quote, or -1 at the end of the text, a '<' or an invalid '&'. */
function attributeValueEnd(source: string, start: number, quote: number): number {
	for (let index = start; index < source.length; index++) {
		const code = source.charCodeAt(index);
		if (code === quote) return index;
		if (code === LESS_THAN) return -1;
		if (code === AMPERSAND) {
			const after = referenceEnd(source, index);
			if (after === -1) return -1;
			index = after - 1;
		}
	}
	return -1;
}

/**
 * One past the ';' of the reference at `ampersand`, or -1. Accepted: the five predefined entities, &#digits;
 * (1 to 7) and &#xhex; (1 to 6, lower-case x: the validator refuses &#X…;). decodeXmlText decodes these and
 * leaves a reference to a non-character as written, which is what the generic path does too.
 */
function referenceEnd(source: string, ampersand: number): number {
	const start = ampersand + 1;
	if (source.charCodeAt(start) !== HASH) {
		for (const name of NAMED_REFERENCES) {
			if (source.startsWith(name, start)) return start + name.length;
		}
		return -1;
	}
	const hex = source.charCodeAt(start + 1) === LOWER_X;
	const digitsStart = hex ? start + 2 : start + 1;
	const maxDigits = hex ? 6 : 7;
	let index = digitsStart;
	while (index - digitsStart <= maxDigits) {
		const code = source.charCodeAt(index);
		if (!(hex ? isHexDigit(code) : isDigit(code))) break;
		index++;
	}
	const digits = index - digitsStart;
	if (digits === 0 || digits > maxDigits || source.charCodeAt(index) !== SEMICOLON) return -1;
	return index + 1;
}

/** One past the '>' of `</name>` (whitespace allowed before the '>') at `lessThan`, or -1. */
function closingTagEnd(source: string, lessThan: number, name: string): number {
	const nameStart = lessThan + 2;
	if (!source.startsWith(name, nameStart)) return -1;
	const end = skipWhitespace(source, nameStart + name.length);
	return source.charCodeAt(end) === GREATER_THAN ? end + 1 : -1;
}

/**
 * The end of the name starting at `start` (== start: no name). ASCII names without ':' only: the generic
 * path accepts more, but prefixed and non-ASCII names are rare enough to leave to it.
 */
function nameEndAt(source: string, start: number): number {
	if (!isNameStart(source.charCodeAt(start))) return start;
	let index = start + 1;
	while (isNameChar(source.charCodeAt(index))) index++;
	return index;
}

function indexOrEnd(source: string, searched: string, from: number): number {
	const found = source.indexOf(searched, from);
	return found === -1 ? source.length : found;
}

/** Skips XML whitespace (the four characters the validator treats as whitespace). */
function skipWhitespace(source: string, start: number): number {
	let index = start;
	while (isWhitespace(source.charCodeAt(index))) index++;
	return index;
}

function isWhitespace(code: number): boolean {
	return code === SPACE || code === LINE_FEED || code === TAB || code === CARRIAGE_RETURN;
}

function isLetter(code: number): boolean {
	const lower = code | 0x20;
	return lower >= 0x61 && lower <= 0x7a;
}

function isDigit(code: number): boolean {
	return code >= DIGIT_0 && code <= DIGIT_9;
}

function isHexDigit(code: number): boolean {
	const lower = code | 0x20;
	return isDigit(code) || (lower >= 0x61 && lower <= 0x66);
}

function isNameStart(code: number): boolean {
	return isLetter(code) || code === UNDERSCORE;
}

function isNameChar(code: number): boolean {
	return isLetter(code) || isDigit(code) || code === UNDERSCORE || code === HYPHEN || code === DOT;
}
