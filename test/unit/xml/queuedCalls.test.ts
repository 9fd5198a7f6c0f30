import { inspect } from 'node:util';

import fc from 'fast-check';

import { parseXmlSafely } from '../../../nodes/shared/xml/parseXml';
import { readDevAnswer } from '../../../nodes/shared/xml/plumAnswers';
import { listCalls, scanCallPieces } from '../../../nodes/shared/xml/queuedCalls';

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
		const scanned = scanCallPieces([xml], { piece: 0, at: start });
		expect(scanned?.calls.length).toBe(2);
		expect(xml.slice(scanned?.end.at)).toBe('</phone_list></queuecalls>');
		expect(scanned?.calls.callId(0)).toBe('11');
		expect(scanned?.calls.hasPhoneNumber(0, 'tel:+16175551234')).toBe(true);
		expect(scanned?.calls.hasPhoneNumber(0, 'tel:+1617555123')).toBe(false);
		expect(scanned?.calls.hasPhoneNumber(1, 'tel:+16175551235')).toBe(false);
		expect(scanned?.calls.phoneNumber(1)).toBe('tel:+16175551235;ani=8005550100');
	});

	it('leaves values beyond ASCII to the generic parser', () => {
		const xml = answerWith(['<call call_id="1"><phone_number>tel:+1617555１２３４</phone_number></call>']);
		expect(scanCallPieces([xml], { piece: 0, at: xml.indexOf('<phone_list>') + 12 }).calls).toHaveLength(0);
		expect(readDevAnswer(xml, [PIN]).calls.toArray()).toEqual([{ callId: '1', phoneNumber: 'tel:+1617555１２３４' }]);
	});

	it('reads an answer given in pieces exactly as the whole answer, wherever the pieces are cut', () => {
		const pieceCuts = fc.uniqueArray(fc.integer({ min: 1, max: 2000 }), { maxLength: 6 });
		fc.assert(
			fc.property(fc.array(entry, { maxLength: 12 }), pieceCuts, (entries, cuts) => {
				const xml = `\n ${answerWith(entries)}\n`;
				const ends = [...cuts.filter((cut) => cut < xml.length).sort((a, b) => a - b), xml.length];
				const pieces = ends.map((end, index) => xml.slice(index === 0 ? 0 : ends[index - 1], end));
				const whole = readDevAnswer(xml, [PIN]);
				const inPieces = readDevAnswer(pieces, [PIN]);
				expect(inPieces.calls.toArray()).toEqual(whole.calls.toArray());
				expect({ ...inPieces, calls: undefined }).toEqual({ ...whole, calls: undefined });
			}),
			{ numRuns: 3000 },
		);
	});

	it('reads calls cut between pieces in place, keeping neither the head nor the PIN', () => {
		const calls = Array.from({ length: 3000 }, (_, index) => `\n  <call call_id="${9000 + index}">\n    <phone_number>tel:+1617555${String(index).padStart(4, '0')}</phone_number>\n  </call>`);
		const xml = answerWith(calls);
		// Pieces of 1,000 characters: most of them cut a call somewhere.
		const pieces = Array.from({ length: Math.ceil(xml.length / 1000) }, (_, index) => xml.slice(index * 1000, index * 1000 + 1000));
		const start = pieces[0].indexOf('<phone_list>') + '<phone_list>'.length;
		const { calls: scanned, end } = scanCallPieces(pieces, { piece: 0, at: start });
		expect(scanned.length).toBe(3000);
		expect(scanned.callId(2999)).toBe('11999');
		expect(scanned.hasPhoneNumber(1234, 'tel:+16175551234')).toBe(true);
		expect(pieces[end.piece].slice(end.at) + pieces.slice(end.piece + 1).join('')).toBe('</phone_list></queuecalls>');
		const answer = readDevAnswer(pieces, [PIN]);
		// Read in place, not by the generic parser.
		expect(answer.calls.constructor.name).toBe('ScannedCallList');
		expect(answer.calls.toArray()).toEqual(readDevAnswer(xml, [PIN]).calls.toArray());
		expect(inspect(scanned, { depth: 5, maxStringLength: Infinity })).not.toContain(PIN);
	});

	it('shows the calls, never the answer around them, when serialised', () => {
		const answer = readDevAnswer(answerWith(['<call call_id="1"><phone_number>tel:+16175551234</phone_number></call>']), [PIN]);
		expect(JSON.stringify(answer.calls)).toBe('[{"callId":"1","phoneNumber":"tel:+16175551234"}]');
		expect(JSON.stringify(answer)).not.toContain(PIN);
		expect(JSON.stringify(listCalls([{ callId: '2', phoneNumber: 'x' }]))).toBe('[{"callId":"2","phoneNumber":"x"}]');
	});
});
