import { FINAL_STATUSES } from '../../shared/callDetails';

/** Choices of the Statuses parameter: Plum's final statuses, and 'other' for anything else. */
export const STATUS_CHOICES = [...FINAL_STATUSES, 'other'] as const;

export type StatusChoice = (typeof STATUS_CHOICES)[number];

export function statusChoiceOf(status: unknown): StatusChoice {
	if (typeof status !== 'string') return 'other';
	const known = FINAL_STATUSES.find((name) => name === status.trim().toLowerCase());
	return known ?? 'other';
}

/** Whether a callback with this status should start a run. */
export function isWantedStatus(status: unknown, wanted: readonly string[]): boolean {
	return wanted.includes(statusChoiceOf(status));
}
