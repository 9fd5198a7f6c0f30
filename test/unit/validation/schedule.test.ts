import { DateTime } from 'luxon';

import {
	checkScheduleWindow,
	parseScheduleValue,
	phraseToUnixSeconds,
	toDevScheduleFields,
	toUnixSeconds,
} from '../../../nodes/shared/validation/schedule';
import { problemOf } from './problemOf';

const now = new Date('2026-06-01T12:00:00Z');
const nowSeconds = Date.UTC(2026, 5, 1, 12) / 1000;
const scheduled = { field: 'Scheduled At', itemIndex: 4 };
const fields = { start: 'Scheduled At', end: 'Expires At' };
const at = (seconds: number) => ({ kind: 'timestamp' as const, seconds });
const phrase = (text: string) => ({ kind: 'phrase' as const, phrase: text });

describe('parseScheduleValue', () => {
	test('gives undefined for empty values', () => {
		expect(parseScheduleValue(undefined, scheduled, now)).toBeUndefined();
		expect(parseScheduleValue(null, scheduled, now)).toBeUndefined();
		expect(parseScheduleValue('  ', scheduled, now)).toBeUndefined();
	});

	test('reads an ISO date-time in UTC', () => {
		expect(parseScheduleValue('2026-12-01T09:00:00Z', scheduled, now)).toEqual(at(Date.UTC(2026, 11, 1, 9) / 1000));
	});

	test('reads an ISO date-time with an offset', () => {
		expect(parseScheduleValue('2026-12-01T09:00:00-05:00', scheduled, now)).toEqual(
			at(Date.UTC(2026, 11, 1, 14) / 1000),
		);
	});

	test('reads an ISO date-time with milliseconds, as n8n writes a DateTime into text', () => {
		expect(parseScheduleValue('2026-12-01T09:00:00.000+01:00', scheduled, now)).toEqual(
			at(Date.UTC(2026, 11, 1, 8) / 1000),
		);
	});

	test('reads a date-time without an offset in the time zone given', () => {
		const value = parseScheduleValue('2026-12-01 09:00', { ...scheduled, timeZone: 'America/New_York' }, now);
		expect(value).toEqual(at(Date.UTC(2026, 11, 1, 14) / 1000));
	});

	test('applies daylight saving time for a date-time without an offset', () => {
		const value = parseScheduleValue('2026-07-01T09:00', { ...scheduled, timeZone: 'America/New_York' }, now);
		expect(value).toEqual(at(Date.UTC(2026, 6, 1, 13) / 1000));
	});

	test("reads a date-time without an offset in the process's time zone when none is given", () => {
		expect(parseScheduleValue('2026-12-01 09:00', scheduled, now)).toEqual(
			at(new Date(2026, 11, 1, 9, 0, 0).getTime() / 1000),
		);
	});

	test('rejects an unknown time zone', () => {
		const problem = problemOf(() => parseScheduleValue('2026-12-01 09:00', { ...scheduled, timeZone: 'Mars/Base' }, now));
		expect(problem.field).toBe('Time Zone');
	});

	test('rejects a date that does not exist', () => {
		const problem = problemOf(() => parseScheduleValue('2026-02-30T09:00:00Z', scheduled, now));
		expect(problem).toMatchObject({ field: 'Scheduled At', itemIndex: 4, rule: 'is not a real date and time' });
	});

	test('rejects an hour of 25', () => {
		expect(problemOf(() => parseScheduleValue('2026-12-01T25:00:00Z', scheduled, now)).rule).toBe(
			'is not a real date and time',
		);
	});

	test('accepts a Luxon DateTime', () => {
		const dateTime = DateTime.fromISO('2026-12-01T09:00:00', { zone: 'America/New_York' });
		expect(parseScheduleValue(dateTime, scheduled, now)).toEqual(at(Date.UTC(2026, 11, 1, 14) / 1000));
	});

	test('rejects an invalid Luxon DateTime with its explanation', () => {
		const problem = problemOf(() => parseScheduleValue(DateTime.fromISO('nonsense'), scheduled, now));
		expect(problem.rule).toContain('is not a valid date-time');
		expect(problem.rule).toContain('nonsense');
	});

	test('accepts an object with only toMillis', () => {
		const value = parseScheduleValue({ toMillis: () => 1796137200123 }, scheduled, now);
		expect(value).toEqual(at(1796137200));
	});

	test('accepts a JS Date', () => {
		expect(parseScheduleValue(new Date('2026-12-01T09:00:00Z'), scheduled, now)).toEqual(
			at(Date.UTC(2026, 11, 1, 9) / 1000),
		);
	});

	test('rejects an invalid JS Date', () => {
		expect(problemOf(() => parseScheduleValue(new Date('nope'), scheduled, now)).rule).toBe('is not a valid date-time');
	});

	test('reads a number as UNIX seconds', () => {
		expect(parseScheduleValue(1796137200, scheduled, now)).toEqual(at(1796137200));
	});

	test('reads numeric text as UNIX seconds', () => {
		expect(parseScheduleValue(' 1796137200 ', scheduled, now)).toEqual(at(1796137200));
	});

	test('keeps 0, which means now or never', () => {
		expect(parseScheduleValue(0, scheduled, now)).toEqual(at(0));
		expect(parseScheduleValue('0', scheduled, now)).toEqual(at(0));
	});

	test('rejects millisecond timestamps and suggests dividing by 1000', () => {
		const problem = problemOf(() => parseScheduleValue(1796137200000, scheduled, now));
		expect(problem.rule).toContain('milliseconds');
		expect(problem.fix).toContain('1796137200');
	});

	test('rejects millisecond timestamps written as text', () => {
		expect(problemOf(() => parseScheduleValue('1796137200000', scheduled, now)).rule).toContain('milliseconds');
	});

	test('rejects a negative number', () => {
		expect(problemOf(() => parseScheduleValue(-5, scheduled, now)).rule).toBe('is not a valid UNIX time');
	});

	test('keeps a Plum phrase as written', () => {
		expect(parseScheduleValue(' tomorrow 9am ', scheduled, now)).toEqual(phrase('tomorrow 9am'));
		expect(parseScheduleValue('+3 days', scheduled, now)).toEqual(phrase('+3 days'));
		expect(parseScheduleValue('oct 14th, 2011 11:05PM EST', scheduled, now)).toEqual(
			phrase('oct 14th, 2011 11:05PM EST'),
		);
	});

	test('accepts a phrase of exactly 80 characters', () => {
		expect(parseScheduleValue('x'.repeat(80), scheduled, now)).toEqual(phrase('x'.repeat(80)));
	});

	test('rejects a phrase over 80 characters', () => {
		const problem = problemOf(() => parseScheduleValue('x'.repeat(81), scheduled, now));
		expect(problem.rule).toContain('81 characters');
		expect(problem.rule).toContain('80');
	});

	test('rejects a boolean', () => {
		expect(problemOf(() => parseScheduleValue(true, scheduled, now)).rule).toContain('must be a date-time');
	});

	test('rejects a plain object', () => {
		expect(problemOf(() => parseScheduleValue({ when: 'now' }, scheduled, now)).rule).toContain('an object');
	});
});

