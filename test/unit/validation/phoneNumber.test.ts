import {
	normalizeCallerId,
	normalizePhoneNumber,
	normalizePhoneParts,
	type PhoneParts,
} from '../../../nodes/shared/validation/phoneNumber';
import { problemOf } from './problemOf';

describe('normalizePhoneNumber: accepted shapes', () => {
	test('adds the leading 1 to a 10-digit number', () => {
		expect(normalizePhoneNumber('6175551234')).toBe('tel:+16175551234');
	});

	test('reads a number written with brackets, spaces and a dash', () => {
		expect(normalizePhoneNumber('(617) 555-1234')).toBe('tel:+16175551234');
	});

	test('reads a number written with dots', () => {
		expect(normalizePhoneNumber('617.555.1234')).toBe('tel:+16175551234');
	});

	test('reads +1 with dashes', () => {
		expect(normalizePhoneNumber('+1 617-555-1234')).toBe('tel:+16175551234');
	});

	test('keeps 11 digits that start with 1 as a North American number', () => {
		expect(normalizePhoneNumber('16175551234')).toBe('tel:+16175551234');
	});

	test('reads 1-617-555-1234', () => {
		expect(normalizePhoneNumber('1-617-555-1234')).toBe('tel:+16175551234');
	});

	test('keeps a tel:+ number unchanged', () => {
		expect(normalizePhoneNumber('tel:+16175551234')).toBe('tel:+16175551234');
	});

	test('reads the tel: prefix in any case', () => {
		expect(normalizePhoneNumber('TEL:+16175551234')).toBe('tel:+16175551234');
	});

	test('keeps ;ani and ;postd, the caller ID with its digits as written (as in all of Plum\'s examples)', () => {
		expect(normalizePhoneNumber('tel:+16175551234;ani=8005551234;postd=12')).toBe(
			'tel:+16175551234;ani=8005551234;postd=12',
		);
		expect(normalizePhoneNumber('6175551234;ani=(800) 555-1234')).toBe('tel:+16175551234;ani=8005551234');
		expect(normalizePhoneNumber('6175551234;ani=1 800 555 1234')).toBe('tel:+16175551234;ani=18005551234');
	});

	test('reads option names in any case and writes them in lower case', () => {
		expect(normalizePhoneNumber('16175551234;ANI=18005551234;PostD=1')).toBe('tel:+16175551234;ani=18005551234;postd=1');
	});

	test('keeps an international number written with +', () => {
		expect(normalizePhoneNumber('+44 20 7946 0958')).toBe('tel:+442079460958');
	});

	test('keeps a 10-digit number after + as international, without adding a 1', () => {
		expect(normalizePhoneNumber('+47 2123 4567')).toBe('tel:+4721234567');
	});

	test('takes 12 digits without + as an international number', () => {
		expect(normalizePhoneNumber('442079460958')).toBe('tel:+442079460958');
	});

	test('reads the 00 international prefix as +', () => {
		expect(normalizePhoneNumber('0044 20 7946 0958')).toBe('tel:+442079460958');
	});

	test('reads the 011 international prefix as +', () => {
		expect(normalizePhoneNumber('011 44 20 7946 0958')).toBe('tel:+442079460958');
	});

	test('accepts a JS number', () => {
		expect(normalizePhoneNumber(6175551234)).toBe('tel:+16175551234');
	});

	test('trims surrounding spaces', () => {
		expect(normalizePhoneNumber('  617 555 1234\n')).toBe('tel:+16175551234');
	});

	test('ignores no-break spaces and Unicode dashes from copied text', () => {
		expect(normalizePhoneNumber('617\u00a0555\u20131234')).toBe('tel:+16175551234');
	});

	test('accepts 15 digits, the E.164 maximum', () => {
		expect(normalizePhoneNumber('+861234567890123')).toBe('tel:+861234567890123');
	});

	test('reads an ani written with separators and a +', () => {
		expect(normalizePhoneNumber('6175551234;ani=+1 (800) 555-1234')).toBe('tel:+16175551234;ani=18005551234');
	});

	test('keeps post-dial pauses, * and #, in lower case', () => {
		expect(normalizePhoneNumber('6175551234;postd=WW12*#p')).toBe('tel:+16175551234;postd=ww12*#p');
	});

	test('refuses a comma pause in ;postd=, which would split a phone list line', () => {
		expect(() => normalizePhoneNumber('6175551234;postd=12,3')).toThrow(/contains "," in ;postd=/);
	});

	test('ignores a trailing semicolon', () => {
		expect(normalizePhoneNumber('tel:+16175551234;')).toBe('tel:+16175551234');
	});
});

