import { itemsFrom, runPlumNode } from '../helpers/engine';
import { SANDBOX_SECRETS, startTestSandbox, type Sandbox } from '../helpers/sandbox';

// Plum PINs are often digits only (its own example is 98765432). Such a PIN can occur inside a call id or a
// phone number by chance; Plum's echo of the PIN must be gone from what the node gives, and the call ids and
// numbers must stay exact.
// Every call id the sandbox gives (from Plum's example id 112850593 on) has 1285 inside.
const NUMERIC_PIN = '1285';

describe('a numeric PIN that also occurs inside call ids and phone numbers', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox({ pin: NUMERIC_PIN });
	});
	afterAll(async () => sandbox.close());

	const credentials = () => ({
		authMode: 'devLoginPin',
		login: SANDBOX_SECRETS.login,
		pin: NUMERIC_PIN,
		devBaseUrl: sandbox.devBaseUrl,
	});

	test('Queue a Campaign keeps the call ids and numbers exact, and the PIN is nowhere else', async () => {
		const phones = Array.from({ length: 300 }, (_, index) => `617-${String(index).padStart(3, '0')}-1285`);
		const { output, error, run } = await runPlumNode({
			parameters: {
				resource: 'call',
				operation: 'queueMany',
				campaignName: 'Numeric PIN',
				startUrl: 'https://ivr.example.com/start.vxml',
				source: 'items',
				phoneNumber: '={{ $json.phone }}',
				options: {},
			},
			items: itemsFrom(phones.map((phone) => ({ phone }))),
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		const callIds = output.map((item) => Number(item.json.call_id));
		expect(callIds.every((callId, index) => callId === callIds[0] + index)).toBe(true);
		expect(String(callIds[0])).toContain(NUMERIC_PIN);
		expect(output[7].json.phone_number).toBe('tel:+16170071285');
		expect(output.some((item) => 'plum_phone_number' in item.json && item.json.plum_phone_number !== `${item.json.phone_number};ani=8005550100`)).toBe(false);
		expect(JSON.stringify(run)).not.toContain(`<pin>${NUMERIC_PIN}`);
	});

	test('Queue a Call gives the exact call id even when the PIN occurs inside it', async () => {
		sandbox.reset();
		const { output, error } = await runPlumNode({
			parameters: {
				resource: 'call',
				operation: 'queue',
				phoneNumber: '={{ $json.phone }}',
				startUrl: 'https://ivr.example.com/start.vxml',
				options: { callsPerSecond: 10 },
			},
			items: itemsFrom(Array.from({ length: 3 }, () => ({ phone: '(617) 512-8512' }))),
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		const callIds = output.map((item) => Number(item.json.call_id));
		expect(callIds).toEqual([callIds[0], callIds[0] + 1, callIds[0] + 2]);
		expect(String(callIds[0])).toContain(NUMERIC_PIN);
		expect(output[0].json.phone_number).toBe('tel:+16175128512');
		// Plum echoes the login and PIN; the PIN's field is cut out of what the node gives.
		expect(JSON.stringify(output)).not.toMatch(/"pin"|<pin>/i);
	});
});
