import { PlumXmlError } from '../../../nodes/shared/xml/parseXml';
import { readDevAnswer } from '../../../nodes/shared/xml/plumAnswers';
import { thrownBy } from '../../helpers/thrownBy';

const PIN = '98765432';

// Plum's documented answers (plum-docs/outbound-webservice-api.md).
const QUEUECALL_ANSWER = `<?xml version="1.0"?>
<queuecall status="queued" call_id="112852724">
    <login>user</login>
    <pin>98765432</pin>
    <phone_number>+1234567890;ani=8001234567</phone_number>
    <start_url>http://charles.plumgroup.com/~schan/src/charles/vxml/start.php</start_url>
    <max_retries>1</max_retries>
    <retry_interval>70</retry_interval>
    <scheduled_timestamp>1596832808</scheduled_timestamp>
    <scheduled_time>Fri, 07 Aug 2020 16:40:08 -0400</scheduled_time>
</queuecall>`;

const QUEUECALLS_ANSWER = `<?xml version="1.0"?>
<queuecalls status="success">
    <login>user</login>
    <pin>98765432</pin>
    <campaign_name>SunnyCamp</campaign_name>
    <start_url>http://charles.plumgroup.com/~schan/src/charles/vxml/start.php</start_url>
    <phone_list>
        <call call_id="112897970">
            <phone_number>tel:+19492222222;ani=8009957586</phone_number>
        </call>
        <call call_id="112897971">
            <phone_number>tel:+19492222223;ani=8009957586</phone_number>
        </call>
    </phone_list>
</queuecalls>`;

function campaignAnswer(callCount: number): string {
	const parts = ['<?xml version="1.0"?>\n<queuecalls status="success">\n<login>user</login>\n<pin>98765432</pin>\n<phone_list>'];
	for (let i = 0; i < callCount; i++) {
		parts.push(
			`\n\t<call call_id="${300000000 + i}">\n\t\t<phone_number>tel:+1949${String(i).padStart(7, '0')};ani=8009957586</phone_number>\n\t</call>`,
		);
	}
	parts.push('\n</phone_list>\n</queuecalls>\n');
	return parts.join('');
}

function readError(xml: string, secrets: string[] = [PIN]): PlumXmlError {
	return thrownBy(() => readDevAnswer(xml, secrets), PlumXmlError);
}

describe('readDevAnswer: queuecall.php', () => {
	it('reads status, call id and the echoed fields of the documented answer', () => {
		const answer = readDevAnswer(QUEUECALL_ANSWER, [PIN]);
		expect(answer.root).toBe('queuecall');
		expect(answer.status).toBe('queued');
		expect(answer.callId).toBe('112852724');
		expect(answer.message).toBeUndefined();
		expect(answer.calls.toArray()).toEqual([]);
		expect(answer.fields).toEqual({
			login: 'user',
			phone_number: '+1234567890;ani=8001234567',
			start_url: 'http://charles.plumgroup.com/~schan/src/charles/vxml/start.php',
			max_retries: '1',
			retry_interval: '70',
			scheduled_timestamp: '1596832808',
			scheduled_time: 'Fri, 07 Aug 2020 16:40:08 -0400',
		});
	});

	it('removes the echoed pin entirely, even when no secret is given', () => {
		const answer = readDevAnswer(QUEUECALL_ANSWER, []);
		expect('pin' in answer.fields).toBe(false);
		expect(JSON.stringify(answer)).not.toContain(PIN);
	});

	it('removes a pin element written in other shapes', () => {
		const xml = '<queuecall status="queued" call_id="1" PIN="111"><PIN type="x">222</PIN><pin/><login>u</login></queuecall>';
		const answer = readDevAnswer(xml, []);
		expect(answer.fields).toEqual({ login: 'u' });
	});

	it('redacts a secret echoed in another field, in its escaped form too', () => {
		const xml = `<queuecall status="queued" call_id="7"><start_url>http://x/?p=${PIN}&amp;q=a%26b</start_url><call_parameters>key a&amp;b</call_parameters></queuecall>`;
		const answer = readDevAnswer(xml, [PIN, 'a&b']);
		expect(answer.fields.start_url).toBe('http://x/?p=[redacted]&q=[redacted]');
		expect(answer.fields.call_parameters).toBe('key [redacted]');
	});

	it('leaves phone numbers and call ids exact even when a short PIN occurs in them', () => {
		const xml = '<queuecall status="queued" call_id="112341234"><phone_number>tel:+16171234567</phone_number><login>u1234</login></queuecall>';
		const answer = readDevAnswer(xml, ['1234']);
		expect(answer.callId).toBe('112341234');
		expect(answer.fields.phone_number).toBe('tel:+16171234567');
		expect(answer.fields.login).toBe('u[redacted]');
	});
});

