import {
	FINAL_STATUSES,
	isFinalStatus,
	normalizeCallDetails,
	normalizeEvents,
	timestampToIso,
	toNumberIfNumeric,
	unquotePhoneNumber,
} from '../../nodes/shared/callDetails';

/** Plum's documented call_details example (PLUM-API.md §4): numbers as strings, phone in quotes. */
const documentedExample = {
	max_attempts: '1',
	attempts: '1',
	events: [
		{ event: 'queued', timestamp: 1475095892 },
		{ event: 'dialing', timestamp: 1475095893 },
		{ event: 'connected', timestamp: 1475095925 },
		{ event: 'disconnected', timestamp: 1475095928 },
	],
	phone_number: "'6173720293'",
	status: 'completed',
	queued_timestamp: '1475095892',
	start_timestamp: '1475095925',
	end_timestamp: '1475095928',
	reattempt_wait: '300',
	duration: 3,
};

describe('unquotePhoneNumber', () => {
	it('removes the single quotes Plum puts around the phone number', () => {
		expect(unquotePhoneNumber("'6173720293'")).toBe('6173720293');
	});

	it('removes double quotes and the spaces around them too', () => {
		expect(unquotePhoneNumber(' "16175551234" ')).toBe('16175551234');
	});

	it('leaves numbers without quotes, tel URIs and non-strings as they were', () => {
		expect(unquotePhoneNumber('16175551234')).toBe('16175551234');
		expect(unquotePhoneNumber('tel:+16175551234;ani=8005551234')).toBe('tel:+16175551234;ani=8005551234');
		expect(unquotePhoneNumber(6173720293)).toBe(6173720293);
		expect(unquotePhoneNumber(undefined)).toBeUndefined();
	});

	it('leaves a lone quote or mismatched quotes alone', () => {
		expect(unquotePhoneNumber("'")).toBe("'");
		expect(unquotePhoneNumber('\'6173720293"')).toBe('\'6173720293"');
	});
});

describe('toNumberIfNumeric', () => {
	it('turns decimal text into numbers', () => {
		expect(toNumberIfNumeric('300')).toBe(300);
		expect(toNumberIfNumeric(' 12.5 ')).toBe(12.5);
		expect(toNumberIfNumeric('-4')).toBe(-4);
	});

	it('keeps text that is not a plain decimal number', () => {
		expect(toNumberIfNumeric('')).toBe('');
		expect(toNumberIfNumeric('1e3')).toBe('1e3');
		expect(toNumberIfNumeric('0x10')).toBe('0x10');
		expect(toNumberIfNumeric('12 seconds')).toBe('12 seconds');
	});
});

describe('timestampToIso', () => {
	it('turns UNIX seconds, as number or text, into ISO 8601 UTC', () => {
		expect(timestampToIso(1475095925)).toBe('2016-09-28T20:52:05.000Z');
		expect(timestampToIso('1475095925')).toBe('2016-09-28T20:52:05.000Z');
	});

	it('gives null for 0, empty, negative and unreadable values', () => {
		expect(timestampToIso(0)).toBeNull();
		expect(timestampToIso('0')).toBeNull();
		expect(timestampToIso('')).toBeNull();
		expect(timestampToIso(-5)).toBeNull();
		expect(timestampToIso('not a date')).toBeNull();
		expect(timestampToIso(undefined)).toBeNull();
		expect(timestampToIso(1e20)).toBeNull();
	});

	it('reads a date written as text, as the DEV webservice accepts them', () => {
		expect(timestampToIso('Fri, 07 Aug 2020 16:40:08 -0400')).toBe('2020-08-07T20:40:08.000Z');
	});
});

describe('isFinalStatus', () => {
	it('is true for each documented final status, whatever the case', () => {
		for (const status of FINAL_STATUSES) {
			expect(isFinalStatus(status)).toBe(true);
			expect(isFinalStatus(status.toUpperCase())).toBe(true);
		}
	});

	it('is false for statuses of calls still in progress and for non-strings', () => {
		expect(isFinalStatus('queued')).toBe(false);
		expect(isFinalStatus('dialing')).toBe(false);
		expect(isFinalStatus(undefined)).toBe(false);
	});
});

