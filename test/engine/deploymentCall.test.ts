import { parse } from 'csv-parse/sync';
import type { IDataObject } from 'n8n-workflow';

import { itemsFrom, runPlumNode } from '../helpers/engine';
import { deploymentCredentials, SANDBOX_SECRETS, startTestSandbox, type Sandbox } from '../helpers/sandbox';

const ids = { applicationId: 11, deploymentId: 22 };

describe('deployment operations in the n8n engine', () => {
	let sandbox: Sandbox;
	const everything: string[] = [];
	beforeAll(async () => {
		sandbox = await startTestSandbox({ callProgressMs: 50 });
	});
	afterAll(async () => {
		// The developer key must not appear in anything n8n would save, nor in what Plum passed back.
		expect(everything.join('\n')).not.toContain(SANDBOX_SECRETS.developerKey);
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());

	async function run(parameters: IDataObject, rows: IDataObject[], continueOnFail = false) {
		const result = await runPlumNode({
			parameters,
			items: itemsFrom(rows),
			credentials: deploymentCredentials(sandbox),
			continueOnFail,
		});
		everything.push(JSON.stringify(result.run), JSON.stringify(result.error ?? null));
		return result;
	}

	test('Queue a Call sends the call variables as a JSON object string and returns the call id and status link', async () => {
		const { output, error } = await run(
			{
				resource: 'deploymentCall',
				operation: 'queue',
				...ids,
				phoneNumber: '={{ $json.phone }}',
				variablesInput: 'pairs',
				variables: { variable: [{ name: 'first_name', value: '={{ $json.first_name }}' }] },
				options: { maxAttempts: 3, reattemptWait: 300 },
			},
			[{ phone: '(617) 555-0199', first_name: 'Ana, "the boss"' }],
		);
		expect(error).toBeUndefined();
		const request = sandbox.requests.find((entry) => entry.endpoint === 'deploymentQueue');
		expect(request?.headers.authorization).toMatch(/^Basic /);
		expect(request?.fields.phone_number).toBe('tel:+16175550199');
		expect(JSON.parse(request?.fields.metadata ?? '{}')).toEqual({ first_name: 'Ana, "the boss"' });
		expect(request?.fields.max_attempts).toBe('3');
		expect(request?.fields.reattempt_wait).toBe('300');
		expect(output[0].json.call_id).toBeTruthy();
		expect(String(output[0].json.status_url)).toContain(`/outbound/${String(output[0].json.call_id)}`);
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	test('max attempts 3 without a reattempt wait sends nothing and names the field', async () => {
		const { error } = await run(
			{ resource: 'deploymentCall', operation: 'queue', ...ids, phoneNumber: '6175550199', options: { maxAttempts: 3 } },
			[{}],
		);
		expect(error?.message).toContain('Reattempt Wait');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Bulk Queue uploads one CSV that parses back to exactly the rows and chosen columns', async () => {
		const rows = [
			{ phone: '(617) 555-0101', first_name: 'Ana', note: 'likes "quotes", and commas', secret_field: 'x' },
			{ phone: '617-555-0102', first_name: 'Ben', note: 'two\nlines', secret_field: 'y' },
			{ phone: '+1 617 555 0103', first_name: 'Cé', note: '', secret_field: 'z' },
		];
		const { output, error } = await run(
			{
				resource: 'deploymentCall',
				operation: 'queueMany',
				...ids,
				source: 'items',
				phoneNumber: '={{ $json.phone }}',
				columns: 'chosen',
				chosenColumns: { column: [{ field: 'first_name', header: '' }, { field: 'note', header: 'remark' }] },
			},
			rows,
		);
		expect(error).toBeUndefined();
		const uploads = sandbox.requests.filter((entry) => entry.endpoint === 'bulkQueue');
		expect(uploads).toHaveLength(1);
		const parsed = parse(uploads[0].files.csv.content ?? '', { columns: true }) as Array<Record<string, string>>;
		expect(parsed).toEqual([
			{ destination: 'tel:+16175550101', first_name: 'Ana', remark: 'likes "quotes", and commas' },
			{ destination: 'tel:+16175550102', first_name: 'Ben', remark: 'two\nlines' },
			{ destination: 'tel:+16175550103', first_name: 'Cé', remark: '' },
		]);
		expect(output).toHaveLength(1);
		expect(output[0].json.calls_queued).toBe(3);
		expect(output[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('Bulk Queue with all fields leaves the phone field out of the variables', async () => {
		await run(
			{ resource: 'deploymentCall', operation: 'queueMany', ...ids, source: 'items', phoneNumber: '={{ $json.phone }}', columns: 'all' },
			[{ phone: '6175550101', first_name: 'Ana' }, { phone: '6175550102', last_name: 'Bo' }],
		);
		const parsed = parse(sandbox.requests[0].files.csv.content ?? '', { columns: true });
		expect(parsed).toEqual([
			{ destination: 'tel:+16175550101', first_name: 'Ana', last_name: '' },
			{ destination: 'tel:+16175550102', first_name: '', last_name: 'Bo' },
		]);
	});

	test('a duplicate destination in a bulk queue is refused before sending, naming both items', async () => {
		const { error } = await run(
			{ resource: 'deploymentCall', operation: 'queueMany', ...ids, source: 'items', phoneNumber: '={{ $json.phone }}', columns: 'all' },
			[{ phone: '6175550101' }, { phone: '(617) 555-0101' }],
		);
		expect(error?.message).toContain('[item 1]');
		expect(sandbox.requests).toHaveLength(0);
	});

	/** A bulk queue from this CSV text, uploaded as the first item's binary property 'data'. */
	async function runWithCsvFile(csvText: string) {
		const result = await runPlumNode({
			parameters: { resource: 'deploymentCall', operation: 'queueMany', ...ids, source: 'binary', binaryPropertyName: 'data' },
			items: [
				{
					json: {},
					binary: { data: { data: Buffer.from(csvText).toString('base64'), mimeType: 'text/csv', fileName: 'contacts.csv' } },
				},
			],
			credentials: deploymentCredentials(sandbox),
		});
		everything.push(JSON.stringify(result.run), JSON.stringify(result.error ?? null));
		return result;
	}

	test('Bulk Queue from a CSV file sends its columns with the numbers normalised', async () => {
		const { output, error } = await runWithCsvFile('destination,first_name,note\r\n(617) 555-0101,Ana,"a, b"\r\n6175550102,Ben,\r\n');
		expect(error).toBeUndefined();
		const parsed = parse(sandbox.requests[0].files.csv.content ?? '', { columns: true });
		expect(parsed).toEqual([
			{ destination: 'tel:+16175550101', first_name: 'Ana', note: 'a, b' },
			{ destination: 'tel:+16175550102', first_name: 'Ben', note: '' },
		]);
		expect(output[0].json).toMatchObject({ calls_queued: 2, contacts_sent: 2 });
		expect(output[0].pairedItem).toEqual([{ item: 0 }]);
	});

	test('a number repeated in a CSV file is refused before sending, naming the lines of the file', async () => {
		const { error } = await runWithCsvFile('destination,first_name\n6175550101,Ana\n\n6175550102,Ben\n(617) 555-0101,Cy\n');
		expect(error?.message).toContain('[line 5]');
		expect(error?.message).toContain('is the same number as line 2');
		expect(error?.message).toContain('Remove the repeated line from the file.');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Get Call Status turns Plum\'s strings into numbers, unquotes the phone and flags final calls', async () => {
		const queued = await run(
			{ resource: 'deploymentCall', operation: 'queue', ...ids, phoneNumber: '6175550101' },
			[{}],
		);
		const callId = String(queued.output[0].json.call_id);
		await new Promise((resolve) => setTimeout(resolve, 400));
		const { output, error } = await run(
			{ resource: 'deploymentCall', operation: 'getStatus', callId: '={{ $json.call_id }}' },
			[{ call_id: callId }],
		);
		expect(error).toBeUndefined();
		const details = output[0].json;
		expect(details.call_id).toBe(callId);
		expect(details.status).toBe('completed');
		expect(details.final).toBe(true);
		expect(typeof details.attempts).toBe('number');
		expect(details.phone_number).not.toMatch(/'/);
		expect(typeof details.queued_timestamp).toBe('number');
		expect(String(details.queued_timestamp_iso)).toMatch(/^\d{4}-\d\d-\d\dT/);
		const events = details.events as Array<{ event: string; timestamp: number }>;
		expect(events.slice(0, 3).map((event) => event.event)).toEqual(['queued', 'dialing', 'connected']);
		expect(events.map((event) => event.timestamp)).toEqual([...events.map((event) => event.timestamp)].sort());

		const raw = await run(
			{ resource: 'deploymentCall', operation: 'getStatus', callId, options: { rawAnswer: true } },
			[{}],
		);
		expect(typeof (raw.output[0].json.call_details as Record<string, unknown>).attempts).toBe('string');
	});

	test('Cancel Pending Calls cancels the deployment\'s pending calls', async () => {
		const slowSandboxCall = await run(
			{ resource: 'deploymentCall', operation: 'queue', ...ids, phoneNumber: '6175550101', options: { startAt: '+2 hours' } },
			[{}],
		);
		const callId = String(slowSandboxCall.output[0].json.call_id);
		const { output, error } = await run({ resource: 'deploymentCall', operation: 'cancelPending', ...ids }, [{}]);
		expect(error).toBeUndefined();
		expect(output[0].json).toMatchObject({ canceled: true, application_id: 11, deployment_id: 22 });
		expect(sandbox.callDetails(callId)?.status).toBe('canceled');
	});

	test('an unknown deployment (404) names the application and deployment ids', async () => {
		const { error } = await run(
			{ resource: 'deploymentCall', operation: 'queue', applicationId: 11, deploymentId: 999, phoneNumber: '6175550101' },
			[{}],
		);
		expect(error?.message).toContain('application 11, deployment 999');
		expect(error?.description).toContain('Application ID and Deployment ID');
	});

	test('a wrong developer key gets a 401 message that says what to check and never shows the key', async () => {
		const result = await runPlumNode({
			parameters: { resource: 'deploymentCall', operation: 'cancelPending', ...ids },
			items: itemsFrom([{}]),
			credentials: { ...deploymentCredentials(sandbox), developerKey: 'dk-Wrong-Key-123' },
		});
		expect(result.error?.message).toContain('401');
		expect(result.error?.description).toContain('developer key');
		expect(JSON.stringify(result.run)).not.toContain('dk-Wrong-Key-123');
	});
});
