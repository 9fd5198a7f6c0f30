import { describeType, fail } from './fail';
import { type FieldContext, LIMITS } from './text';

/** A moment as UNIX seconds (0 = now / never), or one of Plum's written times ("+3 days") sent as text. */
export type ScheduleValue = { kind: 'timestamp'; seconds: number } | { kind: 'phrase'; phrase: string };

export interface ScheduleContext extends FieldContext {
	/** IANA zone for date-times written without an offset (the workflow's time zone); default: the process's. */
	timeZone?: string;
}

export interface ScheduleWindow {
	start?: ScheduleValue;
	end?: ScheduleValue;
}

// Larger than any UNIX time in seconds until the year 5138; a value above it is almost surely milliseconds.
const MILLISECONDS_THRESHOLD = 1e11;
// Tolerates a few minutes between the clock of n8n and the clock of the person who typed the time.
const CLOCK_SKEW_SECONDS = 300;

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const NUMERIC = /^-?(?:\d+\.?\d*|\.\d+)$/;
const RELATIVE_PHRASE =
	/^(?:(in)\s+|([+-])\s*)?(\d+)\s*(s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)(\s+ago)?$/;

const SECONDS_PER_UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

function unitSeconds(unit: string): number {
	// "min"/"minute" and "m" share the first letter with nothing else in RELATIVE_PHRASE
	return SECONDS_PER_UNIT[unit.charAt(0)];
}

function examples(now: Date): string {
	const inOneDay = new Date(Math.floor(now.getTime() / 1000) * 1000 + 86400000).toISOString().replace('.000Z', 'Z');
	return `${inOneDay}, {{ $now.plus(1, 'day') }}, or a UNIX time in seconds such as ${Math.floor(now.getTime() / 1000) + 86400}`;
}

/**
 * Reads a schedule setting: undefined for an empty value; a timestamp for date-times, Luxon DateTimes
 * (what n8n expressions such as {{ $now.plus(1, 'day') }} give), JS Dates and UNIX seconds; anything else
 * up to 80 characters is one of Plum's written times ("now", "+3 days", "tomorrow 9am").
 */
export function parseScheduleValue(value: unknown, ctx: ScheduleContext, now: Date = new Date()): ScheduleValue | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number') return { kind: 'timestamp', seconds: checkUnixSeconds(value, value, ctx, now) };
	if (value instanceof Date) return { kind: 'timestamp', seconds: checkDate(value.getTime(), value, ctx, now) };
	if (typeof value === 'object') return { kind: 'timestamp', seconds: fromDateTimeObject(value, ctx, now) };
	if (typeof value !== 'string') {
		fail(
			ctx.field,
			`must be a date-time, not ${describeType(value)}`,
			`Use for example ${examples(now)}.`,
			value,
			ctx,
		);
	}
	const text = value.trim();
	if (text === '') return undefined;
	if (NUMERIC.test(text)) return { kind: 'timestamp', seconds: checkUnixSeconds(Number(text), text, ctx, now) };
	const iso = ISO_DATE_TIME.exec(text);
	if (iso !== null) return { kind: 'timestamp', seconds: fromIsoParts(iso, text, ctx, now) };
	if (text.length > LIMITS.naturalTime) {
		fail(
			ctx.field,
			`is ${text.length} characters long; Plum reads written times of up to ${LIMITS.naturalTime}`,
			`Use a shorter time such as "+3 days" or "tomorrow 9am", or a date-time such as ${examples(now)}.`,
			text,
			ctx,
		);
	}
	return { kind: 'phrase', phrase: text };
}

function checkUnixSeconds(seconds: number, shown: unknown, ctx: FieldContext, now: Date): number {
	if (!Number.isFinite(seconds) || seconds < 0) {
		fail(ctx.field, 'is not a valid UNIX time', `Use ${examples(now)}.`, shown, ctx);
	}
	if (seconds > MILLISECONDS_THRESHOLD) {
		fail(
			ctx.field,
			'looks like a time in milliseconds; Plum takes UNIX time in seconds',
			`Divide it by 1000, e.g. ${Math.floor(seconds / 1000)}, or use {{ $now.plus(1, 'day') }}.`,
			shown,
			ctx,
		);
	}
	return Math.floor(seconds);
}

function checkDate(milliseconds: number, shown: unknown, ctx: FieldContext, now: Date): number {
	if (!Number.isFinite(milliseconds)) {
		fail(ctx.field, 'is not a valid date-time', `Use ${examples(now)}.`, String(shown), ctx);
	}
	return checkUnixSeconds(Math.floor(milliseconds / 1000), shown, ctx, now);
}

