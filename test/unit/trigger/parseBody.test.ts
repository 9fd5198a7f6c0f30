import { parseBody } from '../../../nodes/PlumOutboundTrigger/webhook/parseBody';
import type { ReceivedBody } from '../../../nodes/PlumOutboundTrigger/webhook/readBody';
import { callFields, sourceOf } from '../../../nodes/PlumOutboundTrigger/webhook/normaliseResult';
import { WebhookRejection } from '../../../nodes/PlumOutboundTrigger/webhook/WebhookRejection';
import { thrownBy } from '../../helpers/thrownBy';

function raw(text: string, contentType?: string, charset?: string): ReceivedBody {
	return { kind: 'raw', bytes: Buffer.from(text, charset === 'latin1' ? 'latin1' : 'utf8'), contentType, charset };
}

function refusalOf(body: ReceivedBody): WebhookRejection {
	return thrownBy(() => parseBody(body), WebhookRejection);
}

describe('parseBody', () => {
	it('goes by the declared content type', () => {
		expect(parseBody(raw('{"status":"completed"}', 'application/json')).format).toBe('json');
		expect(parseBody(raw('<r><status>completed</status></r>', 'text/xml')).format).toBe('xml');
		expect(parseBody(raw('status=completed', 'application/x-www-form-urlencoded')).format).toBe('form');
	});

	it('looks at the first character when the content type says nothing', () => {
		expect(parseBody(raw('  {"status":"completed"}')).format).toBe('json');
		expect(parseBody(raw('<r><status>completed</status></r>', 'application/octet-stream')).format).toBe('xml');
		expect(parseBody(raw('status=completed', 'text/plain')).format).toBe('form');
	});

	it('skips a byte order mark before JSON', () => {
		expect(parseBody(raw('\ufeff{"status":"completed"}', 'application/json')).fields).toEqual({
			status: 'completed',
		});
	});

	it('turns XML attributes into fields unless an element has the same name', () => {
		const { fields } = parseBody(
			raw('<call_details call_id="55" status="x"><status>completed</status></call_details>', 'application/xml'),
		);
		expect(fields).toEqual({ status: 'completed', call_id: '55', '@_status': 'x' });
	});

	it('decodes latin-1 bodies when the charset says so', () => {
		const { fields } = parseBody(
			raw('status=completed&note=caf\u00e9', 'application/x-www-form-urlencoded', 'latin1'),
		);
		expect(fields.note).toBe('caf\u00e9');
	});

	it('uses a body n8n already parsed as JSON as it is', () => {
		const parsed = parseBody({ kind: 'parsed', value: { status: 'completed' }, contentType: 'application/json' });
		expect(parsed.fields).toEqual({ status: 'completed' });
		expect(parsed.text).toBe('{"status":"completed"}');
	});

	it('refuses empty, unreadable and field-less bodies with 400', () => {
		expect(refusalOf(raw('   ', 'application/json')).statusCode).toBe(400);
		expect(refusalOf(raw('hello', 'text/plain')).message).toContain('neither form fields, JSON nor XML');
		expect(refusalOf(raw('null', 'application/json')).message).toContain('not an object');
		expect(refusalOf(raw('<r/>', 'application/xml')).message).toContain('no fields');
		expect(refusalOf(raw('a=&b=', 'application/x-www-form-urlencoded')).message).toContain('no fields');
	});

	it('refuses unparsed multipart bytes', () => {
		expect(refusalOf(raw('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--', 'multipart/form-data')).statusCode).toBe(400);
	});
});

describe('callFields and sourceOf', () => {
	it('opens a call_details wrapper and keeps the fields beside it', () => {
		expect(callFields({ call_id: '1', call_details: { status: 'completed' } })).toEqual({
			status: 'completed',
			call_id: '1',
		});
	});

	it('calls a result "deployment" by the fields only call_details has', () => {
		expect(sourceOf({ call_details: { status: 'completed' } })).toBe('deployment');
		expect(sourceOf({ status: 'completed', events: [] })).toBe('deployment');
		expect(sourceOf({ status: 'completed', max_attempts: '2' })).toBe('deployment');
	});

	it('calls a result "dev" otherwise, also when it has attempts and timestamps', () => {
		expect(sourceOf({ status: 'completed', attempts: '1', queued_timestamp: '1', message_reference: 'x' })).toBe('dev');
	});
});