describe('normalizeEvents', () => {
	const expected = [
		{ event: 'queued', timestamp: 1475095892, timestamp_iso: '2016-09-28T20:51:32.000Z' },
		{ event: 'dialing', timestamp: 1475095893, timestamp_iso: '2016-09-28T20:51:33.000Z' },
	];

	it('keeps an array in its order and adds ISO times', () => {
		expect(
			normalizeEvents([
				{ event: 'queued', timestamp: 1475095892 },
				{ event: 'dialing', timestamp: '1475095893' },
			]),
		).toEqual(expected);
	});

	it('reads an object keyed 0, 1, … (PHP-style form fields) in index order', () => {
		expect(
			normalizeEvents({
				'1': { event: 'dialing', timestamp: '1475095893' },
				'0': { event: 'queued', timestamp: '1475095892' },
			}),
		).toEqual(expected);
	});

	it("reads XML's { event: [...] } shape", () => {
		expect(
			normalizeEvents({
				event: [
					{ event: 'queued', timestamp: '1475095892' },
					{ event: 'dialing', timestamp: '1475095893' },
				],
			}),
		).toEqual(expected);
	});

	it("reads XML's single { event: {...} } shape as a list of one", () => {
		expect(normalizeEvents({ event: { event: 'queued', timestamp: '1475095892' } })).toEqual([
			expected[0],
		]);
	});

	it('reads a JSON array sent as the text of a form field', () => {
		expect(
			normalizeEvents('[{"event":"queued","timestamp":1475095892},{"event":"dialing","timestamp":1475095893}]'),
		).toEqual(expected);
	});

	it('keeps extra event fields and gives null times when an event has none', () => {
		expect(normalizeEvents([{ event: 'busy', line: '3' }])).toEqual([
			{ event: 'busy', line: '3', timestamp: null, timestamp_iso: null },
		]);
	});

	it('leaves a value it cannot read as events unchanged', () => {
		expect(normalizeEvents('queued,dialing')).toBe('queued,dialing');
		expect(normalizeEvents(7)).toBe(7);
	});
});

describe('normalizeCallDetails', () => {
	it("normalises Plum's documented example", () => {
		const result = normalizeCallDetails(documentedExample);
		expect(result).toEqual({
			max_attempts: 1,
			attempts: 1,
			events: [
				{ event: 'queued', timestamp: 1475095892, timestamp_iso: '2016-09-28T20:51:32.000Z' },
				{ event: 'dialing', timestamp: 1475095893, timestamp_iso: '2016-09-28T20:51:33.000Z' },
				{ event: 'connected', timestamp: 1475095925, timestamp_iso: '2016-09-28T20:52:05.000Z' },
				{ event: 'disconnected', timestamp: 1475095928, timestamp_iso: '2016-09-28T20:52:08.000Z' },
			],
			phone_number: '6173720293',
			status: 'completed',
			queued_timestamp: 1475095892,
			queued_timestamp_iso: '2016-09-28T20:51:32.000Z',
			start_timestamp: 1475095925,
			start_timestamp_iso: '2016-09-28T20:52:05.000Z',
			end_timestamp: 1475095928,
			end_timestamp_iso: '2016-09-28T20:52:08.000Z',
			reattempt_wait: 300,
			duration: 3,
			final: true,
		});
	});

	it('keeps call_id as text, also when it arrives as a number', () => {
		expect(normalizeCallDetails({ call_id: '112850593' }).call_id).toBe('112850593');
		expect(normalizeCallDetails({ call_id: 112850593 }).call_id).toBe('112850593');
	});

	it('gives null ISO times for timestamps of 0 (not reached) and adds them for any *_timestamp', () => {
		const result = normalizeCallDetails({
			status: 'rejected',
			start_timestamp: '0',
			last_attempt_timestamp: '',
			scheduled_timestamp: '1475095892',
		});
		expect(result.start_timestamp).toBe(0);
		expect(result.start_timestamp_iso).toBeNull();
		expect(result.last_attempt_timestamp).toBe('');
		expect(result.last_attempt_timestamp_iso).toBeNull();
		expect(result.scheduled_timestamp).toBe(1475095892);
		expect(result.scheduled_timestamp_iso).toBe('2016-09-28T20:51:32.000Z');
	});

	it('writes the status in lower case and marks final statuses case-insensitively', () => {
		expect(normalizeCallDetails({ status: ' Canceled ' })).toMatchObject({ status: 'canceled', final: true });
		expect(normalizeCallDetails({ status: 'dialing' })).toMatchObject({ status: 'dialing', final: false });
		expect(normalizeCallDetails({}).final).toBe(false);
	});

	it('passes unknown fields through unchanged, numeric-looking ones included', () => {
		const variables = { first_name: 'Steve' };
		const result = normalizeCallDetails({
			status: 'completed',
			result: 'answered',
			max_retries: '2',
			message_reference: '00042',
			variables,
		});
		expect(result.result).toBe('answered');
		expect(result.max_retries).toBe('2');
		expect(result.message_reference).toBe('00042');
		expect(result.variables).toBe(variables);
	});

	it('keeps numeric fields that are not numbers as they came', () => {
		expect(normalizeCallDetails({ duration: 'n/a', attempts: '' })).toMatchObject({
			duration: 'n/a',
			attempts: '',
		});
	});

	it('does not change the object it was given', () => {
		const input = { ...documentedExample, events: [...documentedExample.events] };
		normalizeCallDetails(input);
		expect(input).toEqual(documentedExample);
	});
});
