import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { startSandbox } from '../../sandbox';
import type { Sandbox, SandboxOptions } from '../../sandbox';

const { parseCsv } = require('../../sandbox/csv') as { parseCsv: (text: string) => { rows: string[][]; lines: number[] } };

const LOGIN = 'demo-login';
const PIN = '4321';
const BASIC = `Basic ${Buffer.from('ops@example.com:dk-sandbox-secret').toString('base64')}`;
const T0 = Date.UTC(2025, 0, 6, 15, 0, 0);
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });

let sb: Sandbox;
let clock: number;

async function start(options: SandboxOptions = {}): Promise<Sandbox> {
	clock = T0;
	sb = await startSandbox({ callProgressMs: 1000, now: () => clock, ...options });
	return sb;
}

afterEach(async () => {
	await sb?.close();
});

function devFields(extra: Record<string, string> = {}): Record<string, string> {
	return { login: LOGIN, pin: PIN, start_url: 'https://ivr.example.com/start.vxml', ...extra };
}

async function postQueueCall(fields: Record<string, string>) {
	const response = await fetch(`${sb.devBaseUrl}queuecall.php`, { method: 'POST', body: new URLSearchParams(fields) });
	const text = await response.text();
	return { status: response.status, text, doc: xml.parse(text) };
}

function multipart(fields: Record<string, string>, files: Record<string, { name: string; text: string }> = {}): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.set(name, value);
	for (const [name, file] of Object.entries(files)) form.set(name, new Blob([file.text], { type: 'text/csv' }), file.name);
	return form;
}

async function postQueueCalls(body: FormData | URLSearchParams) {
	const response = await fetch(`${sb.devBaseUrl}queuecalls.php`, { method: 'POST', body });
	const text = await response.text();
	return { status: response.status, text, doc: xml.parse(text) };
}

async function api(path: string, init: RequestInit = {}) {
	const headers = { authorization: BASIC, ...(init.headers as Record<string, string> | undefined) };
	const response = await fetch(`${sb.deploymentBaseUrl}${path}`, { ...init, headers });
	const text = await response.text();
	return { status: response.status, headers: response.headers, text };
}

/** Queues a deployment call and gives the answer's reader as soon as its head arrives (for faults that never end). */
async function openQueueAnswer() {
	const controller = new AbortController();
	const response = await fetch(`${sb.deploymentBaseUrl}/apps/11/22/queue`, {
		method: 'POST',
		headers: { authorization: BASIC },
		body: multipart({ phone_number: '16175551234' }),
		signal: controller.signal,
	});
	return { response, reader: response.body!.getReader(), controller };
}

async function queueDeploymentCall(fields: Record<string, string>) {
	const answer = await api('/apps/11/22/queue', { method: 'POST', body: multipart(fields) });
	return { ...answer, json: JSON.parse(answer.text) };
}