describe('normalizePhoneNumber: caller ID', () => {
	test('appends the caller ID when the number has none', () => {
		expect(normalizePhoneNumber('6175551234', { callerId: '800-555-1234' })).toBe('tel:+16175551234;ani=8005551234');
	});

	test("keeps the number's own ani over the caller ID", () => {
		expect(normalizePhoneNumber('6175551234;ani=8885551234', { callerId: '8005551234' })).toBe(
			'tel:+16175551234;ani=8885551234',
		);
	});

	test('puts the caller ID before ;postd', () => {
		expect(normalizePhoneNumber('6175551234;postd=99', { callerId: '18005551234' })).toBe(
			'tel:+16175551234;ani=18005551234;postd=99',
		);
	});

	test('ignores an empty caller ID', () => {
		expect(normalizePhoneNumber('6175551234', { callerId: '  ' })).toBe('tel:+16175551234');
	});

	test('accepts a caller ID written as tel:+', () => {
		expect(normalizePhoneNumber('6175551234', { callerId: 'tel:+18005551234' })).toBe(
			'tel:+16175551234;ani=18005551234',
		);
	});

	test('rejects a short caller ID under the field name Caller ID (ANI)', () => {
		const problem = problemOf(() => normalizePhoneNumber('6175551234', { callerId: '555-1234', itemIndex: 4 }));
		expect(problem).toMatchObject({ field: 'Caller ID (ANI)', value: '555-1234', itemIndex: 4 });
		expect(problem.rule).toContain('7 digits');
	});

	test('rejects a bad caller ID again after a good one was used', () => {
		normalizePhoneNumber('6175551234', { callerId: '8005551234' });
		const problem = problemOf(() => normalizePhoneNumber('6175551234', { callerId: '800-FLOWERS' }));
		expect(problem.field).toBe('Caller ID (ANI)');
	});
});

describe('normalizePhoneNumber: rejected values', () => {
	test('rejects an empty value as required', () => {
		const problem = problemOf(() => normalizePhoneNumber('   ', { itemIndex: 2 }));
		expect(problem).toMatchObject({ field: 'Phone Number', rule: 'is required', itemIndex: 2 });
		expect(problem.fix).toContain('+1 617-555-1234');
	});

	test('rejects a missing value as required', () => {
		expect(problemOf(() => normalizePhoneNumber(undefined)).rule).toBe('is required');
		expect(problemOf(() => normalizePhoneNumber(null)).rule).toBe('is required');
	});

	test('counts every digit of a very long value, and the next number is read afresh', () => {
		const problem = problemOf(() => normalizePhoneNumber(`+${'4'.repeat(40)}`));
		expect(problem.rule).toBe('has 40 digits; the most a phone number can have is 15 (E.164)');
		expect(problemOf(() => normalizePhoneNumber(`1 (123) ${'5'.repeat(36)}`)).rule).toBe(
			'has 40 digits; the most a phone number can have is 15 (E.164)',
		);
		expect(normalizePhoneNumber('(617) 555-1234')).toBe('tel:+16175551234');
		expect(normalizePhoneNumber('0044 20 7946 0958')).toBe('tel:+442079460958');
	});

	test('rejects letters and names the item', () => {
		const problem = problemOf(() => normalizePhoneNumber('abc', { itemIndex: 7 }));
		expect(problem).toMatchObject({ field: 'Phone Number', value: 'abc', itemIndex: 7, rule: 'contains letters' });
	});

	test('uses the field name given by the caller', () => {
		expect(problemOf(() => normalizePhoneNumber('abc', { field: 'Destination' })).field).toBe('Destination');
	});

	test('passes the file line number through', () => {
		expect(problemOf(() => normalizePhoneNumber('abc', { line: 12 })).line).toBe(12);
	});

	test('spells a vanity number with keypad digits in the fix', () => {
		const problem = problemOf(() => normalizePhoneNumber('1-800-FLOWERS'));
		expect(problem.rule).toBe('contains letters');
		expect(problem.fix).toContain('1-800-3569377');
	});

	test('suggests ;postd for an extension written with ext', () => {
		const problem = problemOf(() => normalizePhoneNumber('617-555-1234 ext. 12'));
		expect(problem.rule).toContain('extension');
		expect(problem.fix).toContain('617-555-1234;postd=12');
	});

	test('rejects fewer than 10 digits', () => {
		const problem = problemOf(() => normalizePhoneNumber('555-1234'));
		expect(problem.rule).toContain('only 7 digits');
		expect(problem.fix).toMatch(/e\.g\. \+1 617-555-1234/);
	});

	test('rejects more than 15 digits', () => {
		expect(problemOf(() => normalizePhoneNumber('+4420794609581234')).rule).toContain('16 digits');
	});

	test('rejects a 10-digit number whose area code starts with 1', () => {
		expect(problemOf(() => normalizePhoneNumber('1617555123')).rule).toContain('exactly 11');
	});

	test('rejects 12 digits that start with country code 1', () => {
		expect(problemOf(() => normalizePhoneNumber('+1 617 555 12345')).rule).toContain('exactly 11');
	});

	test('rejects a North American number whose area code starts with 0', () => {
		expect(problemOf(() => normalizePhoneNumber('+1 017 555 1234')).rule).toContain('area code 017');
	});

	test('rejects a national number with a leading 0 and shows the + form in the fix', () => {
		const problem = problemOf(() => normalizePhoneNumber('020 7946 0958'));
		expect(problem.rule).toContain('starts with 0');
		expect(problem.fix).toContain('+44 20 7946 0958');
	});

	test('rejects a + in the middle', () => {
		expect(problemOf(() => normalizePhoneNumber('617+5551234')).rule).toContain('+');
	});

	test('rejects other characters and names them', () => {
		expect(problemOf(() => normalizePhoneNumber('617_555_1234')).rule).toBe('contains "_"');
	});

	test('rejects an unknown option', () => {
		const problem = problemOf(() => normalizePhoneNumber('tel:+16175551234;foo=1'));
		expect(problem.rule).toContain(';foo=1');
		expect(problem.fix).toContain(';postd=');
	});

	test('suggests ;postd for an ;ext option', () => {
		expect(problemOf(() => normalizePhoneNumber('tel:+16175551234;ext=12')).fix).toContain(';postd=');
	});

	test('rejects an ani with fewer than 10 digits', () => {
		const problem = problemOf(() => normalizePhoneNumber('6175551234;ani=5551234'));
		expect(problem.field).toBe('Phone Number');
		expect(problem.rule).toContain(';ani=');
	});

	test('rejects an ani with letters', () => {
		expect(problemOf(() => normalizePhoneNumber('6175551234;ani=800FLOWERS')).rule).toContain(';ani=');
	});

	test('rejects an empty ani', () => {
		expect(problemOf(() => normalizePhoneNumber('6175551234;ani=')).rule).toContain('no digits');
	});

	test('rejects an ani given twice', () => {
		expect(problemOf(() => normalizePhoneNumber('6175551234;ani=8005551234;ani=8005551235')).rule).toContain('twice');
	});

	test('rejects an option without a value', () => {
		expect(problemOf(() => normalizePhoneNumber('6175551234;postd')).rule).toContain('without a value');
	});

	test('rejects letters in ;postd', () => {
		expect(problemOf(() => normalizePhoneNumber('6175551234;postd=12a')).rule).toContain(';postd=');
	});

	test('rejects a result longer than 128 characters', () => {
		const problem = problemOf(() => normalizePhoneNumber(`6175551234;postd=${'1'.repeat(120)}`));
		expect(problem.rule).toContain('128');
	});

	test('counts tel:+ in the 128 characters in both forms: 128 pass, 129 are refused', () => {
		// tel:+16175551234;postd= is 23 characters.
		const longest = `6175551234;postd=${'1'.repeat(105)}`;
		const tooLong = `6175551234;postd=${'1'.repeat(106)}`;
		const parts: PhoneParts = { digits: '', suffix: '' };
		expect(normalizePhoneNumber(longest)).toHaveLength(128);
		normalizePhoneParts(longest, {}, parts);
		expect(`tel:+${parts.digits}${parts.suffix}`).toHaveLength(128);
		expect(problemOf(() => normalizePhoneNumber(tooLong)).rule).toContain('is 129 characters long');
		expect(problemOf(() => normalizePhoneParts(tooLong, {}, parts)).rule).toContain('is 129 characters long');
	});

	test('rejects a fractional JS number', () => {
		expect(problemOf(() => normalizePhoneNumber(6175551234.5)).rule).toContain('whole number');
	});

	test('rejects an object', () => {
		expect(problemOf(() => normalizePhoneNumber({ phone: '6175551234' })).rule).toContain('an object');
	});

	test('shortens a long value in the problem', () => {
		const problem = problemOf(() => normalizePhoneNumber('x'.repeat(500)));
		expect(problem.value?.length).toBeLessThanOrEqual(61);
	});
});

