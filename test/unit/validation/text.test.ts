import {
	integerInRange,
	LIMITS,
	optionalIntegerInRange,
	optionalText,
	optionalUrl,
	positiveId,
	requiredText,
	requiredUrl,
} from '../../../nodes/shared/validation/text';
import { problemOf } from './problemOf';

const reference = { field: 'Message Reference', itemIndex: 3 };
const startUrl = { field: 'Start URL', itemIndex: 1 };
const retryInterval = { field: 'Retry Interval (Seconds)', itemIndex: 0 };

describe('optionalText', () => {
	test('trims the value', () => {
		expect(optionalText('  order 12  ', 255, reference)).toBe('order 12');
	});

	test('gives undefined for an empty string', () => {
		expect(optionalText('   ', 255, reference)).toBeUndefined();
	});

	test('gives undefined for undefined and null', () => {
		expect(optionalText(undefined, 255, reference)).toBeUndefined();
		expect(optionalText(null, 255, reference)).toBeUndefined();
	});

	test('turns a number into text', () => {
		expect(optionalText(1234, 255, reference)).toBe('1234');
	});

	test('rejects an object and names the item', () => {
		const problem = problemOf(() => optionalText({ id: 1 }, 255, reference));
		expect(problem).toMatchObject({ field: 'Message Reference', itemIndex: 3, rule: 'must be text, not an object' });
	});

	test('rejects a list', () => {
		expect(problemOf(() => optionalText(['a'], 255, reference)).rule).toBe('must be text, not a list');
	});

	test('accepts text exactly at the limit', () => {
		expect(optionalText('x'.repeat(128), 128, reference)).toHaveLength(128);
	});

	test('rejects text over the limit, naming the limit and the actual length', () => {
		const problem = problemOf(() => optionalText('x'.repeat(130), 128, reference));
		expect(problem.rule).toBe('is 130 characters long; the limit is 128');
		expect(problem.fix).toContain('128');
	});

	test('passes the file line number through', () => {
		expect(problemOf(() => optionalText({}, 10, { field: 'Call Parameters', line: 9 })).line).toBe(9);
	});
});

describe('requiredText', () => {
	test('returns the trimmed value', () => {
		expect(requiredText(' spring ', LIMITS.campaignName, { field: 'Campaign Name' })).toBe('spring');
	});

	test('rejects an empty value as required, with the example given', () => {
		const problem = problemOf(() => requiredText('', 255, { field: 'Campaign Name', example: 'spring-reminders' }));
		expect(problem).toMatchObject({ field: 'Campaign Name', rule: 'is required' });
		expect(problem.fix).toContain('spring-reminders');
	});
});

describe('requiredUrl and optionalUrl', () => {
	test('accepts an https URL with a path and query', () => {
		expect(requiredUrl(' https://ivr.example.com/start.vxml?lang=en ', startUrl)).toBe(
			'https://ivr.example.com/start.vxml?lang=en',
		);
	});

	test('accepts an http URL with a port', () => {
		expect(requiredUrl('http://127.0.0.1:5678/webhook/plum', startUrl)).toBe('http://127.0.0.1:5678/webhook/plum');
	});

	test('rejects a missing start URL as required', () => {
		const problem = problemOf(() => requiredUrl('', startUrl));
		expect(problem).toMatchObject({ field: 'Start URL', rule: 'is required', itemIndex: 1 });
		expect(problem.fix).toContain('https://');
	});

	test('gives undefined for an empty optional URL', () => {
		expect(optionalUrl('', { field: 'Result URL' })).toBeUndefined();
	});

	test('rejects a URL without a scheme and suggests one', () => {
		const problem = problemOf(() => requiredUrl('ivr.example.com/start.vxml', startUrl));
		expect(problem.rule).toContain('http://');
		expect(problem.fix).toContain('https://ivr.example.com/start.vxml');
	});

	test('rejects an ftp URL', () => {
		expect(problemOf(() => requiredUrl('ftp://example.com/start.vxml', startUrl)).rule).toContain('ftp:');
	});

	test('rejects a URL with a space', () => {
		expect(problemOf(() => optionalUrl('https://example.com/my app', { field: 'Result URL' })).rule).toBe(
			'contains spaces',
		);
	});

	test('rejects a URL without a host', () => {
		expect(problemOf(() => requiredUrl('https://', startUrl)).rule).toContain('no host');
	});

	test('rejects a URL over 255 characters', () => {
		const long = `https://example.com/${'a'.repeat(250)}`;
		expect(problemOf(() => requiredUrl(long, startUrl)).rule).toContain('the limit is 255');
	});

	test('takes another limit when the caller gives one', () => {
		expect(problemOf(() => optionalUrl('https://example.com/abc', startUrl, 10)).rule).toContain('the limit is 10');
	});
});

