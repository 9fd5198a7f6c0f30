import fc from 'fast-check';

import { parseXmlSafely } from '../../../nodes/shared/xml/parseXml';
import { readDevAnswer } from '../../../nodes/shared/xml/plumAnswers';
import { listCalls, scanCallList } from '../../../nodes/shared/xml/queuedCalls';

const PIN = '55501234';

/** What the generic parser (the reference) reads from a queuecalls answer. */
function callsByGenericParser(xml: string): Array<{ callId: string; phoneNumber: string }> {
	const document = parseXmlSafely(xml.replace(/<pin>[^<]*<\/pin>/, ''), { arrayPaths: ['queuecalls.phone_list.call'] });
	const list = (document.queuecalls as { phone_list: unknown }).phone_list;
	if (typeof list !== 'object' || list === null) return [];
	const calls = (list as { call: Array<Record<string, unknown>> }).call;
	return calls.map((call) => ({
		callId: String(call['@_call_id']).trim(),
		phoneNumber: String(typeof call.phone_number === 'object' ? '' : call.phone_number).trim(),
	}));
}

function answerWith(entries: string[]): string {
	return `<?xml version="1.0"?>\n<queuecalls status="success"><login>u1</login><pin>${PIN}</pin><phone_list>${entries.join('')}</phone_list></queuecalls>`;
}

const space = fc.constantFrom('', ' ', '\n', '\t', '\r\n  ', '\u00a0');
const value = fc.string({
	unit: fc.constantFrom('1', '7', '+', 't', 'e', 'l', ':', ';', '=', 'a', ' ', '\t', 'é', '&amp;', '&#49;', '"'),
	maxLength: 20,
});
const entry = fc
	.record({ s1: space, s2: space, s3: space, s4: space, s5: space, id: value, phone: value })
	.map(
		({ s1, s2, s3, s4, s5, id, phone }) =>
			`${s1}<call call_id${s2}=${s2}"${id.replaceAll('"', '&quot;')}"${s3}>${s4}<phone_number>${phone.replaceAll('"', '&quot;')}</phone_number>${s5}</call>`,
	);

describe('queued calls of a queuecalls answer', () => {
	it('reads the same calls as the generic parser, whatever the spacing, entities and characters', () => {
		fc.assert(
			fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
				const xml = answerWith(entries);
				expect(readDevAnswer(xml, [PIN]).calls.toArray()).toEqual(callsByGenericParser(xml));
			}),
			{ numRuns: 3000 },
		);
	});

	it('reads documented calls in place and compares phone numbers without copying them', () => {
		const xml = answerWith([
			'<call call_id=" 11 "><phone_number> tel:+16175551234 </phone_number></call>',
			'\n  <call call_id="12">\n    <phone_number>tel:+16175551235;ani=8005550100</phone_number>\n  </call>',
		]);
		const start = xml.indexOf('<phone_list>') + '<phone_list>'.length;
		const scanned = scanCallList(xml, start);
		expect(scanned?.calls.length).toBe(2);
		expect(xml.slice(scanned?.end)).toBe('</phone_list></queuecalls>');
		expect(scanned?.calls.callId(0)).toBe('11');
		expect(scanned?.calls.hasPhoneNumber(0, 'tel:+16175551234')).toBe(true);
		expect(scanned?.calls.hasPhoneNumber(0, 'tel:+1617555123')).toBe(false);
		expect(scanned?.calls.hasPhoneNumber(1, 'tel:+16175551235')).toBe(false);
		expect(scanned?.calls.phoneNumber(1)).toBe('tel:+16175551235;ani=8005550100');
	});

	it('leaves values beyond ASCII to the generic parser', () => {
		const xml = answerWith(['<call call_id="1"><phone_number>tel:+1617555１２３４</phone_number></call>']);
		expect(scanCallList(xml, xml.indexOf('<phone_list>') + 12).calls).toHaveLength(0);
		expect(readDevAnswer(xml, [PIN]).calls.toArray()).toEqual([{ callId: '1', phoneNumber: 'tel:+1617555１２３４' }]);
	});

	it('shows the calls, never the answer around them, when serialised', () => {
		const answer = readDevAnswer(answerWith(['<call call_id="1"><phone_number>tel:+16175551234</phone_number></call>']), [PIN]);
		expect(JSON.stringify(answer.calls)).toBe('[{"callId":"1","phoneNumber":"tel:+16175551234"}]');
		expect(JSON.stringify(answer)).not.toContain(PIN);
		expect(JSON.stringify(listCalls([{ callId: '2', phoneNumber: 'x' }]))).toBe('[{"callId":"2","phoneNumber":"x"}]');
	});
});
