/**
 * Runs our nodes inside n8n's real execution engine (n8n-core's WorkflowExecute), through the engine
 * runner the benchmark shares (n8nEngine.js).
 */
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import { PlumVoiceApi } from '../../credentials/PlumVoiceApi.credentials';
import { PlumOutbound } from '../../nodes/PlumOutbound/PlumOutbound.node';
import { createEngine, NODE_NAME, type EngineRun } from './n8nEngine';

const PACKAGE = 'n8n-nodes-plumvoice';
const credentialType = new PlumVoiceApi();
const nodeTypesByName: Record<string, INodeType> = {
	[`${PACKAGE}.plumOutbound`]: new PlumOutbound(),
};
const engine = createEngine({ nodeTypes: nodeTypesByName, credentialType });

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

/** Output items of the node (first output, [] when it failed), its error as n8n recorded it, and the whole run. */
export type PlumNodeRun = EngineRun;

export const PLUM_NODE_NAME = NODE_NAME;

export async function runPlumNode(options: RunPlumNodeOptions): Promise<PlumNodeRun> {
	return await engine.runNode({ ...options, type: options.nodeType ?? `${PACKAGE}.plumOutbound` });
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
				routing: { request: credentialType.test!.request },
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
	const rules = credentialType.test!.rules ?? [];
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
