import { randomUUID } from 'node:crypto';

import type { Sandbox } from '../helpers/sandbox';
import {
	connect,
	createDevCredential,
	e2eState,
	examples,
	outputOf,
	startE2eSandbox,
	waitFor,
	type Execution,
	type N8n,
} from './harness';

const SECRET = 'e2e-callback-secret-7a1f';

describe('the published result-callbacks workflow in a real n8n', () => {
	let n8n: N8n;
	let sandbox: Sandbox;
	let triggerWorkflowId: string;
	let productionUrl: string;
	let callIds: string[];

	beforeAll(async () => {
		n8n = connect();
		sandbox = await startE2eSandbox();
		const webhookId = randomUUID();
		productionUrl = examples.resultUrlFor(n8n.baseUrl, webhookId, SECRET);

		const trigger = await n8n.createWorkflow(examples.triggerWorkflow({ webhookId, secret: SECRET, name: 'e2e: Plum call results' }));
		triggerWorkflowId = trigger.id;
		await n8n.publishWorkflow(trigger.id);
		// Publishing registers the webhook a moment later (N8N-NOTES): wait for Plum's GET check to be answered.
		await waitFor(async () => ((await fetch(productionUrl)).status === 200 ? true : undefined), 'the production webhook');

		const credential = await createDevCredential(n8n, sandbox, 'Plum DEV (e2e callbacks)');
		const campaign = await n8n.createWorkflow(
			examples.campaignWorkflow('crm-export-to-campaign.json', {
				csvPath: e2eState().csvPath,
				resultUrl: productionUrl,
				name: 'e2e: campaign with results',
			}),
			{ credentials: { plumVoiceApi: credential } },
		);
		const execution = await n8n.runWorkflow(campaign.id);
		callIds = outputOf(execution, 'Plum Outbound').map((item) => String(item.call_id));
	});

	afterAll(async () => {
		await sandbox.close();
	});

	async function triggerExecutions(): Promise<Execution[]> {
		return await n8n.listExecutions({ workflowId: triggerWorkflowId, includeData: true });
	}

	it('queued the campaign with the production URL as result_url', () => {
		const upload = sandbox.requests.find((request) => request.endpoint === 'queuecalls');
		expect(upload?.fields.result_url).toBe(productionUrl);
		expect(callIds).toHaveLength(5);
	});

	it("answers Plum's GET check with 200 and the wrong secret with 401, starting no run", async () => {
		const check = await fetch(productionUrl);
		const noSecret = await fetch(productionUrl.replace(/\?.*$/, ''));
		const wrongSecretPost = await sandbox.sendResultCallback(callIds[3], {
			format: 'form',
			url: productionUrl.replace(SECRET, 'not-the-secret'),
		});

		expect(check.status).toBe(200);
		expect(noSecret.status).toBe(401);
		expect(wrongSecretPost.status).toBe(401);
		expect(await triggerExecutions()).toEqual([]);
	});

	it('starts one run per result posted as form, JSON and XML, with the call fields', async () => {
		const answers = [
			await sandbox.sendResultCallback(callIds[0], { format: 'form' }),
			await sandbox.sendResultCallback(callIds[1], { format: 'json' }),
			await sandbox.sendResultCallback(callIds[2], { format: 'xml' }),
		];
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);

		const executions = await waitFor(async () => {
			const found = await triggerExecutions();
			return found.length >= 3 && found.every((execution) => execution.status !== 'running') ? found : undefined;
		}, 'three runs of the trigger workflow');

		expect(executions).toHaveLength(3);
		expect(executions.every((execution) => execution.status === 'success' && execution.mode === 'webhook')).toBe(true);
		const recorded = executions
			.map((execution) => outputOf(execution, 'Record result')[0])
			.sort((a, b) => String(a.crm_id).localeCompare(String(b.crm_id)));
		expect(recorded.map((item) => [item.call_id, item.crm_id, item.status])).toEqual([
			[callIds[0], 'CRM-1001', 'completed'],
			[callIds[1], 'CRM-1002', 'completed'],
			[callIds[2], 'CRM-1003', 'completed'],
		]);
		const triggerItems = executions.map((execution) => outputOf(execution, 'Plum Outbound Trigger')[0]);
		expect(triggerItems.every((item) => item.source === 'dev')).toBe(true);
	});

	it('still has exactly those three runs once every request is answered', async () => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await triggerExecutions()).toHaveLength(3);
	});
});
