'use strict';
// Runs the Plum Outbound node inside n8n's real execution engine (n8n-core's WorkflowExecute), as
// test/helpers/engine.ts does for the tests: real expressions, real pairedItem handling, real
// httpRequestWithAuthentication applying our credential. Plain JS so the benchmark runs on compiled code.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core writes an encryption-key file under $N8N_USER_FOLDER/.n8n: keep it out of the home folder.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-bench-n8n-'));
}
// A key in the environment keeps n8n-core from generating one and announcing it on stdout.
if (!process.env.N8N_ENCRYPTION_KEY) process.env.N8N_ENCRYPTION_KEY = 'plum-bench-not-a-secret';

const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, Workflow } = require('n8n-workflow');

const PACKAGE = 'n8n-nodes-plumvoice';
const PLUM_NODE_NAME = 'Plum Outbound';

class BenchCredentialsHelper extends ICredentialsHelper {
	constructor(credentialType, credentials) {
		super();
		this.credentialType = credentialType;
		this.credentials = credentials;
	}

	getParentTypes() {
		return [];
	}

	async authenticate(credentials, _typeName, requestOptions) {
		const authenticate = this.credentialType.authenticate;
		return typeof authenticate === 'function' ? await authenticate(credentials, requestOptions) : requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials() {
		throw new Error('not used by the benchmark');
	}

	async getDecrypted() {
		return this.credentials;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return this.credentialType.properties;
	}

	isCredentialUsableByNode() {
		return true;
	}
}

/**
 * Creates a runner bound to the package's compiled code (see project.js).
 * runPlumNode({ parameters, items, credentials, continueOnFail }) -> { output, error, run }
 */
function createEngine(project, { execute } = {}) {
	const nodeType = new project.PlumOutbound();
	// The engine-floor measurement swaps in a trivial execute() (see floorExecute) and keeps the rest.
	if (execute) nodeType.execute = execute;
	const credentialType = new project.PlumVoiceApi();
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};

	async function runPlumNode(options) {
		const node = {
			id: 'plum-node',
			name: PLUM_NODE_NAME,
			type: `${PACKAGE}.plumOutbound`,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			credentials: { plumVoiceApi: { id: '1', name: 'Plum Voice API' } },
			onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		};
		const workflow = new Workflow({
			id: 'bench',
			nodes: [node],
			connections: {},
			nodeTypes,
			active: false,
			settings: {},
		});
		const hooks = new ExecutionLifecycleHooks('manual', 'bench-execution', {
			id: 'bench',
			name: 'bench',
			nodes: [node],
			connections: {},
			active: false,
			settings: {},
			createdAt: new Date(),
			updatedAt: new Date(),
		});
		let resolveFinished = () => {};
		const finished = new Promise((resolve) => (resolveFinished = resolve));
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));

		const additionalData = {
			hooks,
			credentialsHelper: new BenchCredentialsHelper(credentialType, options.credentials),
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			variables: {},
			userId: 'bench-user',
			setExecutionStatus: () => {},
			sendDataToUI: () => {},
			logAiEvent: () => {},
			getRunExecutionData: async () => undefined,
			executeWorkflow: async () => {
				throw new Error('sub-workflows are not used by the benchmark');
			},
		};
		const runExecutionData = {
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [{ node, data: { main: [options.items] }, source: null }],
			},
		};

		const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
		await workflowExecute.processRunExecutionData(workflow);
		const run = await finished;
		const taskData = run.data.resultData.runData[PLUM_NODE_NAME]?.[0];
		const error = taskData?.error ?? run.data.resultData.error;
		return { output: taskData?.data?.main?.[0] ?? [], error, run };
	}

	return { runPlumNode };
}

/** A node that does nothing but answer each input item with one small paired item: n8n's own share. */
async function floorExecute() {
	const items = this.getInputData();
	const output = new Array(items.length);
	for (let index = 0; index < items.length; index++) output[index] = { json: { index }, pairedItem: { item: index } };
	return [output];
}

module.exports = { createEngine, floorExecute, PLUM_NODE_NAME };