describe('DEV webservice queuecall.php', () => {
	it('answers a good request with status queued, a call_id and the echoed login and PIN', async () => {
		await start();
		const { status, doc } = await postQueueCall(devFields({ phone_number: 'tel:+16175551234;ani=8001234567', max_retries: '2' }));
		expect(status).toBe(200);
		expect(doc.queuecall['@status']).toBe('queued');
		expect(doc.queuecall['@call_id']).toBe('112850593');
		expect(doc.queuecall.login).toBe(LOGIN);
		expect(doc.queuecall.pin).toBe(PIN);
		expect(doc.queuecall.phone_number).toBe('tel:+16175551234;ani=8001234567');
		expect(doc.queuecall.max_retries).toBe('2');
		expect(sb.calls.get('112850593')?.product).toBe('dev');
	});

	it('normalises a bare 10-digit number to tel:+1 with the account caller ID', async () => {
		await start({ defaultAni: '8005550100' });
		const { doc } = await postQueueCall(devFields({ phone_number: '6175551234' }));
		expect(doc.queuecall.phone_number).toBe('tel:+16175551234;ani=8005550100');
	});

	it('answers a wrong PIN with a failed status and queues nothing', async () => {
		await start();
		const { status, doc } = await postQueueCall({ ...devFields({ phone_number: '16175551234' }), pin: '9999' });
		expect(status).toBe(200);
		expect(doc.queuecall['@status']).toBe('failed');
		expect(doc.queuecall.error).toBe('Invalid login or PIN');
		expect(sb.calls.size).toBe(0);
	});

	it('rejects max_retries above 10', async () => {
		await start();
		const { doc } = await postQueueCall(devFields({ phone_number: '16175551234', max_retries: '11' }));
		expect(doc.queuecall['@status']).toBe('failed');
		expect(doc.queuecall.error).toContain('max_retries must be between 0 and 10');
	});

	it('reads max_retry, the other documented spelling, and echoes it as max_retries', async () => {
		await start();
		const { doc } = await postQueueCall(devFields({ phone_number: '16175551234', max_retry: '3' }));
		expect(doc.queuecall['@status']).toBe('queued');
		expect(doc.queuecall.max_retries).toBe('3');
	});

	it('rejects a retry interval under 60 seconds', async () => {
		await start();
		const { doc } = await postQueueCall(devFields({ phone_number: '16175551234', retry_interval: '59' }));
		expect(doc.queuecall.error).toContain('retry_interval must be between 60 and 172800');
	});

	it('rejects a start_url longer than 255 characters', async () => {
		await start();
		const longUrl = `https://ivr.example.com/${'a'.repeat(240)}`;
		const { doc } = await postQueueCall(devFields({ phone_number: '16175551234', start_url: longUrl }));
		expect(doc.queuecall.error).toContain('start_url is longer than 255 characters');
	});

	it('accepts the same fields sent as multipart/form-data', async () => {
		await start();
		const response = await fetch(`${sb.devBaseUrl}queuecall.php`, {
			method: 'POST',
			body: multipart(devFields({ phone_number: '16175551234' })),
		});
		expect(xml.parse(await response.text()).queuecall['@status']).toBe('queued');
	});

	it('escapes XML special characters in echoed values', async () => {
		await start();
		const { text, doc } = await postQueueCall(
			devFields({ phone_number: '16175551234', start_url: 'https://ivr.example.com/s?a=1&b=<2>' }),
		);
		expect(text).toContain('<start_url>https://ivr.example.com/s?a=1&amp;b=&lt;2&gt;</start_url>');
		expect(doc.queuecall.start_url).toBe('https://ivr.example.com/s?a=1&b=<2>');
	});
});

describe('DEV webservice queuecalls.php', () => {
	const phoneList = '16175551234,ref-1,lang=en\ntel:+16175551235;ani=8001234567,ref-2\r\n6175551236\n';

	it('queues one call per phone_list line, in order, with increasing call_ids', async () => {
		await start();
		const { doc } = await postQueueCalls(
			multipart(devFields({ campaign_name: 'Spring reminders' }), { phone_list: { name: 'list.txt', text: phoneList } }),
		);
		const result = doc.queuecalls;
		expect(result['@status']).toBe('success');
		expect(result.pin).toBe(PIN);
		expect(result.campaign_name).toBe('Spring reminders');
		const calls = result.phone_list.call;
		expect(calls.map((call: Record<string, string>) => call['@call_id'])).toEqual(['112850593', '112850594', '112850595']);
		expect(calls.map((call: Record<string, string>) => call.phone_number)).toEqual([
			'tel:+16175551234;ani=8005550100',
			'tel:+16175551235;ani=8001234567',
			'tel:+16175551236;ani=8005550100',
		]);
		expect(sb.calls.get('112850593')?.messageReference).toBe('ref-1');
		expect(sb.calls.get('112850593')?.callParameters).toBe('lang=en');
		expect(sb.calls.get('112850594')?.messageReference).toBe('ref-2');
	});

	it('rejects a request that is not multipart/form-data', async () => {
		await start();
		const { doc } = await postQueueCalls(new URLSearchParams(devFields({ campaign_name: 'c', phone_list: '16175551234' })));
		expect(doc.queuecalls['@status']).toBe('failed');
		expect(doc.queuecalls.error).toContain('multipart/form-data');
		expect(sb.calls.size).toBe(0);
	});

	it('rejects a phone_list sent as a text field instead of a file', async () => {
		await start();
		const { doc } = await postQueueCalls(multipart(devFields({ campaign_name: 'c', phone_list: '16175551234' })));
		expect(doc.queuecalls.error).toContain('phone_list must be uploaded as a file');
	});

	it('rejects a repeated campaign name', async () => {
		await start();
		const form = () => multipart(devFields({ campaign_name: 'Once' }), { phone_list: { name: 'l.txt', text: '16175551234\n' } });
		expect((await postQueueCalls(form())).doc.queuecalls['@status']).toBe('success');
		const second = await postQueueCalls(form());
		expect(second.doc.queuecalls['@status']).toBe('failed');
		expect(second.doc.queuecalls.error).toContain('already exists');
		expect(sb.calls.size).toBe(1);
	});

	it('rejects the whole list when one line has an invalid number, naming the line', async () => {
		await start();
		const { doc } = await postQueueCalls(
			multipart(devFields({ campaign_name: 'c' }), { phone_list: { name: 'l.txt', text: '16175551234\n617-CALL-NOW\n' } }),
		);
		expect(doc.queuecalls.error).toContain('phone_list line 2');
		expect(sb.calls.size).toBe(0);
	});

	it('rejects a phone_list line with more than three fields', async () => {
		await start();
		const { doc } = await postQueueCalls(
			multipart(devFields({ campaign_name: 'c' }), { phone_list: { name: 'l.txt', text: '16175551234,a,b,c\n' } }),
		);
		expect(doc.queuecalls.error).toContain('at most 3');
	});
});