interface DateTimeLike {
	toUnixInteger?: () => number;
	toSeconds?: () => number;
	toMillis?: () => number;
	isValid?: boolean;
	invalidExplanation?: string | null;
}

/** A Luxon DateTime, duck-typed so this file needs no Luxon import. */
function fromDateTimeObject(value: object, ctx: FieldContext, now: Date): number {
	const dateTime = value as DateTimeLike;
	let seconds: number | undefined;
	if (typeof dateTime.toUnixInteger === 'function') seconds = dateTime.toUnixInteger();
	else if (typeof dateTime.toSeconds === 'function') seconds = Math.floor(dateTime.toSeconds());
	else if (typeof dateTime.toMillis === 'function') seconds = Math.floor(dateTime.toMillis() / 1000);
	else {
		fail(ctx.field, `must be a date-time, not ${describeType(value)}`, `Use ${examples(now)}.`, value, ctx);
	}
	if (dateTime.isValid === false || !Number.isFinite(seconds)) {
		const why = typeof dateTime.invalidExplanation === 'string' ? ` (${dateTime.invalidExplanation})` : '';
		fail(ctx.field, `is not a valid date-time${why}`, `Use ${examples(now)}.`, String(value), ctx);
	}
	return checkUnixSeconds(seconds, String(value), ctx, now);
}

function fromIsoParts(parts: RegExpExecArray, text: string, ctx: ScheduleContext, now: Date): number {
	const year = Number(parts[1]);
	const month = Number(parts[2]);
	const day = Number(parts[3]);
	const hour = parts[4] === undefined ? 0 : Number(parts[4]);
	const minute = parts[5] === undefined ? 0 : Number(parts[5]);
	const second = parts[6] === undefined ? 0 : Number(parts[6]);
	const wallTime = utcMilliseconds(year, month, day, hour, minute, second);
	const check = new Date(wallTime);
	if (
		check.getUTCMonth() !== month - 1 ||
		check.getUTCDate() !== day ||
		hour > 23 ||
		minute > 59 ||
		second > 59
	) {
		fail(ctx.field, 'is not a real date and time', `Check the numbers, e.g. ${examples(now)}.`, text, ctx);
	}
	const offset = parts[7];
	let milliseconds: number;
	if (offset !== undefined) {
		milliseconds = wallTime - offsetMinutes(offset, text, ctx, now) * 60000;
	} else if (ctx.timeZone !== undefined && ctx.timeZone !== '') {
		milliseconds = zonedToUtc(wallTime, ctx.timeZone, ctx);
	} else {
		const local = new Date(0);
		local.setFullYear(year, month - 1, day);
		local.setHours(hour, minute, second, 0);
		milliseconds = local.getTime();
	}
	return checkDate(milliseconds, text, ctx, now);
}

/** Date.UTC without its shortcut that reads years 0 to 99 as 1900 to 1999 ("0070-01-01" is not 1970). */
function utcMilliseconds(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute, second, 0);
	return date.getTime();
}

