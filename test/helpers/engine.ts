/**
 * Runs our nodes inside n8n's real execution engine (n8n-core's WorkflowExecute): real expressions, real
 * pairedItem handling, real httpRequestWithAuthentication applying our credential. Modelled on n8n's own
 * NodeTestHarness (packages/core/nodes-testing), which is not published on npm.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { PlumVoiceApi } from '../../credentials/PlumVoiceApi.credentials';
import { PlumOutbound } from '../../nodes/PlumOutbound/PlumOutbound.node';

const PACKAGE = 'n8n-nodes-plumvoice';
const nodeTypesByName: Record<string, INodeType> = {
	[`${PACKAGE}.plumOutbound`]: new PlumOutbound(),
};
const credentialTypes: Record<string, ICredentialType> = { plumVoiceApi: new PlumVoiceApi() };

const nodeTypes: INodeTypes = {
	getByName: (type) => nodeTypesByName[type],
	getByNameAndVersion: (type) => nodeTypesByName[type],
	getKnownTypes: () => ({}),
};

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		return typeof authenticate === 'function' ? await authenticate(credentials, requestOptions) : requestOptions;
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(_data: unknown, _node: unknown, type: string): Promise<ICredentialDataDecryptedObject> {
		return this.credentials[type] ?? {};
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return credentialTypes.plumVoiceApi.properties;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}

export interface RunPlumNodeOptions {
	/** Node type to run instead of Plum Outbound (e.g. the credential-test node below). */
	nodeType?: string;
	/** The Plum Outbound node's parameters, as a saved workflow holds them (expressions start with '='). */
	parameters: IDataObject;
	/** Items fed into the node. */
	items: INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
}

export interface PlumNodeRun {
	/** Output items of the Plum node (first output), or [] when it failed. */
	output: INodeExecutionData[];
	/** The node's error as n8n recorded it (undefined on success). */
	error?: { message: string; description?: string | null; context?: IDataObject; [key: string]: unknown };
	/** The whole run, for leak checks over everything n8n would save. */
	run: IRun;
}

export const PLUM_NODE_NAME = 'Plum Outbound';

export async function runPlumNode(options: RunPlumNodeOptions): Promise<PlumNodeRun> {
	const node: INode = {
		id: 'plum-node',
		name: PLUM_NODE_NAME,
		type: options.nodeType ?? `${PACKAGE}.plumOutbound`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: { plumVoiceApi: { id: '1', name: 'Plum Voice API' } },
		onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
	};
	const workflow = new Workflow({
		id: 'engine-test',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: {},
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'engine-test-execution', {
		id: 'engine-test',
		name: 'engine test',
		nodes: [node],
		connections: {},
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	let resolveFinished: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));

	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper({ plumVoiceApi: options.credentials }),
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'engine-test-user',
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used by these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData: IRunExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node, data: { main: [options.items] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	await workflowExecute.processRunExecutionData(workflow);
	const run = await finished;
	const taskData = run.data.resultData.runData[PLUM_NODE_NAME]?.[0];
	const error = (taskData?.error ?? run.data.resultData.error) as PlumNodeRun['error'];
	return { output: taskData?.data?.main?.[0] ?? [], error, run };
}

/** Items as a CRM export gives them. */
export function itemsFrom(rows: IDataObject[]): INodeExecutionData[] {
	return rows.map((json) => ({ json }));
}

/**
 * The node n8n builds to run a credential's declarative test (CredentialsTester in packages/cli): one
 * property whose routing is the credential's `test.request`, run by n8n-core's RoutingNode.
 */
const credentialTestNodeType: INodeType = {
	description: {
		displayName: 'Credential Test',
		name: 'credentialTest',
		group: ['transform'],
		version: 1,
		description: 'Runs the Plum Voice API credential test request',
		defaults: { name: 'Credential Test' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'plumVoiceApi', required: true }],
		properties: [
			{
				displayName: 'Temp',
				name: 'temp',
				type: 'string',
				routing: { request: credentialTypes.plumVoiceApi.test!.request },
				default: '',
			},
		],
	},
};
nodeTypesByName[`${PACKAGE}.credentialTest`] = credentialTestNodeType;

/** Runs the credential's Test button as n8n does, and applies its rules the way n8n's CredentialsTester does. */
export async function runCredentialTest(
	credentials: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const { output, error } = await runPlumNode({
		nodeType: `${PACKAGE}.credentialTest`,
		parameters: {},
		items: [{ json: {} }],
		credentials,
	});
	const rules = credentialTypes.plumVoiceApi.test!.rules ?? [];
	if (error) {
		const statusCode = Number(error.httpCode);
		for (const rule of rules) {
			if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return { status: 'Error', message: error.message };
	}
	const response = output[0]?.json ?? {};
	for (const rule of rules) {
		if (rule.type === 'responseSuccessBody' && response[rule.properties.key] === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
