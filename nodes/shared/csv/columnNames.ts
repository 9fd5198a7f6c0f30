import { InputProblem, shortenValue } from '../validation/InputProblem';

/** The first column of a bulk_queue file holds the number; Plum reads it by this name. */
export const DESTINATION_HEADER = 'destination';

const COLUMN_NAME = /^[A-Za-z0-9_]+$/;
const NOT_NAME_CHARACTERS = /[^A-Za-z0-9_]+/g;
const EDGE_UNDERSCORES = /^_+|_+$/g;

/**
 * Checks the variable column names of a bulk CSV (everything after 'destination'). They become variables
 * inside the call, so they are kept to letters, digits and underscores; names are compared ignoring case.
 */
export function checkColumnNames(names: readonly string[], line?: number): InputProblem[] {
	const problems: InputProblem[] = [];
	const firstSeen = new Map<string, number>();
	names.forEach((name, index) => {
		const where = line === undefined ? {} : { line };
		const problem = (rule: string, fix: string): void => {
			problems.push({ field: 'Column Name', rule, fix, value: shortenValue(name), ...where });
		};
		if (name === '') {
			problem('is empty', 'Give every column a name made of letters, digits and underscores, e.g. first_name.');
			return;
		}
		const key = name.toLowerCase();
		if (key === DESTINATION_HEADER) {
			problem(
				'is reserved for the phone number column',
				'Rename the column, e.g. contact_destination, or leave it out: the phone number is sent as destination anyway.',
			);
		} else if (!COLUMN_NAME.test(name)) {
			problem('may contain only letters, digits and underscores', `Rename the column, e.g. ${suggestName(name)}.`);
		} else if (key === '__proto__') {
			problem('is a reserved name', 'Rename the column, e.g. proto.');
		}
		const previous = firstSeen.get(key);
		if (previous !== undefined) {
			problem(
				`is the same name as column "${shortenValue(names[previous])}" (names are compared ignoring case)`,
				`Rename or remove one of them, e.g. ${name}_2.`,
			);
		} else {
			firstSeen.set(key, index);
		}
	});
	return problems;
}

function suggestName(name: string): string {
	const suggestion = name.replace(NOT_NAME_CHARACTERS, '_').replace(EDGE_UNDERSCORES, '').toLowerCase();
	return suggestion === '' ? 'first_name' : suggestion;
}
