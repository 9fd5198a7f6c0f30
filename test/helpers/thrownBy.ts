import { PlumInputError } from '../../nodes/shared/validation/InputProblem';

/** The error of class `type` that `run` throws; fails the test when it throws nothing or something else. */
export function thrownBy<T extends Error>(run: () => unknown, type: abstract new (...args: never[]) => T): T {
	try {
		run();
	} catch (error) {
		if (error instanceof type) return error;
		throw error;
	}
	throw new Error(`expected a ${type.name}, but nothing was thrown`);
}

/** The PlumInputError that `run` throws. */
export function inputError(run: () => unknown): PlumInputError {
	return thrownBy(run, PlumInputError);
}

/** The error of class `type` that the promise of `run` rejects with; fails the test otherwise. */
export async function rejectionOf<T extends Error>(
	run: () => Promise<unknown>,
	type: abstract new (...args: never[]) => T,
): Promise<T> {
	try {
		await run();
	} catch (error) {
		if (error instanceof type) return error;
		throw error;
	}
	throw new Error(`expected a ${type.name}, but the promise resolved`);
}
