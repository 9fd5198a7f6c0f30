import { parseFormFields, splitFieldName } from '../../../nodes/PlumOutboundTrigger/webhook/formFields';
import { WebhookRejection } from '../../../nodes/PlumOutboundTrigger/webhook/WebhookRejection';

describe('splitFieldName', () => {
	it('splits PHP-style names into their segments', () => {
		expect(splitFieldName('events[0][event]')).toEqual(['events', '0', 'event']);
		expect(splitFieldName('tag[]')).toEqual(['tag', '']);
		expect(splitFieldName('status')).toEqual(['status']);
	});

	it('keeps malformed or very deep names as one literal name', () => {
		expect(splitFieldName('a[b')).toEqual(['a[b']);
		expect(splitFieldName('[0]')).toEqual(['[0]']);
		expect(splitFieldName('a[1][2][3][4][5][6][7][8]')).toEqual(['a[1][2][3][4][5][6][7][8]']);
	});
});

describe('parseFormFields', () => {
	it('keeps plain fields as text, decoding + and percent escapes', () => {
		expect(parseFormFields('status=completed&phone_number=%276173720293%27&note=two+words')).toEqual({
			status: 'completed',
			phone_number: "'6173720293'",
			note: 'two words',
		});
	});

	it('nests indexed names into arrays in index order', () => {
		expect(
			parseFormFields('events[1][event]=dialing&events[0][event]=queued&events[0][timestamp]=1'),
		).toEqual({ events: [{ event: 'queued', timestamp: '1' }, { event: 'dialing' }] });
	});

	it('appends [] names in the order sent', () => {
		expect(parseFormFields('tag[]=a&tag[]=b')).toEqual({ tag: ['a', 'b'] });
	});

	it('nests named keys into objects', () => {
		expect(parseFormFields('variables[first_name]=Steve&variables[last_name]=Smith')).toEqual({
			variables: { first_name: 'Steve', last_name: 'Smith' },
		});
	});

	it('keeps both values of a plain name sent twice', () => {
		expect(parseFormFields('status=queued&status=completed')).toEqual({ status: ['queued', 'completed'] });
	});

	it('keeps the top level an object even when every name is a number', () => {
		expect(parseFormFields('0=a&1=b')).toEqual({ '0': 'a', '1': 'b' });
	});

	it('drops names that would reach an object prototype', () => {
		const fields = parseFormFields('__proto__[polluted]=yes&a[constructor][x]=1&status=ok');
		expect(fields).toEqual({ status: 'ok' });
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('refuses more than 1000 fields', () => {
		const body = Array.from({ length: 1001 }, (_, index) => `f${index}=1`).join('&');
		expect(() => parseFormFields(body)).toThrow(WebhookRejection);
	});
});
