import { fail } from './fail';
import { optionalIntegerInRange } from './text';

const MAX_ATTEMPTS_FIELD = 'Max Attempts';
const REATTEMPT_WAIT_FIELD = 'Reattempt Wait (Seconds)';

/**
 * Retry settings of the deployment API (Plum's queue-multiple-calls page): max_attempts 1–10,
 * reattempt_wait 60–86400 seconds, and reattempt_wait is required once max_attempts is above 1.
 */
export function checkAttempts(
	maxAttempts: number | undefined,
	reattemptWait: number | undefined,
	ctx: { itemIndex?: number },
): { max_attempts?: number; reattempt_wait?: number } {
	const attempts = optionalIntegerInRange(maxAttempts, 1, 10, {
		field: MAX_ATTEMPTS_FIELD,
		itemIndex: ctx.itemIndex,
		example: '3',
	});
	const wait = optionalIntegerInRange(reattemptWait, 60, 86400, {
		field: REATTEMPT_WAIT_FIELD,
		itemIndex: ctx.itemIndex,
		example: '300',
	});
	if (attempts !== undefined && attempts > 1 && wait === undefined) {
		fail(
			REATTEMPT_WAIT_FIELD,
			`is required when ${MAX_ATTEMPTS_FIELD} is more than 1 (it is ${attempts})`,
			'Set it between 60 and 86400, e.g. 300 (5 minutes between attempts).',
			undefined,
			ctx,
		);
	}
	const settings: { max_attempts?: number; reattempt_wait?: number } = {};
	if (attempts !== undefined) settings.max_attempts = attempts;
	if (wait !== undefined) settings.reattempt_wait = wait;
	return settings;
}
