/**
 * What is wrong with one value the user gave, in words a person can act on.
 * Pure code throws these; the node glue turns them into NodeOperationError with the item index.
 */
export interface InputProblem {
	/** Display name of the field, as the user sees it in the node ("Phone Number"). */
	field: string;
	/** The rule that was broken ("must have 10 to 15 digits"). */
	rule: string;
	/** How to fix it, ideally with an example of a valid value. */
	fix: string;
	/** The offending value, shortened; never a secret. */
	value?: string;
	/** 0-based index of the input item (or file row) the value came from, when known. */
	itemIndex?: number;
	/** 1-based line number inside an uploaded file, when the value came from one. */
	line?: number;
}

/** Thrown by pure validation code; carries the first problems found, and how many items were invalid in all. */
export class PlumInputError extends Error {
	readonly problems: InputProblem[];

	readonly totalInvalid: number;

	constructor(problems: InputProblem | InputProblem[], totalInvalid?: number) {
		const list = Array.isArray(problems) ? problems : [problems];
		super(list.map(describeProblem).join('; '));
		this.name = 'PlumInputError';
		this.problems = list;
		this.totalInvalid = Math.max(totalInvalid ?? list.length, list.length);
	}
}

const MAX_SHOWN_VALUE = 60;

export function shortenValue(value: unknown): string {
	const text = typeof value === 'string' ? value : valueAsText(value);
	return text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}…` : text;
}

/**
 * Never throws: describing a bad value must not fail in its turn (JSON.stringify throws on a BigInt
 * outside n8n, String() on an object whose toString is not a function).
 */
function valueAsText(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		try {
			return String(value);
		} catch {
			return Object.prototype.toString.call(value);
		}
	}
}

/** "[item 3] Phone Number "abc" must have 10 to 15 digits. Fix: ..." */
export function describeProblem(problem: InputProblem): string {
	const where: string[] = [];
	if (problem.itemIndex !== undefined) where.push(`[item ${problem.itemIndex}]`);
	if (problem.line !== undefined) where.push(`[line ${problem.line}]`);
	const value = problem.value !== undefined ? ` "${problem.value}"` : '';
	return `${where.length ? where.join(' ') + ' ' : ''}${problem.field}${value} ${problem.rule}. ${problem.fix}`;
}
