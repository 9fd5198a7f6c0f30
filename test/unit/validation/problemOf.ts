import type { InputProblem } from '../../../nodes/shared/validation/InputProblem';
import { inputError } from '../../helpers/thrownBy';

/** The first problem of the PlumInputError that `run` throws; fails the test when it throws nothing or something else. */
export function problemOf(run: () => unknown): InputProblem {
	return inputError(run).problems[0];
}
