'use strict';
// Runs one node inside n8n's real execution engine (n8n-core's WorkflowExecute): real expressions, real
// pairedItem handling, real httpRequestWithAuthentication applying the credential. Modelled on n8n's own
// NodeTestHarness (packages/core/nodes-testing), which is not published on npm. Plain JavaScript, so the
// tests (TypeScript sources) and the benchmark (compiled dist/) share it.
const { ExecutionLifecycleHooks, WorkflowExecute } = require('n8n-core');
const { ICredentialsHelper, Workflow } = require('n8n-workflow');

const NODE_NAME = 'Plum Outbound';

class SingleCredentialsHelper extends ICredentialsHelper {
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
		throw new Error('not used here');
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

const UPSTREAM_TYPE = 'engine.upstream';

/**
 * The nodes before the node under test when runNode is given `upstream`: each passes its items on, the ones marked
 * `reverse` in reverse order, every item paired with the one it came from (as a Sort node would pair them).
 */
const upstreamNodeType = {
	description: {
		displayName: 'Upstream',
		name: 'upstream',
		group: ['transform'],
		version: 1,
		description: 'Passes items on',
		defaults: { name: 'Upstream' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Reverse', name: 'reverse', type: 'boolean', default: false }],
	},
	async execute() {
		const items = this.getInputData();
		const paired = items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }));
		return [this.getNodeParameter('reverse', 0, false) ? paired.reverse() : paired];
	},
};

/**
 * createEngine({ nodeTypes: { [typeName]: INodeType }, credentialType, credentialName })
 *   .runNode({ type, parameters, items, credentials, continueOnFail, upstream }) -> { output, error, run }
 * upstream: [{ name, reverse }], nodes the items pass through first, so expressions can read them with $('name').
 */
function createEngine({ nodeTypes: byName, credentialType, credentialName = 'plumVoiceApi' }) {
	const nodeTypes = {
		getByName: (type) => (type === UPSTREAM_TYPE ? upstreamNodeType : byName[type]),
		getByNameAndVersion: (type) => (type === UPSTREAM_TYPE ? upstreamNodeType : byName[type]),
		getKnownTypes: () => ({}),
	};

	async function runNode(options) {
		const node = {
			id: 'node-under-test',
			name: NODE_NAME,
			type: options.type,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			credentials: { [credentialName]: { id: '1', name: 'Plum Voice API' } },
			onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		};
		const upstream = (options.upstream ?? []).map((step, index) => ({
			id: `upstream-${index}`,
			name: step.name,
			type: UPSTREAM_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { reverse: step.reverse === true },
		}));
		const chain = [...upstream, node];
		const connections = {};
		for (let index = 0; index + 1 < chain.length; index++) {
			connections[chain[index].name] = { main: [[{ node: chain[index + 1].name, type: 'main', index: 0 }]] };
		}
		const workflowData = { id: 'engine', name: 'engine', nodes: chain, connections, active: false, settings: {} };
		const workflow = new Workflow({ ...workflowData, nodeTypes });
		const hooks = new ExecutionLifecycleHooks('manual', 'engine-execution', {
			...workflowData,
			createdAt: new Date(),
			updatedAt: new Date(),
		});
		let resolveFinished = () => {};
		const finished = new Promise((resolve) => (resolveFinished = resolve));
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));

		const additionalData = {
			hooks,
			credentialsHelper: new SingleCredentialsHelper(credentialType, options.credentials),
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			variables: {},
			userId: 'engine-user',
			setExecutionStatus: () => {},
			sendDataToUI: () => {},
			logAiEvent: () => {},
			getRunExecutionData: async () => undefined,
			executeWorkflow: async () => {
				throw new Error('sub-workflows are not used here');
			},
		};
		const runExecutionData = {
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [{ node: chain[0], data: { main: [options.items] }, source: null }],
			},
		};

		await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		const run = await finished;
		const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
		const error = taskData?.error ?? run.data.resultData.error;
		return { output: taskData?.data?.main?.[0] ?? [], error, run };
	}

	return { runNode };
}

module.exports = { createEngine, NODE_NAME };
