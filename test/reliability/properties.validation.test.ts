/**
 * Generated input against every validator: bad input is always a PlumInputError naming its field (and a
 * NodeOperationError naming it once through the node glue), never another exception; good input keeps
 * its meaning.
 */
import assert from 'node:assert/strict';

import fc from 'fast-check';

import { variablesFromPairs, parseVariablesJson } from '../../nodes/shared/validation/callVariables';
import { checkAttempts } from '../../nodes/shared/validation/deploymentOptions';
import { Utf8Writer } from '../../nodes/shared/csv/utf8Writer';
import {
	normalizePhoneNumber,
	normalizePhoneParts,
	type PhoneParts,
	writeNormalizedPhone,
} from '../../nodes/shared/validation/phoneNumber';
import { checkScheduleWindow, parseScheduleValue, toUnixSeconds } from '../../nodes/shared/validation/schedule';
import {
	integerInRange,
	optionalIntegerInRange,
	optionalText,
	optionalUrl,
	positiveId,
	requiredText,
	requiredUrl,
} from '../../nodes/shared/validation/text';
import { anyValue, invalidPhone, nastyText, validPhone, variableName } from './support/arbitraries';
import { expectRejected, outcomeOf, OutcomeCounter } from './support/rejection';
import { createTally } from './support/tally';

const RUNS = 10000;
const tally = createTally('properties: validators', ['cases']);
afterAll(() => tally.save());

/** fast-check's property with RUNS cases; the count goes into the table. */
function holds<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void): void {
	fc.assert(fc.property(arbitrary, predicate), { numRuns: RUNS });
	tally.add({ cases: RUNS });
}

/** Both sides of a mixed property were reached, so it tested something. */
function expectBothSides(counter: OutcomeCounter): void {
	expect(counter.accepted).toBeGreaterThan(0);
	expect(counter.rejected).toBeGreaterThan(0);
}