describe('integerInRange', () => {
	test('accepts a number in range', () => {
		expect(integerInRange(300, 60, 172800, retryInterval)).toBe(300);
	});

	test('accepts numeric text', () => {
		expect(integerInRange(' 120 ', 60, 172800, retryInterval)).toBe(120);
	});

	test('accepts both ends of the range', () => {
		expect(integerInRange(60, 60, 172800, retryInterval)).toBe(60);
		expect(integerInRange(172800, 60, 172800, retryInterval)).toBe(172800);
	});

	test('rejects a retry interval under 60 with the nearest valid value as example', () => {
		const problem = problemOf(() => integerInRange(30, 60, 172800, retryInterval));
		expect(problem).toMatchObject({ field: 'Retry Interval (Seconds)', value: '30', rule: 'must be from 60 to 172800' });
		expect(problem.fix).toContain('e.g. 60');
	});

	test('rejects a value over the maximum with the maximum as example', () => {
		expect(problemOf(() => integerInRange(11, 0, 10, { field: 'Max Retries' })).fix).toContain('e.g. 10');
	});

	test('rejects a fraction', () => {
		expect(problemOf(() => integerInRange(2.5, 0, 10, { field: 'Max Retries' })).rule).toBe('must be a whole number');
	});

	test('rejects NaN', () => {
		expect(problemOf(() => integerInRange(Number.NaN, 0, 10, { field: 'Max Retries' })).rule).toBe('is not a number');
	});

	test('rejects text that is not a number', () => {
		expect(problemOf(() => integerInRange('five', 0, 10, { field: 'Max Retries' })).rule).toBe('is not a number');
	});

	test('rejects a boolean', () => {
		expect(problemOf(() => integerInRange(true, 0, 10, { field: 'Max Retries' })).rule).toBe('is not a number');
	});

	test('rejects an empty value as required', () => {
		expect(problemOf(() => integerInRange('', 0, 10, { field: 'Max Retries' })).rule).toBe('is required');
	});
});

describe('optionalIntegerInRange', () => {
	test('gives undefined for empty values', () => {
		expect(optionalIntegerInRange(undefined, 0, 10, { field: 'Max Retries' })).toBeUndefined();
		expect(optionalIntegerInRange('', 0, 10, { field: 'Max Retries' })).toBeUndefined();
		expect(optionalIntegerInRange(null, 0, 10, { field: 'Max Retries' })).toBeUndefined();
	});

	test('accepts 0 when the range starts at 0', () => {
		expect(optionalIntegerInRange(0, 0, 10, { field: 'Max Retries' })).toBe(0);
	});

	test('still checks the range of a given value', () => {
		expect(problemOf(() => optionalIntegerInRange(-1, 0, 10, { field: 'Max Retries' })).rule).toBe(
			'must be from 0 to 10',
		);
	});
});

describe('positiveId', () => {
	const deployment = { field: 'Deployment ID', itemIndex: 2 };

	test('accepts a positive number', () => {
		expect(positiveId(42, deployment)).toBe(42);
	});

	test('accepts numeric text', () => {
		expect(positiveId('1234', deployment)).toBe(1234);
	});

	test('rejects 0', () => {
		expect(problemOf(() => positiveId(0, deployment)).rule).toBe('must be a positive whole number');
	});

	test('rejects text that is not a number, with an example', () => {
		const problem = problemOf(() => positiveId('my-app', deployment));
		expect(problem).toMatchObject({ field: 'Deployment ID', itemIndex: 2, value: 'my-app' });
		expect(problem.fix).toContain('e.g. 1234');
	});

	test('rejects a missing ID as required', () => {
		expect(problemOf(() => positiveId(undefined, deployment)).rule).toBe('is required');
	});
});

