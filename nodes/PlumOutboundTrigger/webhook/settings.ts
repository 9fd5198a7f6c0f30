import type { IWebhookFunctions } from 'n8n-workflow';

import type { SecretLocation, SecretSettings } from './checkSecret';
import { STATUS_CHOICES } from './filter';
import { DEFAULT_MAX_BODY_KB } from './readBody';

export interface TriggerSettings {
	secret: SecretSettings;
	statuses: string[];
	runOnUrlCheck: boolean;
	dropDuplicates: boolean;
	maxBodyBytes: number;
}

interface TriggerOptions {
	runOnUrlCheck?: boolean;
	dropDuplicates?: boolean;
	maxBodyKb?: number;
}

function text(value: unknown, fallback: string): string {
	return typeof value === 'string' ? value : fallback;
}

function maxBodyBytes(kilobytes: unknown): number {
	const value = typeof kilobytes === 'number' && kilobytes > 0 ? kilobytes : DEFAULT_MAX_BODY_KB;
	return Math.floor(value * 1024);
}

export function readSettings(context: IWebhookFunctions): TriggerSettings {
	const options = context.getNodeParameter('options', {}) as TriggerOptions;
	const location: SecretLocation =
		context.getNodeParameter('secretLocation', 'query') === 'path' ? 'path' : 'query';
	const statuses = context.getNodeParameter('statuses', [...STATUS_CHOICES]);
	const parameterName = text(context.getNodeParameter('queryParameterName', 'secret'), '').trim();
	return {
		secret: {
			secret: text(context.getNodeParameter('secret', ''), ''),
			location,
			parameterName: parameterName === '' ? 'secret' : parameterName,
		},
		statuses: Array.isArray(statuses) ? statuses.map(String) : [...STATUS_CHOICES],
		runOnUrlCheck: options.runOnUrlCheck === true,
		dropDuplicates: options.dropDuplicates === true,
		maxBodyBytes: maxBodyBytes(options.maxBodyKb),
	};
}
