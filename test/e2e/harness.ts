/** Shared pieces of the e2e files: the n8n started by globalSetup, a sandbox per file, credentials, run data. */
import * as fs from 'node:fs';

import type { Sandbox } from '../helpers/sandbox';

const { connectN8n } = require('../../scripts/n8nServer') as { connectN8n: (state: E2eState) => N8n };
const { startSandbox } = require('../../sandbox') as { startSandbox: (options?: Record<string, unknown>) => Promise<Sandbox> };
export const examples = require('../../scripts/exampleWorkflows') as {
	CRM_CSV: string;
	resultUrlFor: (baseUrl: string, webhookId?: string, secret?: string) => string;
	campaignWorkflow: (fileName: string, options?: { csvPath?: string; resultUrl?: string; name?: string }) => Workflow;
	triggerWorkflow: (options?: { webhookId?: string; secret?: string; name?: string }) => Workflow;
};

export interface E2eState {
	baseUrl: string;
	userFolder: string;
	logFile: string;
	dbFile: string;
	workDir: string;
	csvPath: string;
	owner: { email: string; password: string };
}

export interface Workflow {
	id?: string;
	name: string;
	nodes: Array<{ name: string; type: string; webhookId?: string; parameters: Record<string, unknown> }>;
	connections: Record<string, unknown>;
}

export interface Execution {
	id: string | number;
	status: string;
	mode: string;
	workflowId: string;
	data: { resultData: { error?: { message: string }; runData: Record<string, RunOfNode[]> } };
}

interface RunOfNode {
	data?: { main: Array<Array<{ json: Record<string, unknown> }>> };
	error?: { message: string };
}

export interface N8n extends E2eState {
	api: (method: string, url: string, body?: unknown, options?: { expect?: number[] }) => Promise<any>;
	rest: (method: string, url: string, body?: unknown) => Promise<any>;
	createCredential: (credential: { name: string; type?: string; data: Record<string, unknown> }) => Promise<{ id: string; name: string }>;
	createWorkflow: (workflow: Workflow, options?: { credentials?: Record<string, { id: string; name: string }> }) => Promise<Workflow & { id: string }>;
	publishWorkflow: (id: string) => Promise<unknown>;
	runWorkflow: (id: string, options?: { timeoutMs?: number }) => Promise<Execution>;
	listExecutions: (options?: { workflowId?: string; includeData?: boolean }) => Promise<Execution[]>;
	exportNodes: () => Promise<Array<{ name: string; displayName: string; credentials?: Array<{ name: string }>; properties: Array<{ name: string }> }>>;
	cli: (args: string[]) => Promise<{ status: number; stdout: string; stderr: string }>;
}

/** Made-up secrets, long and unusual enough that finding them in n8n's files cannot be a coincidence. */
export const E2E_SECRETS = {
	login: 'e2e-demo-login',
	pin: 'Pn-E2E-5f3a9c71',
	email: 'ops-e2e@example.com',
	developerKey: 'dk-E2E-Secret-83b1c0d4a9',
};

export function e2eState(): E2eState {
	const file = process.env.PLUM_E2E_STATE;
	if (!file) throw new Error('PLUM_E2E_STATE is not set: run these tests with `npm run test:e2e`');
	return JSON.parse(fs.readFileSync(file, 'utf8')) as E2eState;
}

export function connect(): N8n {
	return connectN8n(e2eState());
}

export async function startE2eSandbox(): Promise<Sandbox> {
	return await startSandbox({ ...E2E_SECRETS });
}

export async function createDevCredential(n8n: N8n, sandbox: Sandbox, name: string) {
	return await n8n.createCredential({
		name,
		type: 'plumVoiceApi',
		data: { authMode: 'devLoginPin', login: E2E_SECRETS.login, pin: E2E_SECRETS.pin, devBaseUrl: sandbox.devBaseUrl },
	});
}

export async function createDeploymentCredential(n8n: N8n, sandbox: Sandbox, name: string) {
	return await n8n.createCredential({
		name,
		type: 'plumVoiceApi',
		data: {
			authMode: 'deploymentApiKey',
			email: E2E_SECRETS.email,
			developerKey: E2E_SECRETS.developerKey,
			deploymentBaseUrl: sandbox.deploymentBaseUrl,
		},
	});
}

/** The JSON of every item a node output in an execution (first run, first output). */
export function outputOf(execution: Execution, nodeName: string): Array<Record<string, unknown>> {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs || runs.length === 0) throw new Error(`node "${nodeName}" did not run; error: ${execution.data.resultData.error?.message}`);
	if (runs[0].error) throw new Error(`node "${nodeName}" failed: ${runs[0].error.message}`);
	return (runs[0].data?.main[0] ?? []).map((item) => item.json);
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
