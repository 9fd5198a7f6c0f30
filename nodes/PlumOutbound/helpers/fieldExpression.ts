/**
 * Recognises the expressions people write to map CRM columns, so a 100,000-item campaign does not pay
 * n8n's full evaluator (about 75 µs an item) for them:
 *   {{ $json.phone }}   {{ $json["first name"] }}   {{ 'first_name=' + $json.first_name + '&id=' + $json.id }}
 * i.e. string literals (without escapes) and item fields joined by `+`. The compiled function applies
 * JavaScript's own `+` to the same values n8n's `$json` gives, so the result is the one n8n would produce.
 * Anything else returns undefined and goes through n8n's evaluator unchanged.
 */
type Term = { literal: string } | { field: string };

export type FieldExpression = (json: Record<string, unknown>) => unknown;

const WHOLE_EXPRESSION = /^=\{\{([^{}]*)\}\}$/;
const TERM =
	/\s*(?:'([^'\\]*)'|"([^"\\]*)"|\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*\]))\s*/y;

function parseTerms(raw: string): Term[] | undefined {
	const whole = WHOLE_EXPRESSION.exec(raw);
	if (!whole) return undefined;
	const body = whole[1];
	const terms: Term[] = [];
	let position = 0;
	for (;;) {
		TERM.lastIndex = position;
		const match = TERM.exec(body);
		if (!match) return undefined;
		if (match[1] !== undefined || match[2] !== undefined) terms.push({ literal: match[1] ?? match[2] });
		else terms.push({ field: match[3] ?? match[4] ?? match[5] });
		position = TERM.lastIndex;
		if (position === body.length) break;
		if (body[position] !== '+') return undefined;
		position++;
	}
	return terms.some((term) => 'field' in term) ? terms : undefined;
}

/** The field a `{{ $json.field }}` expression reads, else undefined. */
export function plainFieldOf(raw: unknown): string | undefined {
	if (typeof raw !== 'string') return undefined;
	const terms = parseTerms(raw);
	return terms?.length === 1 && 'field' in terms[0] ? terms[0].field : undefined;
}

export function compileFieldExpression(raw: unknown): FieldExpression | undefined {
	if (typeof raw !== 'string') return undefined;
	const terms = parseTerms(raw);
	if (terms === undefined) return undefined;
	if (terms.length === 1) {
		const field = (terms[0] as { field: string }).field;
		return (json) => json[field];
	}
	return (json) => {
		let value: unknown = termValue(terms[0], json);
		for (let index = 1; index < terms.length; index++) {
			// The same `+` n8n's evaluator applies: string concatenation, or a sum of two numbers.
			value = (value as string) + (termValue(terms[index], json) as string);
		}
		return value;
	};
}

function termValue(term: Term, json: Record<string, unknown>): unknown {
	return 'literal' in term ? term.literal : json[term.field];
}
