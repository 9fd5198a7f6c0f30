/**
 * What each reliability file tried and what held, summed by the table reporter at the end of the run.
 * Files run in separate jest workers, so each writes its counts to a JSON file in the folder the reporter
 * created (PLUM_RELIABILITY_TALLY_DIR); without the reporter (a file run on its own) nothing is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface TallyCounts {
	/** Generated or listed cases run (property runs, fault × operation cases, engine runs). */
	cases: number;
	/** Faults the sandbox was told to inject. */
	faults: number;
	/** Requests that reached the sandbox (or, for load tests, the server under test). */
	requests: number;
	/** Queue requests beyond one per queue attempt: each is a person who could be dialed twice. */
	duplicates: number;
	/** Runs in which a secret reached an output, an error, a log line or a saved run. */
	leaks: number;
	/** Callbacks sent but never seen by the workflow (webhook load). */
	lost: number;
}

export const TALLY_DIR_VARIABLE = 'PLUM_RELIABILITY_TALLY_DIR';

export interface Tally {
	readonly counts: TallyCounts;
	add(counts: Partial<TallyCounts>): void;
	/** Writes the counts for the reporter; call from afterAll. */
	save(): void;
}

/** `suite` names the row of the table; `measured` lists the columns this file really measures. */
export function createTally(suite: string, measured: Array<keyof TallyCounts>): Tally {
	const counts: TallyCounts = { cases: 0, faults: 0, requests: 0, duplicates: 0, leaks: 0, lost: 0 };
	return {
		counts,
		add(more) {
			for (const [key, value] of Object.entries(more) as Array<[keyof TallyCounts, number]>) counts[key] += value;
		},
		save() {
			const directory = process.env[TALLY_DIR_VARIABLE];
			if (!directory || !fs.existsSync(directory)) return;
			const testPath = expect.getState().testPath ?? suite;
			const file = path.join(directory, `${path.basename(testPath)}-${process.pid}-${Date.now()}.json`);
			fs.writeFileSync(file, JSON.stringify({ suite, testPath, measured, counts }));
		},
	};
}