const TEL_URI = /^tel:\+[1-9]\d{9,14}(;ani=[1-9]\d{9,14})?(;postd=[0-9*#pw]+)?$/;
const PHONE_FIELDS = ['Phone Number', 'Caller ID (ANI)'];
const phoneSoup = fc.string({
	unit: fc.constantFrom(...'0123456789 +-().;=/tel:anipostdxX#*,'.split(''), 'tel:', ';ani=', ';postd=', '1617555'),
	maxLength: 40,
});

describe('phone numbers', () => {
	test('any value is either a tel: URI within Plum\'s 128 characters or refused naming the field', () => {
		const counter = new OutcomeCounter();
		const callerIds = fc.option(fc.oneof(validPhone.map((phone) => phone.written), invalidPhone), { nil: undefined });
		holds(fc.tuple(fc.oneof(anyValue, phoneSoup, invalidPhone, validPhone.map((phone) => phone.written)), callerIds), ([raw, callerId]) => {
			const outcome = outcomeOf(() => normalizePhoneNumber(raw, { callerId }), PHONE_FIELDS);
			counter.note(outcome);
			if (!outcome.accepted) return;
			assert.match(outcome.value, TEL_URI);
			assert.ok(outcome.value.length <= 128);
			// What the node sends is already in its final form.
			assert.equal(normalizePhoneNumber(outcome.value), outcome.value);
		});
		expectBothSides(counter);
	});

	test('a number written any of the usual ways becomes the one tel: URI Plum expects', () => {
		holds(validPhone, ({ written, tel }) => {
			assert.equal(normalizePhoneNumber(written), tel);
		});
	});

	test('the parts Bulk Queue writes are the digits and the options of the same tel: URI, or the same refusal', () => {
		const parts: PhoneParts = { digits: 'stale', suffix: 'stale' };
		const callerIds = fc.option(validPhone.map((phone) => phone.written), { nil: undefined });
		holds(fc.tuple(fc.oneof(phoneSoup, invalidPhone, validPhone.map((phone) => phone.written)), callerIds), ([raw, callerId]) => {
			const whole = outcomeOf(() => normalizePhoneNumber(raw, { callerId }), PHONE_FIELDS);
			const split = outcomeOf(() => normalizePhoneParts(raw, { callerId }, parts), PHONE_FIELDS);
			assert.equal(split.accepted, whole.accepted);
			if (!whole.accepted) return;
			assert.match(parts.digits, /^[1-9]\d{9,14}$/);
			assert.equal(`tel:+${parts.digits}${parts.suffix}`, whole.value);
		});
	});

	test('the number a phone list is written with is the same tel: URI, or the same refusal with nothing written', () => {
		const counter = new OutcomeCounter();
		const callerIds = fc.option(fc.oneof(validPhone.map((phone) => phone.written), invalidPhone), { nil: undefined });
		holds(fc.tuple(fc.oneof(anyValue, phoneSoup, invalidPhone, validPhone.map((phone) => phone.written)), callerIds), ([raw, callerId]) => {
			const whole = outcomeOf(() => normalizePhoneNumber(raw, { callerId }), PHONE_FIELDS);
			const list = new Utf8Writer();
			list.text('before|');
			const written = outcomeOf(() => writeNormalizedPhone(raw, { callerId }, list), PHONE_FIELDS);
			counter.note(written);
			assert.equal(written.accepted, whole.accepted);
			const text = list.toBuffer().toString('latin1');
			if (whole.accepted) assert.equal(text, `before|${whole.value}`);
			else assert.equal(text, 'before|');
			if (!whole.accepted && !written.accepted) assert.equal(written.error.message, whole.error.message);
		});
		expectBothSides(counter);
	});

	test('numbers that cannot be dialed are always refused naming the field the user filled', () => {
		holds(fc.tuple(invalidPhone, fc.constantFrom('Phone Number', 'destination')), ([raw, field]) => {
			expectRejected(() => normalizePhoneNumber(raw, { field, itemIndex: 3 }), [field]);
		});
	});
});

describe('text and URLs', () => {
	test('optional text is trimmed, within its limit, or refused naming the field', () => {
		const counter = new OutcomeCounter();
		holds(fc.tuple(anyValue, fc.integer({ min: 0, max: 300 })), ([value, limit]) => {
			const outcome = outcomeOf(() => optionalText(value, limit, { field: 'Message Reference' }), ['Message Reference']);
			counter.note(outcome);
			if (typeof value === 'string') assert.equal(outcome.accepted, value.trim().length <= limit);
			if (!outcome.accepted) return;
			if (outcome.value === undefined) return;
			assert.equal(typeof outcome.value, 'string');
			assert.ok(outcome.value.length <= limit && outcome.value !== '');
			assert.equal(outcome.value, outcome.value.trim());
		});
		expectBothSides(counter);
	});

	test('required text is never empty once accepted', () => {
		const counter = new OutcomeCounter();
		holds(fc.tuple(anyValue, fc.integer({ min: 1, max: 300 })), ([value, limit]) => {
			const outcome = outcomeOf(() => requiredText(value, limit, { field: 'Campaign Name' }), ['Campaign Name']);
			counter.note(outcome);
			if (typeof value === 'string') assert.equal(outcome.accepted, value.trim() !== '' && value.trim().length <= limit);
			if (outcome.accepted) assert.ok(typeof outcome.value === 'string' && outcome.value.trim() !== '');
		});
		expectBothSides(counter);
	});

	test('an accepted URL is an http(s) address with a host, no spaces and at most 255 characters', () => {
		const counter = new OutcomeCounter();
		const urlish = fc.oneof(
			anyValue,
			fc.webUrl({ withQueryParameters: true, withFragments: true }),
			fc.tuple(fc.constantFrom('http://', 'https://', 'ftp://', 'HTTP://', '//', 'javascript:', 'http:/', ''), nastyText).map(([scheme, rest]) => scheme + rest),
		);
		holds(urlish, (value) => {
			const outcome = outcomeOf(() => optionalUrl(value, { field: 'Start URL' }), ['Start URL']);
			counter.note(outcome);
			if (!outcome.accepted || outcome.value === undefined) return;
			assert.match(outcome.value, /^https?:\/\//i);
			assert.doesNotMatch(outcome.value, /\s/);
			assert.ok(outcome.value.length <= 255);
			assert.notEqual(new URL(outcome.value).hostname, '');
		});
		expectBothSides(counter);
	});

	test('well-formed web addresses pass unchanged, and a required URL refuses emptiness', () => {
		holds(fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((url) => url.length <= 255), (url) => {
			assert.equal(requiredUrl(url, { field: 'Start URL' }), url);
			expectRejected(() => requiredUrl(url.replace(/^https?:\/\//, ''), { field: 'Start URL' }), ['Start URL']);
		});
		expectRejected(() => requiredUrl('  ', { field: 'Start URL' }), ['Start URL']);
	});
});

describe('numbers', () => {
	test('a whole number in range is accepted exactly when it is one, from numbers or numeric text', () => {
		const counter = new OutcomeCounter();
		const bounds = fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 1e6 })).map(([min, span]) => [min, min + span] as const);
		const values = fc.oneof(anyValue, fc.integer({ min: -2e6, max: 2e6 }), fc.integer({ min: -2e6, max: 2e6 }).map((n) => ` ${n} `), fc.double({ min: -2e6, max: 2e6 }));
		holds(fc.tuple(values, bounds), ([value, [min, max]]) => {
			const outcome = outcomeOf(() => integerInRange(value, min, max, { field: 'Max Retries' }), ['Max Retries']);
			counter.note(outcome);
			if (typeof value === 'number') assert.equal(outcome.accepted, Number.isInteger(value) && value >= min && value <= max);
			if (outcome.accepted) assert.ok(Number.isInteger(outcome.value) && outcome.value >= min && outcome.value <= max);
			const optional = outcomeOf(() => optionalIntegerInRange(value, min, max, { field: 'Max Retries' }), ['Max Retries']);
			if (optional.accepted && optional.value !== undefined) assert.ok(outcome.accepted && optional.value === outcome.value);
		});
		expectBothSides(counter);
	});

	test('an application, deployment or call id is a positive safe integer or refused', () => {
		const counter = new OutcomeCounter();
		holds(fc.oneof(anyValue, fc.integer(), fc.integer().map(String), fc.double()), (value) => {
			const outcome = outcomeOf(() => positiveId(value, { field: 'Application ID' }), ['Application ID']);
			counter.note(outcome);
			if (typeof value === 'number') assert.equal(outcome.accepted, Number.isSafeInteger(value) && value >= 1);
			if (outcome.accepted) assert.ok(Number.isSafeInteger(outcome.value) && outcome.value >= 1);
		});
		expectBothSides(counter);
	});

	test('retry settings follow Plum\'s ranges, and a reattempt wait is required above one attempt', () => {
		const counter = new OutcomeCounter();
		const maybeNumber = (min: number, max: number) =>
			fc.option(fc.oneof(fc.integer({ min, max }), fc.double({ min, max }), fc.constantFrom(NaN, Infinity)), { nil: undefined });
		holds(fc.tuple(maybeNumber(-3, 14), maybeNumber(0, 90000)), ([attempts, wait]) => {
			const outcome = outcomeOf(() => checkAttempts(attempts, wait, { itemIndex: 0 }), ['Max Attempts', 'Reattempt Wait (Seconds)']);
			counter.note(outcome);
			const attemptsOk = attempts === undefined || (Number.isInteger(attempts) && attempts >= 1 && attempts <= 10);
			const waitOk = wait === undefined || (Number.isInteger(wait) && wait >= 60 && wait <= 86400);
			const waitPresent = attempts === undefined || attempts <= 1 || wait !== undefined;
			assert.equal(outcome.accepted, attemptsOk && waitOk && waitPresent);
		});
		expectBothSides(counter);
	});
});

describe('schedule times', () => {
	const NOW = new Date('2030-06-15T12:00:00Z');
	const SCHEDULE_FIELDS = ['Scheduled At', 'Time Zone'];
	const timeZone = fc.constantFrom(undefined, 'UTC', 'America/New_York', 'Asia/Kolkata', 'Not/A_Zone');
	const pad = (value: number, width: number) => String(value).padStart(width, '0');

	test('any value is empty, a UNIX second, a written time of at most 80 characters, or refused', () => {
		const counter = new OutcomeCounter();
		const values = fc.oneof(anyValue, fc.constantFrom('now', '+3 days', 'in 2 hours', 'tomorrow 9am', '1 week ago'), fc.integer({ min: -10, max: 2e11 }).map(String));
		holds(fc.tuple(values, timeZone), ([value, zone]) => {
			const outcome = outcomeOf(() => parseScheduleValue(value, { field: 'Scheduled At', timeZone: zone }, NOW), SCHEDULE_FIELDS);
			counter.note(outcome);
			if (!outcome.accepted || outcome.value === undefined) return;
			if (outcome.value.kind === 'timestamp') {
				assert.ok(Number.isSafeInteger(outcome.value.seconds) && outcome.value.seconds >= 0 && outcome.value.seconds <= 1e11);
			} else {
				assert.ok(outcome.value.phrase.length <= 80 && outcome.value.phrase === outcome.value.phrase.trim() && outcome.value.phrase !== '');
				// The deployment API needs seconds: a phrase either converts or is refused naming the field.
				outcomeOf(() => toUnixSeconds(outcome.value as never, { field: 'Scheduled At' }, NOW), ['Scheduled At']);
			}
		});
		expectBothSides(counter);
	});

	test('an ISO date-time with an offset is the exact UNIX second it names; impossible ones are refused', () => {
		const counter = new OutcomeCounter();
		const parts = fc.record({
			year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1969, max: 2100 })),
			month: fc.integer({ min: 0, max: 13 }),
			day: fc.integer({ min: 0, max: 32 }),
			hour: fc.integer({ min: 0, max: 25 }),
			minute: fc.integer({ min: 0, max: 61 }),
			second: fc.integer({ min: 0, max: 61 }),
			offsetMinutes: fc.integer({ min: -16 * 60, max: 16 * 60 }),
		});
		holds(parts, ({ year, month, day, hour, minute, second, offsetMinutes }) => {
			const sign = offsetMinutes < 0 ? '-' : '+';
			const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60), 2)}:${pad(Math.abs(offsetMinutes) % 60, 2)}`;
			const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${offset}`;
			const outcome = outcomeOf(() => parseScheduleValue(text, { field: 'Scheduled At' }, NOW), ['Scheduled At']);
			counter.note(outcome);

			// The oracle: a proleptic Gregorian calendar without Date.UTC's two-digit-year shortcut.
			const date = new Date(0);
			date.setUTCFullYear(year, month - 1, day);
			date.setUTCHours(hour, minute, second, 0);
			const real =
				month >= 1 && month <= 12 && date.getUTCDate() === day && date.getUTCMonth() === month - 1 && hour <= 23 && minute <= 59 && second <= 59;
			const seconds = Math.floor((date.getTime() - offsetMinutes * 60000) / 1000);
			const expected = real && Math.floor(Math.abs(offsetMinutes) / 60) <= 14 && seconds >= 0 && seconds <= 1e11;
			assert.equal(outcome.accepted, expected, `${text} ${expected ? 'should be accepted' : 'should be refused'}`);
			if (outcome.accepted) assert.deepEqual(outcome.value, { kind: 'timestamp', seconds });
		});
		expectBothSides(counter);
	});

	test('a schedule window with an end before its start, or in the past, is refused naming the end', () => {
		const counter = new OutcomeCounter();
		const moment = fc.oneof(fc.integer({ min: 0, max: 2 * 1902000000 }), fc.constantFrom('now', '+1 hour', '-2 days', 'in 3 days'));
		holds(fc.tuple(fc.option(moment, { nil: undefined }), fc.option(moment, { nil: undefined })), ([start, end]) => {
			const context = { field: 'x' };
			const window = {
				start: start === undefined ? undefined : parseScheduleValue(start, { ...context, field: 'Scheduled At' }, NOW),
				end: end === undefined ? undefined : parseScheduleValue(end, { ...context, field: 'Expires At' }, NOW),
			};
			const outcome = outcomeOf(
				() => checkScheduleWindow(window, { start: 'Scheduled At', end: 'Expires At' }, {}, NOW),
				['Scheduled At', 'Expires At'],
			);
			counter.note(outcome);
		});
		expectBothSides(counter);
	});
});

