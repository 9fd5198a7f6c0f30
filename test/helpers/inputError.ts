import { PlumInputError } from '../../nodes/shared/validation/InputProblem';

/** The PlumInputError that `run` throws; fails the test when it throws nothing or something else. */
export function inputError(run: () => unknown): PlumInputError {
	try {
		run();
	} catch (error) {
		if (error instanceof PlumInputError) return error;
		throw error;
	}
	throw new Error('expected a PlumInputError, but nothing was thrown');
}
