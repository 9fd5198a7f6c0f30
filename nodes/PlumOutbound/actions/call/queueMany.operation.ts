import FormData from 'form-data';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { type CampaignCalls, writeCampaignCalls, writeUploadedCalls } from '../../../shared/csv/campaignCalls';
import { parsePhoneListFile } from '../../../shared/csv/phoneList';
import { PlumInputError } from '../../../shared/validation/InputProblem';
import { LIMITS, requiredText } from '../../../shared/validation/text';
import { perItemParameter } from '../../helpers/perItemParameter';
import { readDevWebserviceAnswer } from '../../transport/devAnswer';
import { getPlumConnection } from '../../transport/plumCredentials';
import { sendPlumRequest } from '../../transport/plumRequest';
import type { BatchOperation } from '../operationTypes';
import { devOptionsField, readDevCallSettings, resultUrlField, startUrlField } from './devCallSettings';

const show = { resource: ['call'], operation: ['queueMany'] };
const showItems = { ...show, source: ['items'] };

const properties: INodeProperties[] = [
	{
		displayName: 'Campaign Name',
		name: 'campaignName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'December reminders',
		description: 'A name for the new campaign in Plum\'s campaign manager; Plum requires it to be unique',
		displayOptions: { show },
	},
	startUrlField('queueMany'),
	resultUrlField('queueMany'),
	{
		displayName: 'Contacts From',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Input Items',
				value: 'items',
				description: 'One call per input item, e.g. the rows of a CRM export',
			},
			{
				name: 'Phone List File',
				value: 'binary',
				description: 'A text file in a binary property: one call per line, phone,message reference,call parameters',
			},
		],
		default: 'items',
		displayOptions: { show },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '={{ $json.phone }}',
		description: 'The number to dial for each item, usually an expression such as {{ $JSON.phone }}. Pasted formats work; a 10-digit number gets the leading 1.',
		displayOptions: { show: showItems },
	},
	{
		displayName: 'Message Reference',
		name: 'messageReference',
		type: 'string',
		default: '',
		placeholder: '={{ $json.ID }}',
		description: 'Your reference for each call (at most 128 characters; no commas, quotes or line breaks), posted to the start and result URLs',
		displayOptions: { show: showItems },
	},
	{
		displayName: 'Call Parameters',
		name: 'callParameters',
		type: 'string',
		default: '',
		placeholder: 'first_name={{ $json.first_name }}',
		description: 'Free text for each call posted to the start URL (at most 255 characters; no commas, quotes or line breaks)',
		displayOptions: { show: showItems },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'The binary property of the first input item that holds the phone list file',
		displayOptions: { show: { ...show, source: ['binary'] } },
	},
	devOptionsField('queueMany'),
];

interface CampaignSource extends CampaignCalls {
	/** Calls from an uploaded file all come from the first input item; otherwise call i is item i. */
	fromFile: boolean;
}

export const queueMany: BatchOperation = {
	kind: 'batch',
	description: properties,

	async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		// Campaign-wide settings come from the first item, as Plum applies them to every call.
		const settings = readDevCallSettings(this, 0);
		const campaignName = requiredText(this.getNodeParameter('campaignName', 0, ''), LIMITS.campaignName, {
			field: 'Campaign Name',
			itemIndex: 0,
		});
		const source = this.getNodeParameter('source', 0, 'items') as string;
		const calls =
			source === 'binary'
				? await readCallsFromFile(this, settings.callerId)
				: readCallsFromItems(this, items, settings.callerId);
		const { phoneNumbers, messageReferences, fromFile } = calls;
		if (phoneNumbers.length === 0) {
			throw new PlumInputError({
				field: source === 'binary' ? 'Input Binary Field' : 'Phone Number',
				rule: 'gave no contacts, so there is no campaign to queue',
				fix: 'Feed the node at least one item (or a phone list file with at least one line).',
			});
		}
		const { phoneList } = calls;

		const connection = await getPlumConnection(this, 'dev');
		const answer = await sendPlumRequest(this, connection, {
			method: 'POST',
			path: '/queuecalls.php',
			body: () => {
				// queuecalls.php only reads the list from a multipart upload (Plum's documentation insists).
				const form = new FormData();
				form.append('campaign_name', campaignName);
				for (const [name, value] of Object.entries(settings.fields)) form.append(name, value);
				form.append('phone_list', phoneList, { filename: 'phone_list.txt', contentType: 'text/plain' });
				return form;
			},
			timeoutMs: settings.timeoutMs,
			itemIndex: 0,
			secretsRemovedBy: 'devAnswerReader',
			// Plum echoes every queued call (about 110 characters each); far more than that is not Plum's answer.
			maxAnswerCharacters: 1024 * 1024 + phoneNumbers.length * 1024,
		});
		const result = readDevWebserviceAnswer(this.getNode(), answer, connection.secrets, 0);

		const queuedCalls = result.calls;
		const output: INodeExecutionData[] = new Array(phoneNumbers.length);
		for (let index = 0; index < phoneNumbers.length; index++) {
			const phoneNumber = phoneNumbers.at(index);
			const queued = index < queuedCalls.length;
			const callId = queued ? queuedCalls.callId(index) : null;
			const status = queued ? 'queued' : 'not_in_answer';
			const messageReference = messageReferences[index] ?? null;
			// Written as whole literals: a property added afterwards costs every one of 100,000 items an extra
			// allocation.
			const json: IDataObject =
				queued && !queuedCalls.hasPhoneNumber(index, phoneNumber)
					? {
							call_id: callId,
							status,
							phone_number: phoneNumber,
							message_reference: messageReference,
							campaign_name: campaignName,
							plum_phone_number: queuedCalls.phoneNumber(index),
						}
					: {
							call_id: callId,
							status,
							phone_number: phoneNumber,
							message_reference: messageReference,
							campaign_name: campaignName,
						};
			output[index] = { json, pairedItem: { item: fromFile ? 0 : index } };
		}
		return output;
	},
};

function readCallsFromItems(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	callerId: string | undefined,
): CampaignSource {
	const fields = {
		phoneNumber: perItemParameter(context, 'phoneNumber', items),
		messageReference: perItemParameter(context, 'messageReference', items),
		callParameters: perItemParameter(context, 'callParameters', items),
	};
	return { ...writeCampaignCalls(items.length, fields, callerId), fromFile: false };
}

async function readCallsFromFile(context: IExecuteFunctions, callerId: string | undefined): Promise<CampaignSource> {
	const propertyName = context.getNodeParameter('binaryPropertyName', 0, 'data') as string;
	context.helpers.assertBinaryData(0, propertyName);
	const buffer = await context.helpers.getBinaryDataBuffer(0, propertyName);
	const lines = parsePhoneListFile(buffer.toString('utf8'));
	return { ...writeUploadedCalls(lines, callerId), fromFile: true };
}
