import { checkAttempts } from '../../../nodes/shared/validation/deploymentOptions';
import { problemOf } from './problemOf';

describe('checkAttempts', () => {
	test('gives no settings when neither is set', () => {
		expect(checkAttempts(undefined, undefined, {})).toEqual({});
	});

	test('accepts one attempt without a reattempt wait', () => {
		expect(checkAttempts(1, undefined, {})).toEqual({ max_attempts: 1 });
	});

	test('accepts several attempts with a reattempt wait', () => {
		expect(checkAttempts(3, 300, {})).toEqual({ max_attempts: 3, reattempt_wait: 300 });
	});

	test('requires reattempt wait when attempts > 1', () => {
		const problem = problemOf(() => checkAttempts(3, undefined, { itemIndex: 2 }));
		expect(problem).toMatchObject({ field: 'Reattempt Wait (Seconds)', itemIndex: 2 });
		expect(problem.rule).toContain('Max Attempts');
		expect(problem.fix).toContain('between 60 and 86400, e.g. 300');
	});

	test('rejects 0 attempts', () => {
		expect(problemOf(() => checkAttempts(0, undefined, {}))).toMatchObject({
			field: 'Max Attempts',
			rule: 'must be from 1 to 10',
		});
	});

	test('rejects 11 attempts', () => {
		expect(problemOf(() => checkAttempts(11, 300, {})).field).toBe('Max Attempts');
	});

	test('rejects a reattempt wait under 60', () => {
		const problem = problemOf(() => checkAttempts(2, 59, { itemIndex: 1 }));
		expect(problem).toMatchObject({ field: 'Reattempt Wait (Seconds)', itemIndex: 1, rule: 'must be from 60 to 86400' });
	});

	test('rejects a reattempt wait over a day', () => {
		expect(problemOf(() => checkAttempts(2, 86401, {})).rule).toBe('must be from 60 to 86400');
	});

	test('keeps a reattempt wait given with a single attempt', () => {
		expect(checkAttempts(1, 60, {})).toEqual({ max_attempts: 1, reattempt_wait: 60 });
	});
});
