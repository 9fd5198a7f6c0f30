import FormData from 'form-data';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseVariablesJson, variablesFromPairs } from '../../../shared/validation/callVariables';
import { normalizePhoneNumber } from '../../../shared/validation/phoneNumber';
import { readDeploymentAnswer } from '../../transport/deploymentAnswer';
import { getPlumConnection } from '../../transport/plumCredentials';
import { sendPlumRequest } from '../../transport/plumRequest';
import type { ItemOperation } from '../operationTypes';
import {
	deploymentIdFields,
	deploymentOptionsField,
	deploymentPath,
	deploymentResultUrlField,
	readDeploymentQueueSettings,
	readDeploymentTarget,
	type DeploymentTarget,
} from './deploymentSettings';

// Plum documents "a JSON-object string of call variables" without naming the field; Insight calls it metadata.
export const CALL_VARIABLES_FIELD = 'metadata';

const show = { resource: ['deploymentCall'], operation: ['queue'] };

const properties: INodeProperties[] = [
	...deploymentIdFields(['queue']),
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '(617) 555-1234',
		description: 'The number to dial. Pasted formats work: (617) 555-1234, +1 617-555-1234, tel:+16175551234;ani=8005551234. A 10-digit number gets the leading 1.',
		displayOptions: { show },
	},
	{
		displayName: 'Call Variables',
		name: 'variablesInput',
		type: 'options',
		options: [
			{ name: 'Name/Value Pairs', value: 'pairs', description: 'Enter each variable as a name and a value' },
			{ name: 'JSON Object', value: 'json', description: 'Give one JSON object, e.g. from an expression' },
		],
		default: 'pairs',
		description: 'Variables the deployment\'s application can read during the call',
		displayOptions: { show },
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add variable',
		default: {},
		displayOptions: { show: { ...show, variablesInput: ['pairs'] } },
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'first_name' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: '={{ $json.first_name }}' },
				],
			},
		],
	},
	{
		displayName: 'Variables (JSON)',
		name: 'variablesJson',
		type: 'json',
		default: '{}',
		description: 'A JSON object of call variables, e.g. { "first_name": "Ana" }',
		displayOptions: { show: { ...show, variablesInput: ['json'] } },
	},
	deploymentResultUrlField('queue'),
	deploymentOptionsField('queue'),
];

interface PreparedDeploymentCall {
	target: DeploymentTarget;
	fields: Record<string, string>;
	timeoutMs: number;
}

function readVariables(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const mode = context.getNodeParameter('variablesInput', itemIndex, 'pairs') as string;
	if (mode === 'json') return parseVariablesJson(context.getNodeParameter('variablesJson', itemIndex, '{}'), itemIndex);
	const pairs = context.getNodeParameter('variables.variable', itemIndex, []) as Array<{ name?: string; value?: unknown }>;
	return variablesFromPairs(pairs, itemIndex);
}

export const queue: ItemOperation<PreparedDeploymentCall> = {
	kind: 'perItem',
	description: properties,

	prepare(this: IExecuteFunctions, itemIndex: number): PreparedDeploymentCall {
		const target = readDeploymentTarget(this, itemIndex);
		const settings = readDeploymentQueueSettings(this, itemIndex);
		const fields: Record<string, string> = {
			phone_number: normalizePhoneNumber(this.getNodeParameter('phoneNumber', itemIndex, ''), {
				itemIndex,
				callerId: settings.callerId,
			}),
			...settings.fields,
		};
		const variables = readVariables(this, itemIndex);
		if (Object.keys(variables).length > 0) fields[CALL_VARIABLES_FIELD] = JSON.stringify(variables);
		return { target, fields, timeoutMs: settings.timeoutMs };
	},

	async send(this: IExecuteFunctions, prepared: PreparedDeploymentCall, itemIndex: number): Promise<IDataObject> {
		const connection = await getPlumConnection(this, 'deployment');
		const answer = await sendPlumRequest(this, connection, {
			method: 'POST',
			path: deploymentPath(prepared.target, 'queue'),
			headers: { Accept: 'application/json' },
			body: () => {
				const form = new FormData();
				for (const [name, value] of Object.entries(prepared.fields)) form.append(name, value);
				return form;
			},
			timeoutMs: prepared.timeoutMs,
			itemIndex,
		});
		const body = readDeploymentAnswer(this.getNode(), answer, prepared.target, itemIndex);
		const callId = body.call_id === undefined || body.call_id === null ? null : String(body.call_id);
		return {
			call_id: callId,
			status_url: statusUrl(answer.headers.link, connection.baseUrl, callId),
			phone_number: prepared.fields.phone_number,
			application_id: prepared.target.applicationId,
			deployment_id: prepared.target.deploymentId,
		};
	},
};

/** Plum points at the call's status with a Link header; build the documented URL if it is missing. */
function statusUrl(link: unknown, baseUrl: string, callId: string | null): string | null {
	const header = Array.isArray(link) ? link.join(', ') : typeof link === 'string' ? link : '';
	const match = /<([^>]+)>/.exec(header);
	if (match) {
		const target = match[1];
		if (/^https?:\/\//i.test(target)) return target;
		try {
			return new URL(target, baseUrl).toString();
		} catch {
			return target;
		}
	}
	return callId === null ? null : `${baseUrl}/outbound/${encodeURIComponent(callId)}`;
}
