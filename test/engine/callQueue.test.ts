import { itemsFrom, runPlumNode } from '../helpers/engine';
import { deploymentCredentials, devCredentials, SANDBOX_SECRETS, startTestSandbox, type Sandbox } from '../helpers/sandbox';

const singleCall = {
	resource: 'call',
	operation: 'queue',
	phoneNumber: '={{ $json.phone }}',
	startUrl: 'https://ivr.example.com/start.vxml',
	resultUrl: 'https://n8n.example.com/webhook/plum/result',
	messageReference: '={{ $json.id }}',
	options: { callerId: '(800) 555-1234', callsPerSecond: 10 },
};

describe('Queue a Call in the n8n engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	test('sends one form-encoded request per item with the normalised number and the caller ID appended', async () => {
		const { output, error } = await runPlumNode({
			parameters: singleCall,
			items: itemsFrom([
				{ id: 'a', phone: '(617) 555-0101' },
				{ id: 'b', phone: '+44 20 7946 0958' },
			]),
			credentials: devCredentials(sandbox),
		});
		expect(error).toBeUndefined();
		const requests = sandbox.requests.filter((request) => request.endpoint === 'queuecall');
		expect(requests).toHaveLength(2);
		expect(requests[0].contentType).toMatch(/^application\/x-www-form-urlencoded/);
		expect(requests.map((request) => request.fields.phone_number)).toEqual([
			'tel:+16175550101;ani=8005551234',
			'tel:+442079460958;ani=8005551234',
		]);
		expect(requests[0].fields.result_url).toBe('https://n8n.example.com/webhook/plum/result');
		expect(requests[0].fields.login).toBe(SANDBOX_SECRETS.login);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json.call_id).toMatch(/^\d+$/);
		expect(JSON.stringify(output)).not.toContain(SANDBOX_SECRETS.pin);
	});

	test('a Luxon date from an expression is sent as scheduled_timestamp, a phrase as scheduled_time', async () => {
		await runPlumNode({
			parameters: {
				...singleCall,
				options: { scheduledAt: "={{ $now.plus({ days: 1 }) }}", expiresAt: '+3 days' },
			},
			items: itemsFrom([{ id: 'a', phone: '6175550101' }]),
			credentials: devCredentials(sandbox),
		});
		const fields = sandbox.requests[0].fields;
		const tomorrow = Math.floor(Date.now() / 1000) + 86400;
		expect(Math.abs(Number(fields.scheduled_timestamp) - tomorrow)).toBeLessThan(120);
		expect(fields.expiration_time).toBe('+3 days');
	});

	test('an expiry before the schedule is refused before anything is sent', async () => {
		const { error } = await runPlumNode({
			parameters: {
				...singleCall,
				options: { scheduledAt: '2099-01-02T10:00:00Z', expiresAt: '2099-01-01T10:00:00Z' },
			},
			items: itemsFrom([{ id: 'a', phone: '6175550101' }]),
			credentials: devCredentials(sandbox),
		});
		expect(error?.message).toContain('Expires At');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('one bad item stops the whole run before the first request', async () => {
		const { error } = await runPlumNode({
			parameters: singleCall,
			items: itemsFrom([
				{ id: 'a', phone: '6175550101' },
				{ id: 'b', phone: '555-0102' },
				{ id: 'c', phone: '6175550103' },
			]),
			credentials: devCredentials(sandbox),
		});
		expect(error?.message).toContain('[item 1]');
		expect(error?.message).toContain('Phone Number');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail a bad item becomes an error item paired to its input while the others are queued', async () => {
		const { output } = await runPlumNode({
			parameters: singleCall,
			items: itemsFrom([
				{ id: 'a', phone: '6175550101' },
				{ id: 'b', phone: 'not a number' },
				{ id: 'c', phone: '6175550103' },
			]),
			credentials: devCredentials(sandbox),
			continueOnFail: true,
		});
		expect(output).toHaveLength(3);
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(String(output[1].json.error)).toContain('Phone Number');
		expect(output[0].json.call_id).toBeDefined();
		expect(output[2].json.call_id).toBeDefined();
		expect(sandbox.queueRequestCount()).toBe(2);
	});

	test('an HTTP 500 is reported once and never resent', async () => {
		sandbox.fail('queuecall', { type: 'http', status: 500 }, { times: 5 });
		const { error } = await runPlumNode({
			parameters: singleCall,
			items: itemsFrom([{ id: 'a', phone: '6175550101' }]),
			credentials: devCredentials(sandbox),
		});
		expect(error?.message).toContain('HTTP 500');
		expect(sandbox.queueRequestCount()).toBe(1);
	});

	test('a wrong PIN gives Plum\'s message, and the PIN itself appears in no output or error', async () => {
		const run = await runPlumNode({
			parameters: singleCall,
			items: itemsFrom([{ id: 'a', phone: '6175550101' }]),
			credentials: { ...devCredentials(sandbox), pin: 'WrongPin99' },
		});
		expect(run.error?.message).toMatch(/login|PIN/i);
		const saved = JSON.stringify(run.run);
		expect(saved).not.toContain('WrongPin99');
		expect(saved).not.toContain(SANDBOX_SECRETS.pin);
	});

	test('a failure after earlier items were queued says which were already sent and which were not', async () => {
		// Faults are used in order: the first request passes (a zero-length delay), the second is refused.
		sandbox.fail('queuecall', { type: 'slow', ms: 0 });
		sandbox.fail('queuecall', { type: 'xmlStatus', status: 'failed', message: 'Invalid start_url' });
		const { error } = await runPlumNode({
			parameters: singleCall,
			items: itemsFrom([
				{ id: 'a', phone: '6175550101' },
				{ id: 'b', phone: '6175550102' },
				{ id: 'c', phone: '6175550103' },
			]),
			credentials: devCredentials(sandbox),
		});
		expect(error?.message).toContain('Invalid start_url');
		const firstCallId = [...sandbox.calls.keys()][0];
		expect(error?.description).toContain(`item 0: ${firstCallId}`);
		expect(error?.description).toContain('1 item(s) after it were not sent');
		expect(sandbox.queueRequestCount()).toBe(2);
	});

	test('a credential in deployment mode is refused with a message naming the mode needed', async () => {
		const { error } = await runPlumNode({
			parameters: singleCall,
			items: itemsFrom([{ id: 'a', phone: '6175550101' }]),
			credentials: deploymentCredentials(sandbox),
		});
		expect(error?.message).toContain('DEV Login and PIN');
		expect(sandbox.requests).toHaveLength(0);
	});
});
