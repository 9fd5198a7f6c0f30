/**
 * The same requests through n8n-core's own WebhookContext around a real Workflow: parameters with the
 * defaults n8n fills in, the webhook path expression as n8n evaluates it, and static data as the only
 * deduplication store n8n 2.41 offers a webhook.
 */
import { NodeHelpers } from 'n8n-workflow';

import { PlumOutboundTrigger } from '../../../nodes/PlumOutboundTrigger/PlumOutboundTrigger.node';
import { DEPLOYMENT_RESULT, devResultForm, FORM, JSON_TYPE } from './fixtures';
import { startTriggerServer, type TriggerServer, type TriggerServerOptions } from './triggerServer';

const PATH = '/webhook/plum-result';

async function withServer(
	parameters: TriggerServerOptions['parameters'],
	run: (server: TriggerServer) => Promise<void>,
): Promise<void> {
	const server = await startTriggerServer({ parameters, context: 'n8n-core' });
	try {
		await run(server);
	} finally {
		await server.close();
	}
}

function webhookPathFor(server: TriggerServer): string {
	const node = server.workflow.getNode('Plum Outbound Trigger');
	if (!node) throw new Error('no trigger node');
	const template = new PlumOutboundTrigger().description.webhooks?.[0].path ?? '';
	const path = server.workflow.expression.getSimpleParameterValue(node, template, 'internal', {});
	return NodeHelpers.getNodeWebhookPath(server.workflow.id, node, String(path), false, false);
}

describe('the trigger inside n8n-core', () => {
	it('registers <webhookId>/plum-result, or <webhookId>/plum-result/:secret with the secret in the path', async () => {
		await withServer({}, async (server) => {
			expect(webhookPathFor(server)).toBe('c0ffee00-0000-4000-8000-000000000001/plum-result');
		});
		await withServer({ secretLocation: 'path', secret: 'abc' }, async (server) => {
			expect(webhookPathFor(server)).toBe('c0ffee00-0000-4000-8000-000000000001/plum-result/:secret');
		});
	});

	it('answers the GET check with 200 and starts no run, with no parameter set', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, { method: 'GET' });
			expect(exchange.status).toBe(200);
			expect(exchange.started).toBe(false);
		});
	});

	it('starts a run for a DEV form result with the default statuses', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, { headers: FORM, body: devResultForm() });
			expect(exchange.status).toBe(200);
			expect(exchange.started).toBe(true);
			expect(exchange.item).toMatchObject({ call_id: '112850593', duration: 37, source: 'dev' });
		});
	});

	it('reads the secret from the :secret path parameter n8n fills in', async () => {
		await withServer({ secret: 'kT9-secret', secretLocation: 'path' }, async (server) => {
			const right = await server.send(`${PATH}/kT9-secret`, { headers: FORM, body: devResultForm() });
			const wrong = await server.send(`${PATH}/other`, { headers: FORM, body: devResultForm() });
			expect([right.status, wrong.status]).toEqual([200, 401]);
		});
	});

	it('drops a repeated callback through the node static data that n8n saves', async () => {
		await withServer({ options: { dropDuplicates: true } }, async (server) => {
			const body = JSON.stringify(DEPLOYMENT_RESULT);
			const first = await server.send(PATH, { headers: JSON_TYPE, body });
			const again = await server.send(PATH, { headers: JSON_TYPE, body });
			expect([first.started, again.started]).toEqual([true, false]);
			const staticData = server.workflow.getStaticData('node', server.workflow.getNode('Plum Outbound Trigger') ?? undefined);
			expect(staticData.plumCallbackKeys).toHaveLength(1);
			// n8n saves static data after a production webhook call only when it is flagged as changed.
			expect(server.workflow.staticData.__dataChanged).toBe(true);
		});
	});

	it('filters statuses as chosen in the node', async () => {
		await withServer({ statuses: ['failed'] }, async (server) => {
			const exchange = await server.send(PATH, { headers: FORM, body: devResultForm() });
			expect(exchange.status).toBe(200);
			expect(exchange.started).toBe(false);
		});
	});
});
