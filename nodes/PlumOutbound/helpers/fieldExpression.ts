/**
 * Recognises the expressions people write to map CRM columns, so a 100,000-item campaign does not pay
 * n8n's full evaluator (about 75 µs an item) for them:
 *   {{ $json.phone }}   {{ $json["first name"] }}   {{ 'first_name=' + $json.first_name + '&id=' + $json.id }}
 *   first_name={{ $json.first_name }}&id={{ $json.id }}   (text around the braces: a template)
 * i.e. string literals (without escapes) and item fields joined by `+`, alone or inside template text. The
 * compiled function applies JavaScript's own `+` to the same values n8n's `$json` gives, and renders a template
 * as n8n's expression engine does (see templateText), so the result is the one n8n would produce. Anything else
 * returns undefined and goes through n8n's evaluator unchanged; so does an item whose fields are objects joined into
 * text (ASK_N8N).
 */
type Term = { literal: string } | { field: string };

/**
 * What a compiled expression gives for an item whose fields it does not render itself (objects and arrays joined into
 * text): the caller asks n8n's evaluator for that item.
 */
export const ASK_N8N: unique symbol = Symbol('ask n8n');

export type FieldExpression = (json: Record<string, unknown>) => unknown;

/** One piece of a template: text as written, or the code between {{ and }}. */
type Chunk = { text: string } | { code: Term[] };

const WHOLE_EXPRESSION = /^=\{\{([^{}]*)\}\}$/;
// Text and {{ code }} in turn. Text with a brace or a backslash (n8n's escapes) is left to n8n.
const TEMPLATE = /^=(?:[^{}\\]*\{\{[^{}]*\}\})+[^{}\\]*$/;
const TEMPLATE_PART = /([^{}\\]*)\{\{([^{}]*)\}\}/gy;
const TERM =
	/\s*(?:'([^'\\]*)'|"([^"\\]*)"|\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*\]))\s*/y;
// n8n refuses any expression with `.constructor` in it (text included); these names reach an object's machinery,
// not a field.
const CONSTRUCTOR_CALL = /\.\s*constructor/;
const NOT_FIELDS = new Set(['constructor', '__proto__', 'prototype']);

function parseTerms(body: string): Term[] | undefined {
	const terms: Term[] = [];
	let position = 0;
	for (;;) {
		TERM.lastIndex = position;
		const match = TERM.exec(body);
		if (!match) return undefined;
		if (match[1] !== undefined || match[2] !== undefined) {
			terms.push({ literal: match[1] ?? match[2] });
		} else {
			const field = match[3] ?? match[4] ?? match[5];
			if (NOT_FIELDS.has(field)) return undefined;
			terms.push({ field });
		}
		position = TERM.lastIndex;
		if (position === body.length) break;
		if (body[position] !== '+') return undefined;
		position++;
	}
	return terms;
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
	const codes = chunks.filter((chunk): chunk is { code: Term[] } => 'code' in chunk);
	if (!codes.some((chunk) => readsField(chunk.code))) return undefined;
	return chunks;
}

/** The field a `{{ $json.field }}` expression reads, else undefined. */
export function plainFieldOf(raw: unknown): string | undefined {
	if (typeof raw !== 'string') return undefined;
	const terms = wholeExpressionTerms(raw);
	return terms?.length === 1 && 'field' in terms[0] ? terms[0].field : undefined;
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
		if ('field' in only) return (json) => json[only.field];
		return () => only.literal;
	}
	return (json) => {
		let value: unknown = termValue(terms[0], json);
		if (!isPrimitive(value)) return ASK_N8N;
		for (let index = 1; index < terms.length; index++) {
			const next = termValue(terms[index], json);
			if (!isPrimitive(next)) return ASK_N8N;
			// The same `+` n8n's evaluator applies: string concatenation, or a sum of two numbers.
			value = (value as string) + (next as string);
		}
		return value;
	};
}

function compileTemplate(chunks: readonly Chunk[]): FieldExpression {
	const parts = chunks.map((chunk) => ('text' in chunk ? chunk.text : compileTerms(chunk.code)));
	return (json) => {
		let text = '';
		for (let index = 0; index < parts.length; index++) {
			const part = parts[index];
			if (typeof part === 'string') {
				text += part;
				continue;
			}
			const value = part(json);
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

function termValue(term: Term, json: Record<string, unknown>): unknown {
	return 'literal' in term ? term.literal : json[term.field];
}
