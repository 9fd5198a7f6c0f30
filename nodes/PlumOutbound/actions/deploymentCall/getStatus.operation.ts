import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normalizeCallDetails } from '../../../shared/callDetails';
import { requiredText } from '../../../shared/validation/text';
import { readDeploymentAnswer } from '../../transport/deploymentAnswer';
import { getPlumConnection } from '../../transport/plumCredentials';
import { sendPlumRequest } from '../../transport/plumRequest';
import { readTimeout, timeoutOption } from '../../helpers/timeoutOption';
import type { ItemOperation } from '../operationTypes';

const show = { resource: ['deploymentCall'], operation: ['getStatus'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.call_id }}',
		description: 'The call_id that Queue a Call returned',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Return Raw Answer',
				name: 'rawAnswer',
				type: 'boolean',
				default: false,
				description: 'Whether to return Plum\'s answer exactly as sent (numbers as strings, the phone number in quotes) instead of the tidied fields',
			},
			timeoutOption(30000, false),
		],
	},
];

interface PreparedStatusRequest {
	callId: string;
	raw: boolean;
	timeoutMs: number;
}

export const getStatus: ItemOperation<PreparedStatusRequest> = {
	kind: 'perItem',
	description: properties,

	prepare(this: IExecuteFunctions, itemIndex: number): PreparedStatusRequest {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const callId = requiredText(this.getNodeParameter('callId', itemIndex, ''), 64, { field: 'Call ID', itemIndex });
		return {
			callId,
			raw: options.rawAnswer === true,
			timeoutMs: readTimeout(options.timeout, itemIndex, 30000),
		};
	},

	async send(this: IExecuteFunctions, prepared: PreparedStatusRequest, itemIndex: number): Promise<IDataObject> {
		const connection = await getPlumConnection(this, 'deployment');
		const answer = await sendPlumRequest(this, connection, {
			method: 'GET',
			path: `/outbound/${encodeURIComponent(prepared.callId)}`,
			headers: { Accept: 'application/json' },
			timeoutMs: prepared.timeoutMs,
			itemIndex,
		});
		const body = readDeploymentAnswer(this.getNode(), answer, { callId: prepared.callId }, itemIndex);
		if (prepared.raw) return body as IDataObject;
		const details = (body.call_details ?? body) as Record<string, unknown>;
		return { call_id: prepared.callId, ...normalizeCallDetails(details) } as IDataObject;
	},
};