describe('normalizePhoneNumber: letters that are not a vanity number', () => {
	test('does not spell words without digits on the keypad', () => {
		const problem = problemOf(() => normalizePhoneNumber('Call me maybe'));
		expect(problem.rule).toBe('contains letters');
		expect(problem.fix).not.toContain('keypad');
	});
});

describe('normalizeCallerId (the Caller ID option)', () => {
	test('gives the digits as written, or nothing for an empty option', () => {
		expect(normalizeCallerId('(800) 555-0100', { itemIndex: 0 })).toBe('8005550100');
		expect(normalizeCallerId('+1 800 555 0100', { itemIndex: 0 })).toBe('18005550100');
		expect(normalizeCallerId('tel:+442079460958', { itemIndex: 0 })).toBe('442079460958');
		expect(normalizeCallerId(8005550100, { itemIndex: 0 })).toBe('8005550100');
		expect(normalizeCallerId(undefined, { itemIndex: 0 })).toBeUndefined();
		expect(normalizeCallerId('  ', { itemIndex: 0 })).toBeUndefined();
	});

	test('refuses what is not a number, naming the option and the item', () => {
		const problem = problemOf(() => normalizeCallerId('800-FLOWERS', { itemIndex: 4 }));
		expect(problem.field).toBe('Caller ID (ANI)');
		expect(problem.itemIndex).toBe(4);
		expect(problem.rule).toContain('letters');
		expect(problemOf(() => normalizeCallerId('555-0100', { itemIndex: 0 })).rule).toContain('7 digits');
	});
});
