import { InputProblem, PlumInputError } from '../validation/InputProblem';

/** A campaign is all or nothing: list up to this many problems at once, then stop looking. */
export const MAX_REPORTED_PROBLEMS = 10;

/** Gathers the problems of a whole list or file so the user can fix them in one go. */
export class ProblemCollector {
	readonly problems: InputProblem[] = [];

	add(problem: InputProblem): void {
		if (this.problems.length < MAX_REPORTED_PROBLEMS) this.problems.push(problem);
	}

	/** True once enough problems are known; callers stop scanning. */
	get isFull(): boolean {
		return this.problems.length >= MAX_REPORTED_PROBLEMS;
	}

	throwIfAny(): void {
		if (this.problems.length > 0) throw new PlumInputError(this.problems);
	}
}

/** Length in characters (code points), as a person counts them; cheap when the string is short. */
export function characterCount(value: string, limit: number): number {
	if (value.length <= limit) return value.length;
	let count = 0;
	for (let index = 0; index < value.length; index++) {
		const code = value.charCodeAt(index);
		// A high surrogate followed by a low one is one character.
		if (code >= 0xd800 && code <= 0xdbff && index + 1 < value.length) {
			const next = value.charCodeAt(index + 1);
			if (next >= 0xdc00 && next <= 0xdfff) index++;
		}
		count++;
	}
	return count;
}
