import { type InputProblem, PlumInputError } from '../../../nodes/shared/validation/InputProblem';

/** The first problem of the PlumInputError that `run` throws; fails the test when it throws nothing or something else. */
export function problemOf(run: () => unknown): InputProblem {
	try {
		run();
	} catch (error) {
		if (error instanceof PlumInputError) return error.problems[0];
		throw error;
	}
	throw new Error('expected a PlumInputError, but nothing was thrown');
}