describe('readDevAnswer: queuecalls.php', () => {
	it('reads the documented campaign answer', () => {
		const answer = readDevAnswer(QUEUECALLS_ANSWER, [PIN]);
		expect(answer.root).toBe('queuecalls');
		expect(answer.status).toBe('success');
		expect(answer.callId).toBeUndefined();
		expect(answer.fields).toEqual({
			login: 'user',
			campaign_name: 'SunnyCamp',
			start_url: 'http://charles.plumgroup.com/~schan/src/charles/vxml/start.php',
		});
		expect(answer.calls.toArray()).toEqual([
			{ callId: '112897970', phoneNumber: 'tel:+19492222222;ani=8009957586' },
			{ callId: '112897971', phoneNumber: 'tel:+19492222223;ani=8009957586' },
		]);
		expect(JSON.stringify(answer)).not.toContain(PIN);
	});

	it('gives a single call as an array', () => {
		const xml = '<queuecalls status="success"><phone_list><call call_id="5"><phone_number>tel:+16175551234</phone_number></call></phone_list></queuecalls>';
		expect(readDevAnswer(xml, []).calls.toArray()).toEqual([{ callId: '5', phoneNumber: 'tel:+16175551234' }]);
	});

	it('gives an empty phone list as no calls', () => {
		expect(readDevAnswer('<queuecalls status="success"><phone_list/></queuecalls>', []).calls.toArray()).toEqual([]);
		expect(readDevAnswer('<queuecalls status="success"><phone_list></phone_list></queuecalls>', []).calls.toArray()).toEqual([]);
	});

	it('reads calls in shapes outside the documented one the same way', () => {
		const xml = `<queuecalls status="success"><phone_list>
			<!-- first -->
			<call call_id='9' extra="y"><phone_number>tel:+1617555&#49;234</phone_number></call>
			<call><call_id>10</call_id><phone_number type="x">tel:+16175551235</phone_number></call>
		</phone_list></queuecalls>`;
		expect(readDevAnswer(xml, []).calls.toArray()).toEqual([
			{ callId: '9', phoneNumber: 'tel:+16175551234' },
			{ callId: '10', phoneNumber: 'tel:+16175551235' },
		]);
	});

	it('ignores a phone list inside a comment before the real one', () => {
		const xml = `<queuecalls status="success"><!-- <phone_list><call call_id="1"><phone_number>a</phone_number></call></phone_list> -->
			<phone_list><call call_id="2"><phone_number>b</phone_number></call></phone_list></queuecalls>`;
		expect(readDevAnswer(xml, []).calls.toArray()).toEqual([{ callId: '2', phoneNumber: 'b' }]);
	});

	it('reads a 100,000-call answer completely and in order', () => {
		const answer = readDevAnswer(campaignAnswer(100_000), [PIN]);
		expect(answer.status).toBe('success');
		expect(answer.calls).toHaveLength(100_000);
		expect(answer.calls.toArray()[0]).toEqual({ callId: '300000000', phoneNumber: 'tel:+19490000000;ani=8009957586' });
		expect(answer.calls.callId(99_999)).toBe('300099999');
		expect(answer.calls.phoneNumber(99_999)).toBe('tel:+19490099999;ani=8009957586');
		expect(answer.calls.hasPhoneNumber(99_999, 'tel:+19490099999;ani=8009957586')).toBe(true);
		expect(answer.calls.hasPhoneNumber(99_999, 'tel:+19490099999')).toBe(false);
		expect(answer.fields).toEqual({ login: 'user' });
	});

	it('refuses a campaign answer with a DOCTYPE', () => {
		const xml = QUEUECALLS_ANSWER.replace('<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE queuecalls [<!ENTITY x "y">]>');
		expect(readError(xml).reason).toContain('DOCTYPE or entity declaration');
	});

	it('refuses a campaign answer whose phone list is not closed', () => {
		const xml = QUEUECALLS_ANSWER.replace('</phone_list>', '');
		expect(readError(xml)).toBeInstanceOf(PlumXmlError);
	});

	it('refuses a campaign answer with a broken call', () => {
		const xml = QUEUECALLS_ANSWER.replace('</call>', '</cal>');
		expect(readError(xml)).toBeInstanceOf(PlumXmlError);
	});

	it('refuses a campaign answer whose root is not closed after the phone list', () => {
		const xml = QUEUECALLS_ANSWER.replace('</queuecalls>', '');
		expect(readError(xml)).toBeInstanceOf(PlumXmlError);
	});
});

