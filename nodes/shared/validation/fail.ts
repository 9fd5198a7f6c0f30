import { type InputProblem, PlumInputError, shortenValue } from './InputProblem';

/** Where a value came from: the input item and, for uploaded files, the line. */
export interface ProblemPlace {
	itemIndex?: number;
	line?: number;
}

/** Throws a PlumInputError for one value; `value` is shortened, and left out when undefined (a missing value). */
export function fail(field: string, rule: string, fix: string, value: unknown, place: ProblemPlace): never {
	const problem: InputProblem = { field, rule, fix };
	if (value !== undefined) problem.value = shortenValue(value);
	if (place.itemIndex !== undefined) problem.itemIndex = place.itemIndex;
	if (place.line !== undefined) problem.line = place.line;
	throw new PlumInputError(problem);
}

/** "an object", "a list": for messages about values of the wrong type. */
export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (value instanceof Date) return 'a date';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
