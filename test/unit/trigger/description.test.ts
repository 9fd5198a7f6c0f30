import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IHookFunctions, INodeProperties } from 'n8n-workflow';

import { PlumOutboundTrigger } from '../../../nodes/PlumOutboundTrigger/PlumOutboundTrigger.node';

const nodeFolder = join(__dirname, '../../../nodes/PlumOutboundTrigger');
const { description, webhookMethods } = new PlumOutboundTrigger();

function property(name: string): INodeProperties {
	const found = description.properties.find((item) => item.name === name);
	if (!found) throw new Error(`no property ${name}`);
	return found;
}

describe('Plum Outbound Trigger description', () => {
	it('is a trigger with no inputs, one main output, no credentials and no AI tool use', () => {
		expect(description.name).toBe('plumOutboundTrigger');
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
		expect(description.credentials ?? []).toEqual([]);
		expect(description.usableAsTool).toBeUndefined();
	});

	it("listens for Plum's GET check and its POST on one URL, answering itself at once", () => {
		const webhooks = description.webhooks ?? [];
		expect(webhooks.map((webhook) => webhook.httpMethod)).toEqual(['GET', 'POST']);
		for (const webhook of webhooks) {
			expect(webhook.name).toBe('default');
			expect(webhook.responseMode).toBe('onReceived');
			expect(webhook.path).toBe(webhooks[0].path);
		}
	});

	it('puts a :secret route parameter in the path only when the secret goes in the path', () => {
		const path = String(description.webhooks?.[0].path);
		expect(path).toContain('"plum-result/:secret"');
		expect(path).toContain('$parameter["secretLocation"] === "path"');
	});

	it('hides the secret as a password and offers every status by default', () => {
		expect(property('secret').typeOptions?.password).toBe(true);
		expect(property('statuses').default).toEqual(['canceled', 'completed', 'failed', 'other', 'rejected']);
		expect(property('setupNotice').displayName).toContain('result_url');
	});

	it('needs no registration on Plum: the lifecycle methods just report success', async () => {
		const hooks = webhookMethods.default;
		const context = {} as IHookFunctions;
		await expect(hooks.checkExists.call(context)).resolves.toBe(true);
		await expect(hooks.create.call(context)).resolves.toBe(true);
		await expect(hooks.delete.call(context)).resolves.toBe(true);
	});

	it('has a light and a different dark icon, both present', () => {
		expect(description.icon).toEqual({ light: 'file:plumVoice.svg', dark: 'file:plumVoice.dark.svg' });
		const light = readFileSync(join(nodeFolder, 'plumVoice.svg'), 'utf8');
		const dark = readFileSync(join(nodeFolder, 'plumVoice.dark.svg'), 'utf8');
		expect(light).toMatch(/^<svg /);
		expect(dark).toMatch(/^<svg /);
		expect(dark).not.toBe(light);
	});

	it('has a codex naming the node under the package name', () => {
		const codexPath = join(nodeFolder, 'PlumOutboundTrigger.node.json');
		expect(existsSync(codexPath)).toBe(true);
		const codex = JSON.parse(readFileSync(codexPath, 'utf8'));
		expect(codex.node).toBe('n8n-nodes-plumvoice.plumOutboundTrigger');
		expect(codex.categories).toEqual(['Communication']);
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/#plum-outbound-trigger$/);
	});
});