describe('readDevAnswer: error answers', () => {
	it('takes the message from an error element and redacts secrets in it', () => {
		const xml = `<queuecall status="failed"><error>Invalid PIN ${PIN} for login user</error></queuecall>`;
		const answer = readDevAnswer(xml, [PIN]);
		expect(answer.status).toBe('failed');
		expect(answer.message).toBe('Invalid PIN [redacted] for login user');
		expect(JSON.stringify(answer)).not.toContain(PIN);
	});

	it('takes the message from a message attribute', () => {
		expect(readDevAnswer('<queuecalls status="error" message="campaign_name already used"/>', []).message).toBe(
			'campaign_name already used',
		);
	});

	it('takes the message from a reason element', () => {
		expect(readDevAnswer('<queuecall status="rejected"><reason>bad number</reason></queuecall>', []).message).toBe('bad number');
	});

	it("takes the message from the root's text", () => {
		const answer = readDevAnswer('<queuecall status="error">Invalid login</queuecall>', []);
		expect(answer.message).toBe('Invalid login');
	});

	it('takes the message from a root that is itself an error element', () => {
		const answer = readDevAnswer('<?xml version="1.0"?><error>Missing start_url</error>', []);
		expect(answer.root).toBe('error');
		expect(answer.status).toBe('');
		expect(answer.message).toBe('Missing start_url');
	});

	it('reads the <result><error> shape', () => {
		expect(readDevAnswer('<result><error>Not allowed</error></result>', []).message).toBe('Not allowed');
	});

	it('gives no message for a successful answer', () => {
		expect(readDevAnswer('<queuecall status="queued" call_id="1"><message>ok</message></queuecall>', []).message).toBeUndefined();
	});

	it('returns plain-text answers as a message, redacted', () => {
		const answer = readDevAnswer(`Invalid login or PIN ${PIN}\n`, [PIN]);
		expect(JSON.parse(JSON.stringify(answer))).toEqual({
			root: '',
			status: '',
			message: 'Invalid login or PIN [redacted]',
			fields: {},
			calls: [],
		});
	});

	it('redacts secrets in the reason of malformed XML', () => {
		const error = readError(`<queuecall><x${PIN}></queuecall>`);
		expect(error.message).toMatch(/^Plum answered with XML that could not be read: /);
		expect(error.message).not.toContain(PIN);
	});
});
