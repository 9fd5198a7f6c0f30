import { normalizeCallDetails } from '../../shared/callDetails';
import type { ParsedBody } from './parseBody';

/** Which Plum product sent the callback: the DEV webservice or the deployment API (Plum Fuse). */
export type ResultSource = 'dev' | 'deployment';

/**
 * Fields of a deployment's call_details (PLUM-API.md §4) that the DEV webservice has no use for: it
 * counts max_retries, not max_attempts, and keeps no event list. A DEV result may well carry
 * `attempts` and the `*_timestamp` fields too, so those do not tell the two apart.
 */
const DEPLOYMENT_ONLY_FIELDS = ['events', 'max_attempts', 'reattempt_wait', 'last_attempt_timestamp'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The call's fields: a `call_details` wrapper (as in the status API's answer) is opened up. */
export function callFields(fields: Record<string, unknown>): Record<string, unknown> {
	const details = fields.call_details;
	if (!isPlainObject(details)) return fields;
	const { call_details: _wrapper, ...besides } = fields;
	return { ...details, ...besides };
}

export function sourceOf(fields: Record<string, unknown>): ResultSource {
	if (isPlainObject(fields.call_details)) return 'deployment';
	const call = callFields(fields);
	return DEPLOYMENT_ONLY_FIELDS.some((name) => call[name] !== undefined) ? 'deployment' : 'dev';
}

/**
 * The item a run starts with: the call's fields normalised (numbers as numbers, phone without quotes,
 * status in lower case, timestamps also as ISO, events in order, `final`), `source`, and `raw`, every
 * field exactly as Plum sent it.
 */
export function normaliseResult(body: ParsedBody): Record<string, unknown> {
	return {
		...normalizeCallDetails(callFields(body.fields)),
		source: sourceOf(body.fields),
		raw: body.fields,
	};
}
