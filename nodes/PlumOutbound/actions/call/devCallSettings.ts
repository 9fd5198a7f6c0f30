import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normalizeCallerId } from '../../../shared/validation/phoneNumber';
import {
	checkScheduleWindow,
	parseScheduleValue,
	toDevScheduleFields,
} from '../../../shared/validation/schedule';
import { optionalIntegerInRange, optionalUrl, requiredUrl } from '../../../shared/validation/text';
import { readTimeout, timeoutOption } from '../../helpers/timeoutOption';

export const FIELD_NAMES = {
	startUrl: 'Start URL',
	resultUrl: 'Result URL',
	callerId: 'Caller ID (ANI)',
	maxRetries: 'Max Retries',
	retryInterval: 'Retry Interval (Seconds)',
	scheduledAt: 'Scheduled At',
	expiresAt: 'Expires At',
} as const;

export const startUrlField = (operation: string): INodeProperties => ({
	displayName: FIELD_NAMES.startUrl,
	name: 'startUrl',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'https://ivr.example.com/start.vxml',
	description: 'The VoiceXML application Plum runs when the call connects (absolute http(s) URL, at most 255 characters). Plum checks it with a GET before dialing.',
	displayOptions: { show: { resource: ['call'], operation: [operation] } },
});

export const resultUrlField = (operation: string): INodeProperties => ({
	displayName: FIELD_NAMES.resultUrl,
	name: 'resultUrl',
	type: 'string',
	default: '',
	placeholder: 'https://n8n.example.com/webhook/…/plum-result?secret=…',
	description: 'Where Plum posts each call\'s final result. Paste the Production URL of a Plum Outbound Trigger here. Plum checks it with a GET before dialing.',
	displayOptions: { show: { resource: ['call'], operation: [operation] } },
});

/** The settings Plum applies to every call of a request (queuecall.php and queuecalls.php share them). */
export const devOptionsField = (operation: string, extra: INodeProperties[] = []): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show: { resource: ['call'], operation: [operation] } },
	options: [
		{
			displayName: FIELD_NAMES.callerId,
			name: 'callerId',
			type: 'string',
			default: '',
			placeholder: '8005551234',
			description: 'The number shown to the person called. It must be a number on your Plum account, written as the account shows it: its digits are sent as written, as ;ani= on each phone number.',
		},
		{
			displayName: FIELD_NAMES.expiresAt,
			name: 'expiresAt',
			type: 'string',
			default: '',
			placeholder: '2026-12-01T17:00:00-05:00 or +3 days',
			description: 'When Plum gives up on an unanswered call: an ISO 8601 date-time, a date from an expression, UNIX seconds, or a Plum phrase such as "+3 days" (at most 80 characters). Empty means never.',
		},
		{
			displayName: FIELD_NAMES.retryInterval,
			name: 'retryInterval',
			type: 'number',
			typeOptions: { minValue: 60, maxValue: 172800 },
			default: 300,
			description: 'Seconds between attempts, from 60 to 172800 (two days)',
		},
		{
			displayName: FIELD_NAMES.maxRetries,
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 0,
			description: 'How many more times Plum dials a number whose call failed, from 0 to 10',
		},
		{
			displayName: 'PCI/HIPAA Secure Environment',
			name: 'isPci',
			type: 'boolean',
			default: false,
			description: 'Whether connected calls run in Plum\'s HIPAA/PCI compliant environment (only for accounts granted access)',
		},
		{
			displayName: FIELD_NAMES.scheduledAt,
			name: 'scheduledAt',
			type: 'string',
			default: '',
			placeholder: '2026-12-01T09:00:00-05:00 or +2 hours',
			description: 'When Plum starts dialing: an ISO 8601 date-time, a date from an expression, UNIX seconds, or a Plum phrase such as "now" or "+2 hours" (at most 80 characters). Empty means now.',
		},
		timeoutOption(120000, true),
		...extra,
	],
});

export interface DevCallSettings {
	/** queuecall/queuecalls form fields shared by every call (start_url, result_url, retries, schedule, is_pci). */
	fields: Record<string, string>;
	/** Normalised caller ID digits to append as ;ani=, if set. */
	callerId?: string;
	timeoutMs: number;
}

/** Reads and validates the shared settings of one item; throws PlumInputError naming the field. */
export function readDevCallSettings(context: IExecuteFunctions, itemIndex: number): DevCallSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields: Record<string, string> = {};
	fields.start_url = requiredUrl(context.getNodeParameter('startUrl', itemIndex, ''), {
		field: FIELD_NAMES.startUrl,
		itemIndex,
	});
	const resultUrl = optionalUrl(context.getNodeParameter('resultUrl', itemIndex, ''), {
		field: FIELD_NAMES.resultUrl,
		itemIndex,
	});
	if (resultUrl !== undefined) fields.result_url = resultUrl;

	const maxRetries = optionalIntegerInRange(options.maxRetries, 0, 10, { field: FIELD_NAMES.maxRetries, itemIndex });
	// Plum's v3.0 reference and parameter notes write max_retries; the seed table's max_retry is the odd one out.
	if (maxRetries !== undefined) fields.max_retries = String(maxRetries);
	const retryInterval = optionalIntegerInRange(options.retryInterval, 60, 172800, {
		field: FIELD_NAMES.retryInterval,
		itemIndex,
	});
	if (retryInterval !== undefined) fields.retry_interval = String(retryInterval);

	// A date-time written without an offset means the workflow's time zone, as everywhere else in n8n.
	const timeZone = context.getTimezone();
	const start = parseScheduleValue(options.scheduledAt, { field: FIELD_NAMES.scheduledAt, itemIndex, timeZone });
	const end = parseScheduleValue(options.expiresAt, { field: FIELD_NAMES.expiresAt, itemIndex, timeZone });
	checkScheduleWindow({ start, end }, { start: FIELD_NAMES.scheduledAt, end: FIELD_NAMES.expiresAt }, { itemIndex });
	Object.assign(fields, toDevScheduleFields(start, 'scheduled'), toDevScheduleFields(end, 'expiration'));
	if (options.isPci === true) fields.is_pci = '1';

	const callerId = normalizeCallerId(options.callerId, { itemIndex });
	const timeoutMs = readTimeout(options.timeout, itemIndex, 120000);
	return { fields, callerId, timeoutMs };
}

