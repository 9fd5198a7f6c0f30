import { parseXmlSafely, PlumXmlError } from '../../../nodes/shared/xml/parseXml';
import { thrownBy } from '../../helpers/thrownBy';

function billionLaughs(): string {
	const lines = ['<?xml version="1.0"?>', '<!DOCTYPE lolz [', '<!ENTITY lol "lol">'];
	for (let level = 1; level <= 9; level++) {
		const previous = level === 1 ? 'lol' : `lol${level - 1}`;
		lines.push(`<!ENTITY lol${level} "${`&${previous};`.repeat(10)}">`);
	}
	lines.push(']>', '<lolz>&lol9;</lolz>');
	return lines.join('\n');
}

function refusal(text: string): PlumXmlError {
	return thrownBy(() => parseXmlSafely(text), PlumXmlError);
}

describe('parseXmlSafely', () => {
	it('keeps attributes under an @_ prefix and values as strings', () => {
		const parsed = parseXmlSafely(
			'<?xml version="1.0"?><queuecall status="queued" call_id="0112850593"><phone_number>16175551234</phone_number></queuecall>',
		);
		expect(parsed).toEqual({
			queuecall: { '@_status': 'queued', '@_call_id': '0112850593', phone_number: '16175551234' },
		});
	});

	it('trims values and gives an empty element as an empty string', () => {
		expect(parseXmlSafely('<a>\n  <b>  text  </b>\n  <c/>\n</a>')).toEqual({ a: { b: 'text', c: '' } });
	});

	it('decodes the five predefined entities in text and attributes', () => {
		const parsed = parseXmlSafely('<a x="&quot;q&quot; &amp; &apos;s&apos;">Tom &amp; Jerry &lt;3 &gt;</a>');
		expect(parsed).toEqual({ a: { '@_x': `"q" & 's'`, '#text': 'Tom & Jerry <3 >' } });
	});

	it('decodes numeric character references, including astral ones', () => {
		expect(parseXmlSafely('<a>&#65;&#x42;&#x1F600;&#233;</a>')).toEqual({ a: 'AB😀é' });
	});

	it('decodes only once, so an escaped entity stays an entity', () => {
		expect(parseXmlSafely('<a>&amp;lt; &amp;#65;</a>')).toEqual({ a: '&lt; &#65;' });
	});

	it('leaves unknown named entities and references to non-characters as written', () => {
		expect(parseXmlSafely('<a>&nbsp; &#0; &#xD800;</a>')).toEqual({ a: '&nbsp; &#0; &#xD800;' });
	});

	it('keeps CDATA content literal', () => {
		expect(parseXmlSafely('<a><![CDATA[&amp; <b>]]></a>')).toEqual({ a: '&amp; <b>' });
	});

	it('refuses a billion-laughs document without expanding it', () => {
		const error = refusal(billionLaughs());
		expect(error.message).toBe(
			'Plum answered with XML that could not be read: contains a DOCTYPE or entity declaration, which is refused for safety',
		);
	});

	it('refuses a DOCTYPE with an external entity', () => {
		const text = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>';
		expect(refusal(text).reason).toContain('DOCTYPE or entity declaration');
	});

	it('refuses a lower-case doctype too', () => {
		expect(refusal('<!doctype a><a/>').reason).toContain('DOCTYPE');
	});

	it('refuses an unclosed element', () => {
		expect(refusal('<queuecall status="queued"><login>x</login>').message).toMatch(
			/^Plum answered with XML that could not be read: Unclosed tag/,
		);
	});

	it('refuses text that is not XML', () => {
		expect(refusal('Invalid login')).toBeInstanceOf(PlumXmlError);
		expect(refusal('')).toBeInstanceOf(PlumXmlError);
	});

	it('refuses two root elements', () => {
		expect(refusal('<a/><b/>').reason).toContain('root');
	});

	it('refuses a bare ampersand in text', () => {
		expect(refusal('<a>Tom & Jerry</a>')).toBeInstanceOf(PlumXmlError);
	});

	it('reports a parser failure on odd but well-formed input as PlumXmlError', () => {
		expect(refusal('<a><hasOwnProperty>x</hasOwnProperty><b>1</b><b>2</b></a>')).toBeInstanceOf(PlumXmlError);
	});

	it('does not let an element named __proto__ change object prototypes', () => {
		const parsed = parseXmlSafely('<a><__proto__><polluted>yes</polluted></__proto__></a>');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(parsed.a)).toBe(Object.prototype);
	});

	it('tolerates a BOM and blank lines before the declaration', () => {
		expect(parseXmlSafely('\ufeff\n\n<?xml version="1.0"?>\n<a>1</a>')).toEqual({ a: '1' });
	});

	it('makes listed paths arrays even with one element', () => {
		const text = '<queuecalls><phone_list><call call_id="1"><phone_number>x</phone_number></call></phone_list></queuecalls>';
		const parsed = parseXmlSafely(text, { arrayPaths: ['queuecalls.phone_list.call'] }) as {
			queuecalls: { phone_list: { call: unknown } };
		};
		expect(parsed.queuecalls.phone_list.call).toEqual([{ '@_call_id': '1', phone_number: 'x' }]);
	});

	it('keeps repeated elements as an array without being asked', () => {
		expect(parseXmlSafely('<a><b>1</b><b>2</b></a>')).toEqual({ a: { b: ['1', '2'] } });
	});

	it('parses a 100,000-call answer completely', () => {
		const parts = ['<?xml version="1.0"?>\n<queuecalls status="success"><phone_list>'];
		for (let i = 0; i < 100_000; i++) {
			parts.push(`<call call_id="${200000000 + i}"><phone_number>tel:+1617${String(i).padStart(7, '0')}</phone_number></call>`);
		}
		parts.push('</phone_list></queuecalls>');
		const parsed = parseXmlSafely(parts.join('\n'), { arrayPaths: ['queuecalls.phone_list.call'] }) as {
			queuecalls: { phone_list: { call: Array<Record<string, string>> } };
		};
		const calls = parsed.queuecalls.phone_list.call;
		expect(calls).toHaveLength(100_000);
		expect(calls[99_999]).toEqual({ '@_call_id': '200099999', phone_number: 'tel:+16170099999' });
	});
});
