import {
	checkSecret,
	givenSecret,
	secretMatches,
	type SecretSettings,
} from '../../../nodes/PlumOutboundTrigger/webhook/checkSecret';
import { WebhookRejection } from '../../../nodes/PlumOutboundTrigger/webhook/WebhookRejection';

const inQuery: SecretSettings = { secret: 'abc-123', location: 'query', parameterName: 'secret' };

describe('secretMatches', () => {
	it('is true only for the same text', () => {
		expect(secretMatches('abc-123', 'abc-123')).toBe(true);
		expect(secretMatches('abc-123', 'abc-124')).toBe(false);
		expect(secretMatches('abc-123', 'abc-1234')).toBe(false);
		expect(secretMatches('abc-123', '')).toBe(false);
	});

	it('is false for values that are not a single string', () => {
		expect(secretMatches('abc-123', undefined)).toBe(false);
		expect(secretMatches('abc-123', ['abc-123'])).toBe(false);
	});
});

describe('givenSecret', () => {
	it('reads the query parameter or the :secret path segment', () => {
		expect(givenSecret(inQuery, { secret: 'q' }, { secret: 'p' })).toBe('q');
		expect(givenSecret({ ...inQuery, location: 'path' }, { secret: 'q' }, { secret: 'p' })).toBe('p');
		expect(givenSecret({ ...inQuery, parameterName: 'token' }, { token: 't' }, {})).toBe('t');
	});
});

describe('checkSecret', () => {
	it('accepts every caller when no secret is set', () => {
		expect(() => checkSecret({ ...inQuery, secret: '' }, {}, {})).not.toThrow();
	});

	it('refuses a missing or wrong secret with 401 without repeating either value', () => {
		for (const query of [{}, { secret: 'wrong-value' }]) {
			let refusal: unknown;
			try {
				checkSecret(inQuery, query, {});
			} catch (error) {
				refusal = error;
			}
			expect(refusal).toBeInstanceOf(WebhookRejection);
			expect((refusal as WebhookRejection).statusCode).toBe(401);
			expect((refusal as WebhookRejection).message).not.toContain('abc-123');
			expect((refusal as WebhookRejection).message).not.toContain('wrong-value');
		}
	});

	it('accepts the right secret', () => {
		expect(() => checkSecret(inQuery, { secret: 'abc-123' }, {})).not.toThrow();
	});
});
