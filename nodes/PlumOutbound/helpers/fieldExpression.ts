/**
 * Recognises the expressions people write to map CRM columns, so a 100,000-item campaign does not pay
 * n8n's full evaluator for them (about 75 µs an item on n8n's legacy expression engine, 400 µs on the isolated-VM
 * engine n8n 2.x servers use by default):
 *   {{ $json.phone }}   {{ $json["first name"] }}   {{ 'first_name=' + $json.first_name + '&id=' + $json.id }}
 *   first_name={{ $json.first_name }}&id={{ $json.id }}   (text around the braces: a template)
 *   {{ $json.contact.phone }}   {{ $json.phones[0] }}   (fields of nested objects and arrays)
 *   {{ $('CRM').item.json.phone }}   (the item of an earlier node this item comes from, as n8n pairs them)
 * i.e. string literals (without escapes) and item fields joined by `+`, alone or inside template text. The
 * compiled function applies JavaScript's own `+` to the same values n8n's `$json` gives, and renders a template
 * as n8n's expression engine does (see templateText), so the result is the one n8n would produce. Anything else
 * returns undefined and goes through n8n's evaluator unchanged; so does an item the compiled function cannot answer
 * for (ASK_N8N): objects joined into text, a path through something other than plain objects and arrays, a function.
 */
/** A field of the current item's JSON, or (with `node`) of the earlier node's item this item is paired with. */
type FieldPath = { field: string; rest: readonly string[]; node?: string };
type Term = { literal: string } | FieldPath;

/**
 * What a compiled expression gives for an item whose fields it does not render itself (see above): the caller asks
 * n8n's evaluator for that item.
 */
export const ASK_N8N: unique symbol = Symbol('ask n8n');

/**
 * The JSON of node `nodeName`'s item that item `itemIndex` is paired with, as n8n's `$('nodeName').item.json` gives it,
 * or ASK_N8N when n8n cannot tell (the caller asks n8n's evaluator, which then reports why).
 */
export type PairedItemJson = (nodeName: string, itemIndex: number) => unknown;

/** Reads the expression for one item: its JSON, and (for `$('…').item` terms) its index and the paired-item lookup. */
export type FieldExpression = (json: Record<string, unknown>, itemIndex?: number, pairedJson?: PairedItemJson) => unknown;

/** One piece of a template: text as written, or the code between {{ and }}. */
type Chunk = { text: string } | { code: Term[] };