describe('faults', () => {
	it('answers one matching request with the fault, then behaves normally again', async () => {
		await start();
		sb.fail('queuecall', { type: 'http', status: 500 });
		const first = await postQueueCall(devFields({ phone_number: '16175551234' }));
		const second = await postQueueCall(devFields({ phone_number: '16175551234' }));
		expect(first.status).toBe(500);
		expect(second.status).toBe(200);
		expect(second.doc.queuecall['@status']).toBe('queued');
		expect(sb.calls.size).toBe(1);
	});

	it('repeats a fault as many times as asked', async () => {
		await start();
		sb.fail('*', { type: 'html', status: 502 }, { times: 2 });
		const statuses = [];
		for (let index = 0; index < 3; index++) statuses.push((await postQueueCall(devFields({ phone_number: '16175551234' }))).status);
		expect(statuses).toEqual([502, 502, 200]);
	});

	it('creates no calls for a request answered with a failure status', async () => {
		await start();
		sb.fail('queuecall', { type: 'xmlStatus', status: 'failed', message: 'Invalid phone number' });
		const { status, doc } = await postQueueCall(devFields({ phone_number: '16175551234' }));
		expect(status).toBe(200);
		expect(doc.queuecall['@status']).toBe('failed');
		expect(doc.queuecall.error).toBe('Invalid phone number');
		expect(sb.calls.size).toBe(0);
	});

	it('counts every request that reached a queue endpoint, failed and faulted ones included', async () => {
		await start();
		sb.fail('queuecall', { type: 'drop' });
		await expect(postQueueCall(devFields({ phone_number: '16175551234' }))).rejects.toThrow();
		await postQueueCall({ ...devFields({ phone_number: '16175551234' }), pin: 'wrong' });
		await queueDeploymentCall({ phone_number: '16175551234' });
		await api('/outbound/112850593');
		expect(sb.queueRequestCount()).toBe(3);
		expect(sb.requests.map((request) => request.endpoint)).toEqual(['queuecall', 'queuecall', 'deploymentQueue', 'callStatus']);
		expect(sb.requests[0].outcome?.status).toBe(0);
	});

	it('resets the connection while the upload is still arriving', async () => {
		await start();
		sb.fail('queuecalls', { type: 'resetDuringUpload' });
		const bigList = '16175551234\n'.repeat(200000);
		await expect(
			postQueueCalls(multipart(devFields({ campaign_name: 'c' }), { phone_list: { name: 'l.txt', text: bigList } })),
		).rejects.toThrow();
		expect(sb.calls.size).toBe(0);
		expect(sb.queueRequestCount()).toBe(1);
	});

	it('leaves a hanging request unanswered until the client gives up', async () => {
		await start();
		sb.fail('deploymentQueue', { type: 'hang' });
		const controller = new AbortController();
		const pending = api('/apps/11/22/queue', { method: 'POST', body: multipart({ phone_number: '16175551234' }), signal: controller.signal });
		while (sb.requests[0]?.outcome == null) await new Promise((resolve) => setTimeout(resolve, 5));
		controller.abort();
		await expect(pending).rejects.toThrow();
		expect(sb.requests[0].fault).toBe('hang');
		expect(sb.calls.size).toBe(0);
	});

	it('sends the head and first line of an answer, then stalls without ending it', async () => {
		await start();
		sb.fail('deploymentQueue', { type: 'stallBody' });
		const { response, reader, controller } = await openQueueAnswer();
		expect(response.status).toBe(200);
		const first = await reader.read();
		expect(Buffer.from(first.value!).toString('utf8')).toBe('{"calls_queued": 1, ');
		const next = reader.read();
		const stillOpen = await Promise.race([next.then(() => false), new Promise((resolve) => setTimeout(resolve, 200, true))]);
		expect(stillOpen).toBe(true);
		controller.abort();
		await expect(next).rejects.toThrow();
		expect(sb.requests[0].fault).toBe('stallBody');
		expect(sb.calls.size).toBe(0);
	});

	it('trickles an answer in, one space at a time, without ever ending it', async () => {
		await start();
		sb.fail('deploymentQueue', { type: 'trickle', everyMs: 20 });
		const { reader, controller } = await openQueueAnswer();
		let text = '';
		while (text.length < '{"calls_queued": 1, '.length + 3) text += Buffer.from((await reader.read()).value!).toString('utf8');
		expect(text).toMatch(/^\{"calls_queued": 1, {3,}$/);
		controller.abort();
		expect(sb.requests[0].fault).toBe('trickle');
		expect(sb.calls.size).toBe(0);
	});

	it('sends a DOCTYPE with nested entity declarations', async () => {
		await start();
		sb.fail('queuecall', { type: 'doctype' });
		const { text } = await postQueueCall(devFields({ phone_number: '16175551234' }));
		expect(text).toContain('<!DOCTYPE queuecall [');
		expect(text).toContain('<!ENTITY lol9 "&lol8;&lol8;');
		expect(sb.calls.size).toBe(0);
	});

	it('sends malformed XML that still echoes the PIN', async () => {
		await start();
		sb.fail('queuecall', { type: 'malformedXml' });
		const response = await fetch(`${sb.devBaseUrl}queuecall.php`, {
			method: 'POST',
			body: new URLSearchParams(devFields({ phone_number: '16175551234' })),
		});
		const text = await response.text();
		expect(response.status).toBe(200);
		expect(text).toContain(`<pin>${PIN}</pin>`);
		expect(() => new XMLParser().parse(text, true)).toThrow();
	});

	it('streams a huge answer of about the asked size', async () => {
		await start();
		sb.fail('queuecalls', { type: 'huge', bytes: 2 * 1024 * 1024 });
		const { text } = await postQueueCalls(
			multipart(devFields({ campaign_name: 'c' }), { phone_list: { name: 'l.txt', text: '16175551234\n' } }),
		);
		expect(text.length).toBeGreaterThan(1.9 * 1024 * 1024);
		expect(text.length).toBeLessThanOrEqual(2 * 1024 * 1024);
		expect(text.trimEnd().endsWith('</queuecalls>')).toBe(true);
	});

	it('answers a deployment endpoint fault with a JSON error, or XML when Accept asks for it', async () => {
		await start();
		sb.fail('bulkQueue', { type: 'http', status: 500 }, { times: 2 });
		const form = () => multipart({}, { csv: { name: 'c.csv', text: 'destination\n16175551234\n' } });
		const asJson = await api('/apps/11/22/bulk_queue', { method: 'POST', body: form() });
		const asXml = await api('/apps/11/22/bulk_queue', { method: 'POST', body: form(), headers: { accept: 'application/xml' } });
		expect(asJson.status).toBe(500);
		expect(JSON.parse(asJson.text)).toEqual({ error: 'Internal Server Error' });
		expect(xml.parse(asXml.text).result.error).toBe('Internal Server Error');
	});

	it('keeps each response body for leak checks', async () => {
		await start();
		await postQueueCall(devFields({ phone_number: '16175551234' }));
		expect(sb.responsesSent).toHaveLength(1);
		expect(sb.responsesSent[0]).toContain(`<pin>${PIN}</pin>`);
	});
});

describe('deployment API queue and call status', () => {
	it('queues a call and links to its status', async () => {
		await start();
		const { status, headers, json } = await queueDeploymentCall({
			phone_number: '16175551234',
			metadata: JSON.stringify({ first_name: 'Ann', balance: 12.5 }),
		});
		expect(status).toBe(200);
		expect(json).toEqual({ call_id: '112850593' });
		expect(headers.get('link')).toBe('</api/outbound/112850593>; rel="status"');
		expect(sb.calls.get('112850593')?.variables).toEqual({ first_name: 'Ann', balance: 12.5 });
	});

	it('moves a call from queued through dialing and connected to completed, in Plum\'s call_details style', async () => {
		await start({ callProgressMs: 1000 });
		const { json } = await queueDeploymentCall({ phone_number: '16175551234', max_attempts: '2', reattempt_wait: '300' });
		const statusAt = async (offsetMs: number) => {
			clock = T0 + offsetMs;
			return JSON.parse((await api(`/outbound/${json.call_id}`)).text).call_details;
		};
		expect((await statusAt(0)).status).toBe('queued');
		expect((await statusAt(1000)).status).toBe('dialing');
		expect((await statusAt(2000)).status).toBe('connected');
		const done = await statusAt(5000);
		expect(done).toEqual({
			max_attempts: '2',
			attempts: '1',
			events: [
				{ event: 'queued', timestamp: T0 / 1000 },
				{ event: 'dialing', timestamp: T0 / 1000 + 1 },
				{ event: 'connected', timestamp: T0 / 1000 + 2 },
				{ event: 'disconnected', timestamp: T0 / 1000 + 3 },
			],
			phone_number: "'6175551234'",
			status: 'completed',
			queued_timestamp: String(T0 / 1000),
			start_timestamp: String(T0 / 1000 + 2),
			end_timestamp: String(T0 / 1000 + 3),
			last_attempt_timestamp: String(T0 / 1000 + 1),
			reattempt_wait: '300',
			duration: 1,
		});
	});

	it('ends numbers ending 0000 as failed and 9999 as rejected', async () => {
		await start();
		const busy = (await queueDeploymentCall({ phone_number: '16175550000' })).json.call_id;
		const rejected = (await queueDeploymentCall({ phone_number: '16175559999' })).json.call_id;
		clock = T0 + 60000;
		expect(sb.callDetails(busy)?.status).toBe('failed');
		expect(sb.callDetails(rejected)?.status).toBe('rejected');
	});

	it('answers the call status as XML when Accept asks for it', async () => {
		await start();
		const { json } = await queueDeploymentCall({ phone_number: '16175551234' });
		const { text } = await api(`/outbound/${json.call_id}`, { headers: { accept: 'application/xml' } });
		const details = xml.parse(text).result.call_details;
		expect(details.status).toBe('queued');
		expect(details.events.event.event).toBe('queued');
	});

	it('rejects max_attempts above 1 without reattempt_wait', async () => {
		await start();
		const { status, json } = await queueDeploymentCall({ phone_number: '16175551234', max_attempts: '3' });
		expect(status).toBe(400);
		expect(json.error).toContain('reattempt_wait is required');
		expect(sb.calls.size).toBe(0);
	});

	it('rejects call variables that are not a JSON object', async () => {
		await start();
		const { status, json } = await queueDeploymentCall({ phone_number: '16175551234', metadata: '["a"]' });
		expect(status).toBe(400);
		expect(json.error).toContain('metadata must be a JSON object');
	});

	it('answers 401 to a wrong developer key', async () => {
		await start();
		const wrong = `Basic ${Buffer.from('ops@example.com:nope').toString('base64')}`;
		const { status, text } = await api('/apps/11/22/queue', {
			method: 'POST',
			body: multipart({ phone_number: '16175551234' }),
			headers: { authorization: wrong },
		});
		expect(status).toBe(401);
		expect(JSON.parse(text).error).toEqual(expect.any(String));
		expect(sb.calls.size).toBe(0);
	});

	it('answers 404 to an unknown deployment and to an unknown call', async () => {
		await start();
		const deployment = await api('/apps/11/99/queue', { method: 'POST', body: multipart({ phone_number: '16175551234' }) });
		const call = await api('/outbound/1');
		expect(deployment.status).toBe(404);
		expect(JSON.parse(deployment.text)).toEqual({ error: 'Deployment not found' });
		expect(call.status).toBe(404);
	});

	it('answers 409 for a deleted deployment and 405 for a wrong method', async () => {
		await start({ deployments: [{ applicationId: 11, deploymentId: 22 }, { applicationId: 11, deploymentId: 23, deleted: true }] });
		const deleted = await api('/apps/11/23/queue', { method: 'POST', body: multipart({ phone_number: '16175551234' }) });
		const wrongMethod = await api('/apps/11/22/queue');
		expect(deleted.status).toBe(409);
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('POST');
	});
});

describe('deployment API bulk_queue and cancel', () => {
	it('queues one call per CSV row, reading quoted commas, doubled quotes and line breaks', async () => {
		await start();
		const csv = [
			'"destination","first_name","note"',
			'"1234567890","Steve","Smith, ""Jr."""',
			'"tel:+16177123000;ani=5553336666","Plum","two\r\nlines"',
			'16175551234,Ann,',
		].join('\r\n');
		const { status, text } = await api('/apps/11/22/bulk_queue', {
			method: 'POST',
			body: multipart({ max_attempts: '1' }, { csv: { name: 'contacts.csv', text: csv } }),
		});
		expect(status).toBe(200);
		expect(JSON.parse(text)).toEqual({ calls_queued: 3 });
		const calls = [...sb.calls.values()];
		expect(calls.map((call) => call.variables)).toEqual([
			{ first_name: 'Steve', note: 'Smith, "Jr."' },
			{ first_name: 'Plum', note: 'two\r\nlines' },
			{ first_name: 'Ann', note: '' },
		]);
		expect(calls[1].phoneNumber).toBe('tel:+16177123000;ani=5553336666');
	});

	it('rejects a row with an empty destination, naming the row', async () => {
		await start();
		const { status, text } = await api('/apps/11/22/bulk_queue', {
			method: 'POST',
			body: multipart({}, { csv: { name: 'c.csv', text: 'destination,name\n16175551234,A\n"",B\n' } }),
		});
		expect(status).toBe(400);
		expect(JSON.parse(text).error).toContain('CSV row 2 (line 3): destination is empty');
		expect(sb.calls.size).toBe(0);
	});

	it('rejects a CSV whose header does not start with destination', async () => {
		await start();
		const { status, text } = await api('/apps/11/22/bulk_queue', {
			method: 'POST',
			body: multipart({}, { csv: { name: 'c.csv', text: '16175551234,A\n' } }),
		});
		expect(status).toBe(400);
		expect(JSON.parse(text).error).toContain('"destination"');
	});

	it('cancels every pending call of the deployment and leaves finished calls alone', async () => {
		await start();
		const finished = (await queueDeploymentCall({ phone_number: '16175551234' })).json.call_id;
		clock = T0 + 10000;
		const pending = (await queueDeploymentCall({ phone_number: '16175551235' })).json.call_id;
		const { status, text } = await api('/apps/11/22/cancel', { method: 'DELETE' });
		expect(status).toBe(202);
		expect(text).toBe('');
		clock = T0 + 60000;
		expect(sb.callDetails(finished)?.status).toBe('completed');
		expect(sb.callDetails(pending)?.status).toBe('canceled');
		expect(sb.callDetails(pending)?.events.map((event) => event.event)).toEqual(['queued', 'canceled']);
	});
});

describe('result callbacks', () => {
	async function receiver() {
		const received: Array<{ method: string; contentType: string; body: string }> = [];
		const server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				received.push({ method: req.method ?? '', contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString() });
				res.end('ok');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?secret=s1`;
		return { received, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
	}

	it('posts a deployment call result as the call_details object plus call_id, in JSON', async () => {
		const hook = await receiver();
		try {
			await start();
			const { json } = await queueDeploymentCall({ phone_number: '16175551234', result_url: hook.url });
			const answer = await sb.sendResultCallback(json.call_id, { format: 'json' });
			expect(answer).toEqual({ status: 200, body: 'ok' });
			const body = JSON.parse(hook.received[0].body);
			expect(hook.received[0].contentType).toBe('application/json');
			expect(body.call_id).toBe(json.call_id);
			expect(body.status).toBe('completed');
			expect(body.attempts).toBe('1');
		} finally {
			await hook.close();
		}
	});

	it('posts form-encoded results with PHP-style nested event keys', async () => {
		const hook = await receiver();
		try {
			await start();
			const { json } = await queueDeploymentCall({ phone_number: '16175550000' });
			await sb.sendResultCallback(json.call_id, { format: 'form', url: hook.url });
			const form = new URLSearchParams(hook.received[0].body);
			expect(form.get('status')).toBe('failed');
			expect(form.get('events[0][event]')).toBe('queued');
			expect(form.get('phone_number')).toBe("'6175550000'");
		} finally {
			await hook.close();
		}
	});

	it('posts XML results with one <event> element per event', async () => {
		const hook = await receiver();
		try {
			await start();
			const { json } = await queueDeploymentCall({ phone_number: '16175551234' });
			await sb.sendResultCallback(json.call_id, { format: 'xml', url: hook.url });
			const details = xml.parse(hook.received[0].body).call_details;
			expect(details.call_id).toBe(json.call_id);
			expect(details.events.event.map((event: { event: string }) => event.event)).toEqual(['queued', 'dialing', 'connected', 'disconnected']);
		} finally {
			await hook.close();
		}
	});

	it('posts a DEV call result form-encoded with its message_reference and without the PIN', async () => {
		const hook = await receiver();
		try {
			await start();
			const { doc } = await postQueueCall(devFields({ phone_number: '16175551234', message_reference: 'order-77', result_url: hook.url }));
			await sb.sendResultCallback(doc.queuecall['@call_id']);
			const form = new URLSearchParams(hook.received[0].body);
			expect(hook.received[0].contentType).toBe('application/x-www-form-urlencoded');
			expect(form.get('message_reference')).toBe('order-77');
			expect(form.get('status')).toBe('completed');
			expect(hook.received[0].body).not.toContain(PIN);
		} finally {
			await hook.close();
		}
	});
});

describe('sandbox options and control surface', () => {
	it('fails a DEV queue request when start_url does not answer a GET with 200', async () => {
		const server = http.createServer((req, res) => {
			res.statusCode = req.url === '/ok' ? 200 : 404;
			res.end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			await start({ checkUrlsWithGet: true });
			const bad = await postQueueCall(devFields({ phone_number: '16175551234', start_url: `${base}/missing` }));
			const good = await postQueueCall(devFields({ phone_number: '16175551234', start_url: `${base}/ok` }));
			expect(bad.doc.queuecall.error).toContain('start_url answered HTTP 404');
			expect(good.doc.queuecall['@status']).toBe('queued');
		} finally {
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	});

	it('keeps neither raw bodies nor file text when recordBodies is false', async () => {
		await start({ recordBodies: false });
		await postQueueCalls(multipart(devFields({ campaign_name: 'c' }), { phone_list: { name: 'l.txt', text: '16175551234\n' } }));
		expect(sb.requests[0].rawBody).toBeUndefined();
		expect(sb.requests[0].files.phone_list).toEqual({ filename: 'l.txt', contentType: 'text/csv', size: 12 });
	});

	it('lists requests on the control surface with the PIN and Authorization masked', async () => {
		await start();
		await postQueueCall(devFields({ phone_number: '16175551234' }));
		await queueDeploymentCall({ phone_number: '16175551234' });
		const text = await (await fetch(`${sb.url}/_sandbox/requests`)).text();
		const summary = JSON.parse(text);
		expect(summary.map((request: { endpoint: string }) => request.endpoint)).toEqual(['queuecall', 'deploymentQueue']);
		expect(summary[0].fields.pin).toBe('***');
		expect(text).not.toContain('dk-sandbox-secret');
		expect(text).not.toContain(BASIC);
	});

	it('forgets requests, calls and faults on reset', async () => {
		await start();
		sb.fail('queuecall', { type: 'http', status: 500 });
		await queueDeploymentCall({ phone_number: '16175551234' });
		sb.reset();
		expect(sb.requests).toHaveLength(0);
		expect(sb.calls.size).toBe(0);
		expect(sb.queueRequestCount()).toBe(0);
		expect((await postQueueCall(devFields({ phone_number: '16175551234' }))).status).toBe(200);
	});
});

describe('RFC 4180 CSV parser', () => {
	it('reads quoted fields holding commas, doubled quotes and CRLF or LF line breaks', () => {
		const { rows, lines } = parseCsv('a,"b,c","d ""e"""\r\n"x\ny","",z\n');
		expect(rows).toEqual([
			['a', 'b,c', 'd "e"'],
			['x\ny', '', 'z'],
		]);
		expect(lines).toEqual([1, 2]);
	});

	it('reports an unclosed quoted field with the line it opened on', () => {
		expect(() => parseCsv('destination\n"16175551234\n')).toThrow('line 2 is never closed');
	});

	it('rejects a double quote inside an unquoted field', () => {
		expect(() => parseCsv('destination\n1617"5551234\n')).toThrow('double quote inside an unquoted field');
	});
});
