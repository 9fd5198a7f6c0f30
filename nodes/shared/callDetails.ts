/**
 * Normalises Plum's call_details (deployment status API and result_url callbacks) and the DEV
 * webservice's result fields. Plum sends numbers as strings and wraps the phone number in single
 * quotes (PLUM-API.md §4); this turns them into values a workflow can use directly. Every field is
 * kept: unknown fields pass through unchanged, so a field Plum adds later still reaches the user.
 */

/** Statuses after which Plum makes no further attempt [doc: call status API]. */
export const FINAL_STATUSES = ['completed', 'canceled', 'failed', 'rejected'] as const;

export type FinalStatus = (typeof FINAL_STATUSES)[number];

/** Known numeric fields besides the `*_timestamp` ones; call_id is not here: it is an identifier. */
const NUMERIC_FIELDS = new Set(['max_attempts', 'attempts', 'reattempt_wait', 'duration']);

const TIMESTAMP_SUFFIX = '_timestamp';

/** Largest time a JavaScript Date can hold, in milliseconds. */
const MAX_DATE_MS = 8.64e15;

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

const INTEGER_KEY = /^\d+$/;

/** "'6173720293'" -> "6173720293". Anything that is not a quoted string comes back as it was. */
export function unquotePhoneNumber(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	if (trimmed.length < 2) return value;
	const first = trimmed[0];
	const last = trimmed[trimmed.length - 1];
	if ((first === "'" || first === '"') && first === last) return trimmed.slice(1, -1).trim();
	return value;
}

/** "300" -> 300; values that are not a plain decimal number come back as they were. */
export function toNumberIfNumeric(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const trimmed = value.trim();
	if (!NUMERIC_TEXT.test(trimmed)) return value;
	const number = Number(trimmed);
	return Number.isFinite(number) ? number : value;
}

/**
 * UNIX seconds (number or numeric string) -> ISO 8601 UTC. 0, empty and unreadable values give null:
 * Plum uses 0 for "not set" (e.g. a call that never started).
 */
export function timestampToIso(value: unknown): string | null {
	const number = typeof value === 'number' ? value : toNumberIfNumeric(value);
	if (typeof number === 'number') {
		const ms = number * 1000;
		if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_DATE_MS) return null;
		return new Date(ms).toISOString();
	}
	// The DEV webservice accepts dates as text ("Fri, 07 Aug 2020 16:40:08 -0400"), so one may come back.
	if (typeof number === 'string' && number.trim() !== '') {
		const ms = Date.parse(number);
		return Number.isNaN(ms) ? null : new Date(ms).toISOString();
	}
	return null;
}

export function isFinalStatus(status: unknown): boolean {
	if (typeof status !== 'string') return false;
	return (FINAL_STATUSES as readonly string[]).includes(status.trim().toLowerCase());
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The events list arrives in several shapes: a JSON array; an object keyed '0', '1', … when it was
 * posted as PHP-style form fields (events[0][event]=queued); `{ event: [...] }` (or a single
 * `{ event: {...} }`) when it was XML; or a JSON array encoded as text inside a form field.
 * Returns undefined when the value is none of these, so the caller can keep it unchanged.
 */
function eventList(value: unknown): unknown[] | undefined {
	if (Array.isArray(value)) return value;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (!trimmed.startsWith('[')) return undefined;
		try {
			const parsed: unknown = JSON.parse(trimmed);
			return Array.isArray(parsed) ? parsed : undefined;
		} catch {
			// Not JSON after all: the caller keeps the text as Plum sent it.
			return undefined;
		}
	}
	if (!isPlainObject(value)) return undefined;
	const keys = Object.keys(value);
	if (keys.length > 0 && keys.every((key) => INTEGER_KEY.test(key))) {
		return keys.sort((a, b) => Number(a) - Number(b)).map((key) => value[key]);
	}
	const inner = value.event;
	if (Array.isArray(inner)) return inner;
	if (isPlainObject(inner)) return [inner];
	// A single event given directly: { event: 'queued', timestamp: ... }.
	if (typeof inner === 'string') return [value];
	return undefined;
}

function normalizeEvent(event: unknown): Record<string, unknown> {
	if (!isPlainObject(event)) {
		return { event, timestamp: null, timestamp_iso: null };
	}
	const name = event.event ?? event.name ?? null;
	const timestamp = event.timestamp === undefined ? null : toNumberIfNumeric(event.timestamp);
	return { ...event, event: name, timestamp, timestamp_iso: timestampToIso(event.timestamp) };
}

/** Events in the order Plum listed them, each `{ event, timestamp, timestamp_iso }` (extra keys kept). */
export function normalizeEvents(value: unknown): unknown {
	const list = eventList(value);
	return list === undefined ? value : list.map(normalizeEvent);
}

/**
 * Every field kept; on top: numbers as numbers, phone_number without quotes, call_id as text,
 * status in lower case, `<name>_iso` beside each `<name>_timestamp`, events as an ordered array,
 * and `final` (true for completed, canceled, failed, rejected).
 */
export function normalizeCallDetails(raw: Record<string, unknown>): Record<string, unknown> {
	const normalized: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(raw)) {
		if (key === 'phone_number') {
			normalized[key] = unquotePhoneNumber(value);
		} else if (key === 'call_id') {
			// Call ids are identifiers (and may outgrow a safe integer): keep them as text.
			normalized[key] = typeof value === 'number' ? String(value) : value;
		} else if (key === 'status') {
			normalized[key] = typeof value === 'string' ? value.trim().toLowerCase() : value;
		} else if (key === 'events') {
			normalized[key] = normalizeEvents(value);
		} else if (NUMERIC_FIELDS.has(key) || key.endsWith(TIMESTAMP_SUFFIX)) {
			normalized[key] = toNumberIfNumeric(value);
		} else {
			normalized[key] = value;
		}
		if (key.endsWith(TIMESTAMP_SUFFIX)) {
			normalized[`${key}_iso`] = timestampToIso(value);
		}
	}
	normalized.final = isFinalStatus(normalized.status);
	return normalized;
}
