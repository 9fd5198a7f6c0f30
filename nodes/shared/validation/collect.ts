import { type InputProblem, PlumInputError } from './InputProblem';

/**
 * Validates every item before anything is sent, so a campaign is never half queued.
 * `values` has an undefined hole for each invalid item; `problems` keeps the first `maxProblems`
 * problems, `total` counts every invalid item.
 */
export function collectProblems<T>(
	count: number,
	validateItem: (index: number) => T,
	maxProblems = 10,
): { values: T[]; problems: InputProblem[]; total: number } {
	const values: T[] = new Array<T>(count);
	const { problems, total } = checkEveryItem(
		count,
		(index) => {
			values[index] = validateItem(index);
		},
		maxProblems,
	);
	return { values, problems, total };
}

/**
 * collectProblems for checks that keep nothing per item (they write it elsewhere): no array of `count` values,
 * which at a million items is 8 MB more for the garbage collector.
 */
export function checkEveryItem(
	count: number,
	checkItem: (index: number) => void,
	maxProblems = 10,
): { problems: InputProblem[]; total: number } {
	const problems: InputProblem[] = [];
	let total = 0;
	for (let index = 0; index < count; index++) {
		let failure: unknown;
		try {
			checkItem(index);
			continue;
		} catch (error) {
			failure = error;
		}
		// Anything but bad input is a bug: it goes up unchanged, for the node glue to report.
		if (!(failure instanceof PlumInputError)) throw failure;
		total++;
		for (const problem of failure.problems) {
			if (problems.length >= maxProblems) break;
			// A problem with a line number came from an uploaded file: its index is a row, not an item.
			const placed = problem.itemIndex !== undefined || problem.line !== undefined;
			problems.push(placed ? problem : { ...problem, itemIndex: index });
		}
	}
	return { problems, total };
}
