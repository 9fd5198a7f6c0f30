import { REMEMBERED_CALLBACKS, rememberNew } from '../../../nodes/PlumOutboundTrigger/webhook/dedupe';

describe('rememberNew (the static-data fallback of Drop Duplicate Callbacks)', () => {
	it('remembers the last 1,000 keys, oldest first, and forgets the oldest beyond them', () => {
		const keys: unknown[] = [];
		for (let index = 0; index <= REMEMBERED_CALLBACKS; index++) expect(rememberNew(keys, `k${index}`)).toBe(false);
		expect(keys).toHaveLength(REMEMBERED_CALLBACKS);
		expect(keys[0]).toBe('k1');
		expect(rememberNew(keys, `k${REMEMBERED_CALLBACKS}`)).toBe(true);
		expect(rememberNew(keys, 'k1')).toBe(true);
		// k0 was forgotten: it counts as new again, and k1 (now the oldest) makes room for it.
		expect(rememberNew(keys, 'k0')).toBe(false);
		expect(keys[0]).toBe('k2');
		expect(keys[keys.length - 1]).toBe('k0');
	});

	it('follows keys added to the array elsewhere, and a new array n8n loaded', () => {
		const keys: unknown[] = ['a'];
		expect(rememberNew(keys, 'b')).toBe(false);
		keys.push('c');
		expect(rememberNew(keys, 'c')).toBe(true);
		const loaded = JSON.parse(JSON.stringify(keys)) as unknown[];
		expect(rememberNew(loaded, 'b')).toBe(true);
		expect(rememberNew(loaded, 'd')).toBe(false);
		expect(loaded).toEqual(['a', 'b', 'c', 'd']);
	});

	it('drops repeats from a stored array edited by hand, keeping the first of each', () => {
		const keys: unknown[] = ['a', 'b', 'a', 'c'];
		expect(rememberNew(keys, 'a')).toBe(true);
		expect(keys).toEqual(['a', 'b', 'c']);
		expect(rememberNew(keys, 'e')).toBe(false);
		expect(keys).toEqual(['a', 'b', 'c', 'e']);
	});
});
