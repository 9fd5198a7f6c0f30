import type { INodeProperties } from 'n8n-workflow';

import { optionalIntegerInRange } from '../../shared/validation/text';

const TIMEOUT_FIELD = 'Timeout (Ms)';

/** The Timeout option every operation offers, with the operation's own default. */
export function timeoutOption(defaultMs: number, mayQueue: boolean): INodeProperties {
	return {
		displayName: TIMEOUT_FIELD,
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000 },
		default: defaultMs,
		description: mayQueue
			? 'How long to wait for Plum\'s whole answer, in milliseconds. A request without an answer is never sent again automatically.'
			: 'How long to wait for Plum\'s whole answer, in milliseconds',
	};
}

/** The Timeout option's value (1 second to 1 hour), or the default when it is not set. */
export function readTimeout(value: unknown, itemIndex: number, defaultMs: number): number {
	return optionalIntegerInRange(value, 1000, 3600000, { field: TIMEOUT_FIELD, itemIndex }) ?? defaultMs;
}
