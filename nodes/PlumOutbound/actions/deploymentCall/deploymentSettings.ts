import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkAttempts } from '../../../shared/validation/deploymentOptions';
import { normalizeCallerId } from '../../../shared/validation/phoneNumber';
import { checkScheduleWindow, parseScheduleValue, toUnixSeconds } from '../../../shared/validation/schedule';
import { optionalUrl, positiveId } from '../../../shared/validation/text';
import { readTimeout, timeoutOption } from '../../helpers/timeoutOption';

export const DEPLOYMENT_FIELD_NAMES = {
	applicationId: 'Application ID',
	deploymentId: 'Deployment ID',
	resultUrl: 'Result URL',
	callerId: 'Caller ID (ANI)',
	startAt: 'Start At',
	endAt: 'End At',
} as const;

/** Application and deployment ids, shown on the deployment's Outbound page in Plum Fuse. */
export const deploymentIdFields = (operations: string[]): INodeProperties[] => [
	{
		displayName: DEPLOYMENT_FIELD_NAMES.applicationId,
		name: 'applicationId',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'The application\'s ID number, shown on the deployment\'s Outbound page in Plum Fuse',
		displayOptions: { show: { resource: ['deploymentCall'], operation: operations } },
	},
	{
		displayName: DEPLOYMENT_FIELD_NAMES.deploymentId,
		name: 'deploymentId',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0 },
		description: 'The deployment\'s ID number, shown on the deployment\'s Outbound page in Plum Fuse',
		displayOptions: { show: { resource: ['deploymentCall'], operation: operations } },
	},
];

export const deploymentResultUrlField = (operation: string): INodeProperties => ({
	displayName: DEPLOYMENT_FIELD_NAMES.resultUrl,
	name: 'resultUrl',
	type: 'string',
	default: '',
	placeholder: 'https://n8n.example.com/webhook/…/plum-result?secret=…',
	description: 'Where Plum posts each call\'s final details (completed, canceled, or all attempts used). Paste the Production URL of a Plum Outbound Trigger here.',
	displayOptions: { show: { resource: ['deploymentCall'], operation: [operation] } },
});

export const deploymentOptionsField = (operation: string): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: { resource: ['deploymentCall'], operation: [operation] } },
	options: [
		{
			displayName: DEPLOYMENT_FIELD_NAMES.callerId,
			name: 'callerId',
			type: 'string',
			default: '',
			placeholder: '8005551234',
			description: 'The number shown to the person called. It must be a number on your Plum account, written as the account shows it: its digits are sent as written, as ;ani= on each phone number.',
		},
		{
			displayName: DEPLOYMENT_FIELD_NAMES.endAt,
			name: 'endAt',
			type: 'string',
			default: '',
			placeholder: '2026-12-01T17:00:00-05:00 or +3 days',
			description: 'When Plum stops attempting calls: an ISO 8601 date-time, a date from an expression, UNIX seconds, or a relative phrase such as "+3 days"',
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 1,
			description: 'How many times Plum tries each number in total, from 1 to 10. Above 1, set Reattempt Wait too.',
		},
		{
			displayName: 'PCI/HIPAA Secure Environment',
			name: 'isPci',
			type: 'boolean',
			default: false,
			description: 'Whether connected calls run in Plum\'s HIPAA/PCI compliant environment (only for accounts granted access)',
		},
		{
			displayName: 'Reattempt Wait (Seconds)',
			name: 'reattemptWait',
			type: 'number',
			typeOptions: { minValue: 60, maxValue: 86400 },
			default: 300,
			description: 'Seconds to wait before trying a number again, from 60 to 86400 (one day); required when Max Attempts is above 1',
		},
		{
			displayName: DEPLOYMENT_FIELD_NAMES.startAt,
			name: 'startAt',
			type: 'string',
			default: '',
			placeholder: '2026-12-01T09:00:00-05:00 or +2 hours',
			description: 'When Plum starts dialing: an ISO 8601 date-time, a date from an expression, UNIX seconds, or a relative phrase such as "+2 hours". Empty means now.',
		},
		timeoutOption(120000, true),
	],
});

export interface DeploymentTarget {
	applicationId: number;
	deploymentId: number;
}

export function readDeploymentTarget(context: IExecuteFunctions, itemIndex: number): DeploymentTarget {
	return {
		applicationId: positiveId(context.getNodeParameter('applicationId', itemIndex, 0), {
			field: DEPLOYMENT_FIELD_NAMES.applicationId,
			itemIndex,
		}),
		deploymentId: positiveId(context.getNodeParameter('deploymentId', itemIndex, 0), {
			field: DEPLOYMENT_FIELD_NAMES.deploymentId,
			itemIndex,
		}),
	};
}

export function deploymentPath(target: DeploymentTarget, action: 'queue' | 'bulk_queue' | 'cancel'): string {
	return `/apps/${target.applicationId}/${target.deploymentId}/${action}`;
}

export interface DeploymentQueueSettings {
	/** Multipart fields shared by every call: start/end timestamps, attempts, result_url, is_pci. */
	fields: Record<string, string>;
	callerId?: string;
	timeoutMs: number;
}

/** Reads and validates the deployment queue settings of one item; throws PlumInputError naming the field. */
export function readDeploymentQueueSettings(
	context: IExecuteFunctions,
	itemIndex: number,
): DeploymentQueueSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields: Record<string, string> = {};
	const resultUrl = optionalUrl(context.getNodeParameter('resultUrl', itemIndex, ''), {
		field: DEPLOYMENT_FIELD_NAMES.resultUrl,
		itemIndex,
	});
	if (resultUrl !== undefined) fields.result_url = resultUrl;

	// A date-time written without an offset means the workflow's time zone, as everywhere else in n8n.
	const timeZone = context.getTimezone();
	const start = parseScheduleValue(options.startAt, { field: DEPLOYMENT_FIELD_NAMES.startAt, itemIndex, timeZone });
	const end = parseScheduleValue(options.endAt, { field: DEPLOYMENT_FIELD_NAMES.endAt, itemIndex, timeZone });
	checkScheduleWindow({ start, end }, { start: DEPLOYMENT_FIELD_NAMES.startAt, end: DEPLOYMENT_FIELD_NAMES.endAt }, { itemIndex });
	// The deployment API only takes UNIX seconds, so phrases are converted here (or refused with examples).
	if (start !== undefined) {
		fields.start_timestamp = String(toUnixSeconds(start, { field: DEPLOYMENT_FIELD_NAMES.startAt, itemIndex }));
	}
	if (end !== undefined) {
		fields.end_timestamp = String(toUnixSeconds(end, { field: DEPLOYMENT_FIELD_NAMES.endAt, itemIndex }));
	}

	const attempts = checkAttempts(
		options.maxAttempts === undefined ? undefined : Number(options.maxAttempts),
		options.reattemptWait === undefined ? undefined : Number(options.reattemptWait),
		{ itemIndex },
	);
	if (attempts.max_attempts !== undefined) fields.max_attempts = String(attempts.max_attempts);
	if (attempts.reattempt_wait !== undefined) fields.reattempt_wait = String(attempts.reattempt_wait);
	if (options.isPci === true) fields.is_pci = '1';

	const callerId = normalizeCallerId(options.callerId, { itemIndex });
	const timeoutMs = readTimeout(options.timeout, itemIndex, 120000);
	return { fields, callerId, timeoutMs };
}