describe('phraseToUnixSeconds', () => {
	test('reads now', () => {
		expect(phraseToUnixSeconds(' Now ', now)).toBe(nowSeconds);
	});

	test('reads +3 days', () => {
		expect(phraseToUnixSeconds('+3 days', now)).toBe(nowSeconds + 3 * 86400);
	});

	test('reads +2 hours and +30 minutes', () => {
		expect(phraseToUnixSeconds('+2 hours', now)).toBe(nowSeconds + 7200);
		expect(phraseToUnixSeconds('+30 minutes', now)).toBe(nowSeconds + 1800);
	});

	test('reads a singular unit', () => {
		expect(phraseToUnixSeconds('+1 week', now)).toBe(nowSeconds + 604800);
		expect(phraseToUnixSeconds('1 second', now)).toBe(nowSeconds + 1);
	});

	test('reads "in 3 days" and "3 days"', () => {
		expect(phraseToUnixSeconds('in 3 days', now)).toBe(nowSeconds + 3 * 86400);
		expect(phraseToUnixSeconds('3 days', now)).toBe(nowSeconds + 3 * 86400);
	});

	test('reads a time in the past', () => {
		expect(phraseToUnixSeconds('-1 day', now)).toBe(nowSeconds - 86400);
		expect(phraseToUnixSeconds('2 hours ago', now)).toBe(nowSeconds - 7200);
	});

	test('gives undefined for phrases that depend on the Plum server', () => {
		expect(phraseToUnixSeconds('tomorrow 9am', now)).toBeUndefined();
		expect(phraseToUnixSeconds('+1 month', now)).toBeUndefined();
		expect(phraseToUnixSeconds('oct 14th, 2011 11:05PM EST', now)).toBeUndefined();
	});
});

