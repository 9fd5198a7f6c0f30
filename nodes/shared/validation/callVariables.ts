import { describeType, fail } from './fail';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const JSON_EXAMPLE = 'Give a JSON object, e.g. { "first_name": "Ana" }';

/** Call variables given as a JSON object (text from the field, or an object from an expression). */
export function parseVariablesJson(raw: unknown, itemIndex?: number): Record<string, unknown> {
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return {};
		try {
			parsed = JSON.parse(raw);
		} catch {
			fail('Variables (JSON)', 'is not valid JSON', JSON_EXAMPLE, raw, { itemIndex });
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		fail('Variables (JSON)', 'must be a JSON object', JSON_EXAMPLE, raw, { itemIndex });
	}
	const variables = parsed as Record<string, unknown>;
	for (const name of Object.keys(variables)) checkVariableName(name, 'Variables (JSON)', itemIndex);
	return variables;
}

/** Call variables given as name/value pairs. */
export function variablesFromPairs(
	pairs: Array<{ name?: unknown; value?: unknown }>,
	itemIndex?: number,
): Record<string, unknown> {
	const variables: Record<string, unknown> = {};
	for (const pair of pairs) {
		const name = pairName(pair.name, itemIndex);
		checkVariableName(name, 'Variables', itemIndex);
		variables[name] = pair.value ?? '';
	}
	return variables;
}

/** A pair's name as text; a name from an expression that gives an object or a list is refused. */
function pairName(name: unknown, itemIndex?: number): string {
	if (name === undefined || name === null) return '';
	if (typeof name === 'string') return name.trim();
	if (typeof name === 'number' || typeof name === 'boolean') return String(name);
	return fail(
		'Variables',
		`has a variable name that is ${describeType(name)}, not text`,
		'Use letters, digits and underscores, starting with a letter, e.g. first_name',
		name,
		{ itemIndex },
	);
}

function checkVariableName(name: string, field: string, itemIndex?: number): void {
	// Assigning '__proto__' would replace the object's prototype and the variable would silently vanish.
	if (name === '__proto__') {
		fail(field, 'has the variable name "__proto__", which is reserved', 'Rename the variable, e.g. proto', undefined, {
			itemIndex,
		});
	}
	if (!VARIABLE_NAME.test(name)) {
		fail(
			field,
			`has the variable name "${name}", which is not a valid name`,
			'Use letters, digits and underscores, starting with a letter, e.g. first_name',
			undefined,
			{ itemIndex },
		);
	}
}