function offsetMinutes(offset: string, text: string, ctx: FieldContext, now: Date): number {
	if (offset === 'Z' || offset === 'z') return 0;
	const sign = offset.charAt(0) === '-' ? -1 : 1;
	const digits = offset.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
	if (hours > 14 || minutes > 59) {
		fail(ctx.field, `has an impossible time-zone offset (${offset})`, `Use for example ${examples(now)}.`, text, ctx);
	}
	return sign * (hours * 60 + minutes);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The UTC milliseconds at which the clocks of `timeZone` show `wallTime` (read as if it were UTC). */
function zonedToUtc(wallTime: number, timeZone: string, ctx: FieldContext): number {
	const format = zoneFormat(timeZone, ctx);
	const zoneOffset = (utc: number): number => {
		const parts: Record<string, number> = {};
		for (const part of format.formatToParts(new Date(utc))) parts[part.type] = Number(part.value);
		const shown = utcMilliseconds(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second);
		return shown - Math.floor(utc / 1000) * 1000;
	};
	// Two rounds settle daylight-saving transitions: the offset at the guess, then at the corrected time.
	const firstGuess = wallTime - zoneOffset(wallTime);
	return wallTime - zoneOffset(firstGuess);
}

function zoneFormat(timeZone: string, ctx: FieldContext): Intl.DateTimeFormat {
	let format = zoneFormats.get(timeZone);
	if (format === undefined) {
		try {
			format = new Intl.DateTimeFormat('en-US', {
				timeZone,
				hourCycle: 'h23',
				year: 'numeric',
				month: 'numeric',
				day: 'numeric',
				hour: 'numeric',
				minute: 'numeric',
				second: 'numeric',
			});
		} catch {
			fail('Time Zone', 'is not a known time zone', 'Use an IANA name, e.g. America/New_York.', timeZone, ctx);
		}
		zoneFormats.set(timeZone, format);
	}
	return format;
}

/**
 * Plum's written times that can be turned into seconds here: "now", "+3 days", "in 2 hours", "30 minutes",
 * "1 week ago". Anything else ("tomorrow 9am") depends on Plum's server clock and zone: undefined.
 */
export function phraseToUnixSeconds(phrase: string, now: Date = new Date()): number | undefined {
	const text = phrase.trim().toLowerCase();
	const nowSeconds = Math.floor(now.getTime() / 1000);
	if (text === 'now') return nowSeconds;
	const match = RELATIVE_PHRASE.exec(text);
	if (match === null) return undefined;
	const [, inWord, sign, amount, unit, ago] = match;
	if (inWord !== undefined && (sign !== undefined || ago !== undefined)) return undefined;
	const direction = (sign === '-' ? -1 : 1) * (ago === undefined ? 1 : -1);
	return nowSeconds + direction * Number(amount) * unitSeconds(unit);
}

/** For the deployment API, which takes only UNIX seconds. */
export function toUnixSeconds(value: ScheduleValue, ctx: FieldContext, now: Date = new Date()): number {
	if (value.kind === 'timestamp') return value.seconds;
	const seconds = phraseToUnixSeconds(value.phrase, now);
	if (seconds === undefined) {
		fail(
			ctx.field,
			"can't be sent to a deployment: the deployment API takes only a date-time, not written times",
			`Use ${examples(now)}, or a relative time such as "+3 days" or "in 2 hours".`,
			value.phrase,
			ctx,
		);
	}
	return seconds;
}

/** The DEV webservice fields for one schedule setting: scheduled_timestamp or scheduled_time, and so on. */
export function toDevScheduleFields(
	value: ScheduleValue | undefined,
	kind: 'scheduled' | 'expiration',
): Record<string, string> {
	if (value === undefined) return {};
	if (value.kind === 'timestamp') return { [`${kind}_timestamp`]: String(value.seconds) };
	return { [`${kind}_time`]: value.phrase };
}

function describeMoment(seconds: number): string {
	return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

function shownValue(value: ScheduleValue): string {
	return value.kind === 'timestamp' ? String(value.seconds) : value.phrase;
}

/**
 * Start and end seconds where they can be known here; 0 means "now" for a start and "never" for an end.
 * Written times other than simple relative ones can't be compared and are left to Plum.
 */
function comparableSeconds(value: ScheduleValue | undefined, role: 'start' | 'end', now: Date): number | undefined {
	if (value === undefined) return undefined;
	if (value.kind === 'phrase') return phraseToUnixSeconds(value.phrase, now);
	if (value.seconds === 0) return role === 'start' ? Math.floor(now.getTime() / 1000) : undefined;
	return value.seconds;
}

/** No start in the past, no end in the past, and the end after the start. */
export function checkScheduleWindow(
	window: ScheduleWindow,
	fields: { start: string; end: string },
	ctx: { itemIndex?: number },
	now: Date = new Date(),
): void {
	const nowSeconds = Math.floor(now.getTime() / 1000);
	const start = comparableSeconds(window.start, 'start', now);
	const end = comparableSeconds(window.end, 'end', now);
	if (window.start !== undefined && start !== undefined && start < nowSeconds - CLOCK_SKEW_SECONDS) {
		fail(
			fields.start,
			`is in the past (${describeMoment(start)})`,
			`Use a time after now, or leave it empty to start at once, e.g. ${describeMoment(nowSeconds + 3600)}.`,
			shownValue(window.start),
			ctx,
		);
	}
	if (window.end === undefined || end === undefined) return;
	if (end < nowSeconds - CLOCK_SKEW_SECONDS) {
		fail(
			fields.end,
			`is in the past (${describeMoment(end)}), so no call would be made`,
			`Use a time after now, or leave it empty, e.g. ${describeMoment(Math.max(start ?? 0, nowSeconds) + 86400)}.`,
			shownValue(window.end),
			ctx,
		);
	}
	if (start !== undefined && end <= start) {
		fail(
			fields.end,
			`(${describeMoment(end)}) is not after ${fields.start} (${describeMoment(start)})`,
			`Set it later than ${fields.start}, e.g. ${describeMoment(start + 86400)}.`,
			shownValue(window.end),
			ctx,
		);
	}
}