const WHOLE_EXPRESSION = /^=\{\{([^{}]*)\}\}$/;
// Text and {{ code }} in turn. Text with a brace or a backslash (n8n's escapes) is left to n8n.
const TEMPLATE = /^=(?:[^{}\\]*\{\{[^{}]*\}\})+[^{}\\]*$/;
const TEMPLATE_PART = /([^{}\\]*)\{\{([^{}]*)\}\}/gy;
// A term starts with a string literal, $json or $('node').item.json; the last two are followed by one or more keys.
const LITERAL = /\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*/y;
const JSON_START = /\s*\$json(?=[.[])/y;
const NODE_ITEM_START = /\s*\$\(\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*\)\.item\.json(?=[.[])/y;
const KEY = /\.([A-Za-z_$][\w$]*)|\[\s*(?:'([^'\\]*)'|"([^"\\]*)"|(0|[1-9]\d{0,8}))\s*\]/y;
const SPACE = /\s*/y;
// n8n refuses any expression with `.constructor` in it (text included); these names reach an object's machinery,
// not a field.
const CONSTRUCTOR_CALL = /\.\s*constructor/;
const NOT_FIELDS = new Set(['constructor', '__proto__', 'prototype']);

function parseTerms(body: string): Term[] | undefined {
	const terms: Term[] = [];
	let position = 0;
	for (;;) {
		const term = parseTerm(body, position);
		if (term === undefined) return undefined;
		terms.push(term.term);
		position = term.end;
		if (position === body.length) break;
		if (body[position] !== '+') return undefined;
		position++;
	}
	return terms;
}

/** One literal, $json path or $('node').item.json path at `from` (white space around it included), and where it ends. */
function parseTerm(body: string, from: number): { term: Term; end: number } | undefined {
	LITERAL.lastIndex = from;
	const literal = LITERAL.exec(body);
	if (literal) return { term: { literal: literal[1] ?? literal[2] }, end: LITERAL.lastIndex };
	let position: number;
	let node: string | undefined;
	JSON_START.lastIndex = from;
	if (JSON_START.test(body)) {
		position = JSON_START.lastIndex;
	} else {
		NODE_ITEM_START.lastIndex = from;
		const nodeItem = NODE_ITEM_START.exec(body);
		if (nodeItem === null) return undefined;
		node = nodeItem[1] ?? nodeItem[2];
		position = NODE_ITEM_START.lastIndex;
	}
	const keys: string[] = [];
	for (;;) {
		KEY.lastIndex = position;
		const key = KEY.exec(body);
		if (!key) break;
		const name = key[1] ?? key[2] ?? key[3] ?? key[4];
		if (NOT_FIELDS.has(name)) return undefined;
		keys.push(name);
		position = KEY.lastIndex;
	}
	if (keys.length === 0) return undefined;
	SPACE.lastIndex = position;
	SPACE.test(body);
	return { term: { field: keys[0], rest: keys.slice(1), node }, end: SPACE.lastIndex };
}

function readsField(terms: readonly Term[]): boolean {
	return terms.some((term) => 'field' in term);
}

/** The terms of a whole `={{ … }}` expression that reads at least one field, else undefined. */
function wholeExpressionTerms(raw: string): Term[] | undefined {
	const whole = WHOLE_EXPRESSION.exec(raw);
	if (!whole) return undefined;
	const terms = parseTerms(whole[1]);
	return terms && readsField(terms) ? terms : undefined;
}

/**
 * The chunks of a template (text around one or more {{ … }}, as n8n's expression engine splits it) whose code reads
 * at least one field, else undefined. `={{ … }}` alone is a whole expression, not a template.
 */
function templateChunks(raw: string): Chunk[] | undefined {
	if (!TEMPLATE.test(raw)) return undefined;
	const chunks: Chunk[] = [];
	TEMPLATE_PART.lastIndex = 1;
	let end = 1;
	for (let part = TEMPLATE_PART.exec(raw); part !== null; part = TEMPLATE_PART.exec(raw)) {
		const code = parseTerms(part[2]);
		if (code === undefined) return undefined;
		if (part[1] !== '') chunks.push({ text: part[1] });
		chunks.push({ code });
		end = TEMPLATE_PART.lastIndex;
	}
	if (end < raw.length) chunks.push({ text: raw.slice(end) });
	return chunks.some((chunk) => 'code' in chunk && readsField(chunk.code)) ? chunks : undefined;
}

/** The top-level field a `{{ $json.field }}` expression reads, else undefined. */
export function plainFieldOf(raw: unknown): string | undefined {
	if (typeof raw !== 'string') return undefined;
	const terms = wholeExpressionTerms(raw);
	const only = terms?.length === 1 ? terms[0] : undefined;
	return only !== undefined && 'field' in only && only.rest.length === 0 && only.node === undefined ? only.field : undefined;
}

export function compileFieldExpression(raw: unknown): FieldExpression | undefined {
	if (typeof raw !== 'string' || CONSTRUCTOR_CALL.test(raw)) return undefined;
	const terms = wholeExpressionTerms(raw);
	if (terms !== undefined) return compileTerms(terms);
	const chunks = templateChunks(raw);
	return chunks === undefined ? undefined : compileTemplate(chunks);
}

function compileTerms(terms: readonly Term[]): FieldExpression {
	if (terms.length === 1) {
		const only = terms[0];
		if ('field' in only) return (json, itemIndex, pairedJson) => fieldValue(only, json, itemIndex, pairedJson);
		return () => only.literal;
	}
	return (json, itemIndex, pairedJson) => {
		let value: unknown = termValue(terms[0], json, itemIndex, pairedJson);
		if (!isPrimitive(value)) return ASK_N8N;
		for (let index = 1; index < terms.length; index++) {
			const next = termValue(terms[index], json, itemIndex, pairedJson);
			if (!isPrimitive(next)) return ASK_N8N;
			// The same `+` n8n's evaluator applies: string concatenation, or a sum of two numbers.
			value = (value as string) + (next as string);
		}
		return value;
	};
}

function compileTemplate(chunks: readonly Chunk[]): FieldExpression {
	const parts = chunks.map((chunk) => ('text' in chunk ? chunk.text : compileTerms(chunk.code)));
	return (json, itemIndex, pairedJson) => {
		let text = '';
		for (let index = 0; index < parts.length; index++) {
			const part = parts[index];
			if (typeof part === 'string') {
				text += part;
				continue;
			}
			const value = part(json, itemIndex, pairedJson);
			if (!isPrimitive(value)) return ASK_N8N;
			text += templateText(value);
		}
		return text;
	};
}

/** Values whose text (and sum) JavaScript gives the same everywhere; objects have their own toString, or none. */
function isPrimitive(value: unknown): boolean {
	return value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol');
}

/**
 * A value as n8n's expression engine writes it into template text: it keeps a value that is truthy, 0 or false, and
 * writes '' for the rest (null, undefined, NaN, ''), then joins the parts with Array.prototype.join, which writes
 * each value as String() does.
 */
function templateText(value: unknown): string {
	return value || value === 0 || value === false ? String(value) : '';
}

function termValue(
	term: Term,
	json: Record<string, unknown>,
	itemIndex: number | undefined,
	pairedJson: PairedItemJson | undefined,
): unknown {
	return 'literal' in term ? term.literal : fieldValue(term, json, itemIndex, pairedJson);
}

/**
 * The value at the path, walked through plain objects and arrays only (n8n's proxies may treat anything else, or a
 * missing step, their own way); a function (an inherited method such as toString) is n8n's to report.
 */
function fieldValue(
	path: FieldPath,
	json: Record<string, unknown>,
	itemIndex: number | undefined,
	pairedJson: PairedItemJson | undefined,
): unknown {
	let root: unknown = json;
	if (path.node !== undefined) {
		if (itemIndex === undefined || pairedJson === undefined) return ASK_N8N;
		root = pairedJson(path.node, itemIndex);
		if (!isPlainContainer(root)) return ASK_N8N;
	}
	let value = (root as Record<string, unknown>)[path.field];
	const rest = path.rest;
	for (let index = 0; index < rest.length; index++) {
		if (!isPlainContainer(value)) return ASK_N8N;
		value = value[rest[index]];
	}
	return typeof value === 'function' ? ASK_N8N : value;
}

function isPlainContainer(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	if (Array.isArray(value)) return true;
	const prototype: unknown = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}