describe('toUnixSeconds', () => {
	const start = { field: 'Start At', itemIndex: 1 };

	test('returns the seconds of a timestamp', () => {
		expect(toUnixSeconds(at(1796137200), start, now)).toBe(1796137200);
	});

	test('converts a relative phrase', () => {
		expect(toUnixSeconds(phrase('+2 hours'), start, now)).toBe(nowSeconds + 7200);
	});

	test('explains that the deployment API needs a date-time, with examples', () => {
		const problem = problemOf(() => toUnixSeconds(phrase('tomorrow 9am'), start, now));
		expect(problem).toMatchObject({ field: 'Start At', itemIndex: 1, value: 'tomorrow 9am' });
		expect(problem.rule).toContain('date-time');
		expect(problem.fix).toContain('2026-06-02T12:00:00Z');
		expect(problem.fix).toContain('$now.plus');
	});
});

describe('toDevScheduleFields', () => {
	test('writes a timestamp as scheduled_timestamp', () => {
		expect(toDevScheduleFields(at(1796137200), 'scheduled')).toEqual({ scheduled_timestamp: '1796137200' });
	});

	test('writes a phrase as expiration_time', () => {
		expect(toDevScheduleFields(phrase('+3 days'), 'expiration')).toEqual({ expiration_time: '+3 days' });
	});

	test('writes nothing for an empty setting', () => {
		expect(toDevScheduleFields(undefined, 'scheduled')).toEqual({});
	});
});

describe('checkScheduleWindow', () => {
	const check = (start: ReturnType<typeof at | typeof phrase> | undefined, end?: ReturnType<typeof at | typeof phrase>) =>
		checkScheduleWindow({ start, end }, fields, { itemIndex: 6 }, now);

	test('accepts a start in the future and a later end', () => {
		expect(() => check(at(nowSeconds + 3600), at(nowSeconds + 7200))).not.toThrow();
	});

	test('accepts an empty window', () => {
		expect(() => check(undefined, undefined)).not.toThrow();
	});

	test('rejects a start in the past and names the item', () => {
		const problem = problemOf(() => check(at(nowSeconds - 3600)));
		expect(problem).toMatchObject({ field: 'Scheduled At', itemIndex: 6, value: String(nowSeconds - 3600) });
		expect(problem.rule).toContain('in the past');
	});

	test('allows a start up to 5 minutes in the past for clock skew', () => {
		expect(() => check(at(nowSeconds - 299))).not.toThrow();
		expect(() => check(at(nowSeconds - 301))).toThrow();
	});

	test('accepts a start of 0, which means now', () => {
		expect(() => check(at(0), at(nowSeconds + 60))).not.toThrow();
	});

	test('accepts an end of 0, which means never', () => {
		expect(() => check(at(nowSeconds + 3600), at(0))).not.toThrow();
	});

	test('rejects an expiry before the schedule', () => {
		const problem = problemOf(() => check(at(nowSeconds + 7200), at(nowSeconds + 3600)));
		expect(problem.field).toBe('Expires At');
		expect(problem.rule).toContain('is not after Scheduled At');
	});

	test('rejects an expiry equal to the schedule', () => {
		expect(problemOf(() => check(at(nowSeconds + 3600), at(nowSeconds + 3600))).field).toBe('Expires At');
	});

	test('rejects an expiry in the past', () => {
		const problem = problemOf(() => check(undefined, at(nowSeconds - 86400)));
		expect(problem.field).toBe('Expires At');
		expect(problem.rule).toContain('in the past');
	});

	test('compares relative phrases', () => {
		const problem = problemOf(() => check(phrase('+3 days'), phrase('+1 day')));
		expect(problem.field).toBe('Expires At');
	});

	test('compares now with a timestamp', () => {
		expect(() => check(phrase('now'), at(nowSeconds + 60))).not.toThrow();
		expect(problemOf(() => check(at(nowSeconds + 3600), phrase('now'))).field).toBe('Expires At');
	});

	test('leaves phrases it cannot read to Plum', () => {
		expect(() => check(phrase('tomorrow 9am'), at(nowSeconds + 60))).not.toThrow();
		expect(() => check(at(nowSeconds + 3600), phrase('next friday'))).not.toThrow();
	});
});
