import { parse } from 'csv-parse/sync';

import type { Sandbox } from '../helpers/sandbox';
import { connect, createDeploymentCredential, createDevCredential, examples, outputOf, startE2eSandbox, e2eState, type N8n } from './harness';

// The rows of examples/crm-export.csv as queuecalls.php must receive them: numbers normalised to tel:+1…,
// the CRM id as message reference, first_name=… as call parameters, in file order.
const EXPECTED_PHONE_LIST = [
	'tel:+16175550142,CRM-1001,first_name=Maria',
	'tel:+16175550199,CRM-1002,first_name=James',
	'tel:+16175550123,CRM-1003,first_name=Priya',
	'tel:+16175550178,CRM-1004,first_name=Tom',
	'tel:+16175550107,CRM-1005,first_name=Aiko',
];

describe('the CRM export examples in a real n8n', () => {
	let n8n: N8n;
	let sandbox: Sandbox;

	beforeAll(async () => {
		n8n = connect();
		sandbox = await startE2eSandbox();
	});

	afterAll(async () => {
		await sandbox.close();
	});

	it('queues the whole CSV as one DEV campaign and outputs a call id per row', async () => {
		const credential = await createDevCredential(n8n, sandbox, 'Plum DEV (e2e campaign)');
		const workflow = await n8n.createWorkflow(
			examples.campaignWorkflow('crm-export-to-campaign.json', {
				csvPath: e2eState().csvPath,
				resultUrl: examples.resultUrlFor(n8n.baseUrl, 'e2e-campaign-unused', 'unused'),
				name: 'e2e: CRM export to campaign',
			}),
			{ credentials: { plumVoiceApi: credential } },
		);

		const execution = await n8n.runWorkflow(workflow.id);

		expect(execution.data.resultData.error?.message).toBeUndefined();
		expect(execution.status).toBe('success');
		const uploads = sandbox.requests.filter((request) => request.endpoint === 'queuecalls');
		expect(uploads).toHaveLength(1);
		expect(sandbox.queueRequestCount()).toBe(1);
		const phoneList = (uploads[0].files.phone_list.content ?? '').split(/\r?\n/).filter((line) => line !== '');
		expect(phoneList).toEqual(EXPECTED_PHONE_LIST);
		expect(uploads[0].fields.campaign_name).toMatch(/^crm-reminders-\d{8}-\d{6}$/);

		const output = outputOf(execution, 'Plum Outbound');
		expect(output.map((item) => item.message_reference)).toEqual(['CRM-1001', 'CRM-1002', 'CRM-1003', 'CRM-1004', 'CRM-1005']);
		expect(output.every((item) => item.status === 'queued')).toBe(true);
		const callIds = output.map((item) => String(item.call_id));
		expect(new Set(callIds).size).toBe(5);
		for (const callId of callIds) expect(sandbox.calls.has(callId)).toBe(true);
	});

	it('queues the CSV on a deployment with the chosen columns as call variables', async () => {
		const credential = await createDeploymentCredential(n8n, sandbox, 'Plum deployment (e2e bulk queue)');
		const workflow = await n8n.createWorkflow(
			examples.campaignWorkflow('deployment-bulk-queue.json', {
				csvPath: e2eState().csvPath,
				resultUrl: examples.resultUrlFor(n8n.baseUrl, 'e2e-bulk-unused', 'unused'),
				name: 'e2e: CRM export to deployment',
			}),
			{ credentials: { plumVoiceApi: credential } },
		);

		const execution = await n8n.runWorkflow(workflow.id);

		expect(execution.data.resultData.error?.message).toBeUndefined();
		const uploads = sandbox.requests.filter((request) => request.endpoint === 'bulkQueue');
		expect(uploads).toHaveLength(1);
		const rows = parse(uploads[0].files.csv.content ?? '') as string[][];
		expect(rows[0]).toEqual(['destination', 'first_name', 'appointment', 'practice']);
		expect(rows.slice(1).map((row) => row[1])).toEqual(['Maria', 'James', 'Priya', 'Tom', 'Aiko']);
		expect(rows[4][3]).toBe('Becker & Sons, Plumbing');
		const output = outputOf(execution, 'Plum Outbound');
		expect(output).toHaveLength(1);
		expect(output[0].calls_queued).toBe(5);
	});
});
