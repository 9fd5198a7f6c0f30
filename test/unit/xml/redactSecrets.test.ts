import { redactSecrets } from '../../../nodes/shared/xml/plumAnswers';

describe('redactSecrets', () => {
	it('replaces every occurrence of a secret', () => {
		expect(redactSecrets('pin 98765432 and again 98765432', ['98765432'])).toBe('pin [redacted] and again [redacted]');
	});

	it('replaces the XML-escaped form of a secret', () => {
		expect(redactSecrets('<key>a&amp;b&lt;c&quot;</key>', ['a&b<c"'])).toBe('<key>[redacted]</key>');
	});

	it('replaces the numeric-reference form PHP writes for quotes', () => {
		expect(redactSecrets('<key>it&#039;s</key>', ["it's"])).toBe('<key>[redacted]</key>');
	});

	it('replaces URL-encoded forms, with %20 or + for spaces', () => {
		const secret = 'my key/1';
		expect(redactSecrets('a=my%20key%2F1&b=my+key%2F1', [secret])).toBe('a=[redacted]&b=[redacted]');
	});

	it('ignores empty secrets', () => {
		expect(redactSecrets('nothing to hide', ['', 'absent'])).toBe('nothing to hide');
	});

	it('handles several secrets', () => {
		expect(redactSecrets('user alice pin 1234 key xyz', ['1234', 'xyz'])).toBe('user alice pin [redacted] key [redacted]');
	});
});
