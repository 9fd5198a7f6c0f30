import { runCredentialTest } from '../helpers/engine';
import { deploymentCredentials, devCredentials, startTestSandbox, type Sandbox } from '../helpers/sandbox';

describe('the Plum Voice API credential test button', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	test('in DEV mode it reaches queuecall.php with the login and PIN but gives Plum nothing to dial', async () => {
		const result = await runCredentialTest(devCredentials(sandbox));
		expect(result.status).toBe('OK');
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].endpoint).toBe('queuecall');
		expect(sandbox.requests[0].fields.phone_number).toBeUndefined();
		expect(sandbox.requests[0].fields.start_url).toBeUndefined();
		expect(sandbox.calls.size).toBe(0);
	});

	test('in deployment mode a working key passes and a wrong key fails with what to check', async () => {
		expect(await runCredentialTest(deploymentCredentials(sandbox))).toEqual({ status: 'OK', message: 'Connection successful!' });
		const wrong = await runCredentialTest({ ...deploymentCredentials(sandbox), developerKey: 'nope' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toContain('developer key');
		expect(sandbox.requests.every((request) => request.method === 'GET')).toBe(true);
		expect(sandbox.calls.size).toBe(0);
	});

	test('a base URL where nothing listens fails the test', async () => {
		const result = await runCredentialTest({ ...deploymentCredentials(sandbox), deploymentBaseUrl: 'http://127.0.0.1:9/api' });
		expect(result.status).toBe('Error');
	});
});