describe('call variables', () => {
	const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

	test('any JSON value or text is a map of valid variable names, or refused naming Variables (JSON)', () => {
		const counter = new OutcomeCounter();
		const dictionaryText = fc.dictionary(fc.oneof(variableName, nastyText, fc.constant('__proto__')), fc.jsonValue({ maxDepth: 2 })).map((value) => JSON.stringify(value));
		holds(fc.oneof(anyValue, dictionaryText, fc.json({ maxDepth: 2 }), nastyText), (raw) => {
			const outcome = outcomeOf(() => parseVariablesJson(raw, 0), ['Variables (JSON)']);
			counter.note(outcome);
			if (!outcome.accepted) return;
			assert.ok(typeof outcome.value === 'object' && outcome.value !== null && !Array.isArray(outcome.value));
			for (const name of Object.keys(outcome.value)) assert.ok(VALID_NAME.test(name) && name !== '__proto__', name);
		});
		expectBothSides(counter);
	});

	test('valid variables survive the JSON text and the name/value pairs unchanged', () => {
		holds(fc.dictionary(variableName, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }), (variables) => {
			const expected = JSON.parse(JSON.stringify(variables)) as Record<string, unknown>;
			assert.deepEqual(parseVariablesJson(JSON.stringify(variables)), expected);
			const pairs = Object.entries(expected).map(([name, value]) => ({ name, value }));
			const fromPairs = variablesFromPairs(pairs, 0);
			assert.deepEqual(Object.keys(fromPairs), Object.keys(expected));
			// A pair without a value (null) is sent as an empty value.
			const expectedFromPairs = Object.fromEntries(Object.entries(expected).map(([name, value]) => [name, value ?? '']));
			assert.deepEqual(JSON.parse(JSON.stringify(fromPairs)), expectedFromPairs);
		});
	});

	test('name/value pairs with any names keep every pair or are refused naming Variables', () => {
		const counter = new OutcomeCounter();
		const pairs = fc.array(fc.record({ name: fc.oneof(variableName, nastyText, fc.constant('__proto__'), anyValue), value: anyValue }), { maxLength: 6 });
		holds(pairs, (list) => {
			const outcome = outcomeOf(() => variablesFromPairs(list, 2), ['Variables']);
			counter.note(outcome);
			if (!outcome.accepted) return;
			const names = new Set(list.map((pair) => String(pair.name ?? '').trim()));
			assert.deepEqual(new Set(Object.keys(outcome.value)), names);
			assert.equal(Object.getPrototypeOf(outcome.value), Object.prototype);
		});
		expectBothSides(counter);
	});
});
