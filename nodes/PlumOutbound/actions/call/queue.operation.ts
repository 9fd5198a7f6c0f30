import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normalizePhoneNumber } from '../../../shared/validation/phoneNumber';
import { LIMITS, optionalText } from '../../../shared/validation/text';
import { readDevWebserviceAnswer } from '../../transport/devAnswer';
import { getPlumConnection } from '../../transport/plumCredentials';
import { sendPlumRequest } from '../../transport/plumRequest';
import type { ItemOperation } from '../operationTypes';
import { devOptionsField, readDevCallSettings, resultUrlField, startUrlField } from './devCallSettings';

const show = { resource: ['call'], operation: ['queue'] };

const properties: INodeProperties[] = [
	{
		displayName:
			'Sends one request per input item, one at a time. For a list of contacts use Queue a Campaign: Plum warns that looping single calls can make all calls fail.',
		name: 'queueNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '(617) 555-1234',
		description: 'The number to dial. Pasted formats work: (617) 555-1234, +1 617-555-1234, 16175551234, tel:+16175551234;ani=8005551234. A 10-digit number gets the leading 1.',
		displayOptions: { show },
	},
	startUrlField('queue'),
	resultUrlField('queue'),
	{
		displayName: 'Message Reference',
		name: 'messageReference',
		type: 'string',
		default: '',
		placeholder: 'crm-contact-1042',
		description: 'Your reference for this call (at most 255 characters), posted to the start URL and the result URL',
		displayOptions: { show },
	},
	{
		displayName: 'Call Parameters',
		name: 'callParameters',
		type: 'string',
		default: '',
		placeholder: 'first_name=Ana&appointment=Tuesday',
		description: 'Free text posted to the start URL (at most 255 characters)',
		displayOptions: { show },
	},
	devOptionsField('queue', [
		{
			displayName: 'Calls Per Second',
			name: 'callsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, maxValue: 10, numberPrecision: 1 },
			default: 1,
			description: 'How many queue requests to send per second, one at a time, never in parallel',
		},
	]),
];

interface PreparedCall {
	fields: Record<string, string>;
	timeoutMs: number;
}

export const queue: ItemOperation<PreparedCall> = {
	kind: 'perItem',
	description: properties,
	manyItemsHint:
		'Each item was queued with its own request. For lists, Queue a Campaign sends every item in one upload, as Plum recommends.',

	prepare(this: IExecuteFunctions, itemIndex: number): PreparedCall {
		const settings = readDevCallSettings(this, itemIndex);
		const fields: Record<string, string> = {
			phone_number: normalizePhoneNumber(this.getNodeParameter('phoneNumber', itemIndex, ''), {
				itemIndex,
				callerId: settings.callerId,
			}),
			...settings.fields,
		};
		const messageReference = optionalText(
			this.getNodeParameter('messageReference', itemIndex, ''),
			LIMITS.messageReference,
			{ field: 'Message Reference', itemIndex },
		);
		if (messageReference !== undefined) fields.message_reference = messageReference;
		const callParameters = optionalText(
			this.getNodeParameter('callParameters', itemIndex, ''),
			LIMITS.callParameters,
			{ field: 'Call Parameters', itemIndex },
		);
		if (callParameters !== undefined) fields.call_parameters = callParameters;
		return { fields, timeoutMs: settings.timeoutMs };
	},

	async send(this: IExecuteFunctions, prepared: PreparedCall, itemIndex: number): Promise<IDataObject> {
		const connection = await getPlumConnection(this, 'dev');
		const answer = await sendPlumRequest(this, connection, {
			method: 'POST',
			path: '/queuecall.php',
			body: () => new URLSearchParams(prepared.fields),
			timeoutMs: prepared.timeoutMs,
			itemIndex,
			secretsRemovedBy: 'devAnswerReader',
		});
		const result = readDevWebserviceAnswer(this.getNode(), answer, connection.secrets, itemIndex);
		return {
			call_id: result.callId ?? null,
			status: result.status,
			phone_number: prepared.fields.phone_number,
			message_reference: prepared.fields.message_reference ?? null,
			start_url: prepared.fields.start_url,
		};
	},

	callsPerSecond(this: IExecuteFunctions): number | undefined {
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const rate = Number(options.callsPerSecond ?? 1);
		return Number.isFinite(rate) && rate > 0 ? Math.min(rate, 10) : 1;
	},
};
