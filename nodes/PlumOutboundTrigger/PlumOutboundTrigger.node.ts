import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { checkSecret, SECRET_PATH_PARAMETER } from './webhook/checkSecret';
import { callbackKey, isRepeatedCallback } from './webhook/dedupe';
import { isWantedStatus } from './webhook/filter';
import { normaliseResult } from './webhook/normaliseResult';
import { parseBody } from './webhook/parseBody';
import { readBody, type WebhookRequest } from './webhook/readBody';
import { ACCEPTED_TEXT, answerAndRun, answerWithoutRun } from './webhook/respond';
import { readSettings } from './webhook/settings';
import { WebhookRejection } from './webhook/WebhookRejection';

/**
 * With the secret in the path, the URL ends in a `:secret` route parameter that n8n matches against
 * any value; webhook() then compares that value with the secret.
 */
const WEBHOOK_PATH = `={{$parameter["secretLocation"] === "path" ? "plum-result/:${SECRET_PATH_PARAMETER}" : "plum-result"}}`;

/** Plum checks result_url with a GET before dialing, then POSTs the result to the same URL. */
const webhookFor = (httpMethod: 'GET' | 'POST'): IWebhookDescription => ({
	name: 'default',
	httpMethod,
	responseMode: 'onReceived',
	path: WEBHOOK_PATH,
});

const SETUP_NOTICE =
	"Give Plum this node's Production URL as result_url: in the Plum Outbound node, paste it into Result URL (Queue a Call or Queue a Campaign for the DEV webservice; Queue a Call or Bulk Queue for a deployment). " +
	'Plum checks the URL with a GET before it dials and needs HTTP 200 back. ' +
	'To keep strangers out, set a Secret and add ?secret=YOUR_SECRET to the URL, or choose Secret Location "Path" and put the secret in place of :secret. ' +
	'Each result starts one run with the call\'s fields normalised (numbers as numbers, phone number without quotes, timestamps also as ISO dates, events in order, "final"), plus "source" (dev or deployment) and "raw" (every field exactly as Plum sent it).';

export class PlumOutboundTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Plum Outbound Trigger',
		name: 'plumOutboundTrigger',
		icon: { light: 'file:plumVoice.svg', dark: 'file:plumVoice.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["secret"] ? "Protected by a secret" : "No secret set"}}',
		description: 'Starts the workflow when Plum Voice posts the result of an outbound call',
		eventTriggerDescription: 'Waiting for Plum to call the Test URL',
		activationMessage: 'Plum can now post call results to your Production URL.',
		defaults: {
			name: 'Plum Outbound Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// No credentials: Plum cannot sign callbacks or send any; the secret in the URL is the protection.
		webhooks: [webhookFor('GET'), webhookFor('POST')],
		properties: [
			{
				displayName: SETUP_NOTICE,
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Shared secret that every call to this URL must carry; leave empty to accept any caller (not recommended). Use letters, digits, - and _ so it fits in a URL.',
			},
			{
				displayName: 'Secret Location',
				name: 'secretLocation',
				type: 'options',
				options: [
					{
						name: 'Query Parameter',
						value: 'query',
						description: 'Add ?secret=YOUR_SECRET to the URL given to Plum',
					},
					{
						name: 'Path',
						value: 'path',
						description: 'The URL ends in /:secret; replace :secret with YOUR_SECRET',
					},
				],
				default: 'query',
				description: 'Where the secret goes in the URL given to Plum as result_url',
			},
			{
				displayName: 'Query Parameter Name',
				name: 'queryParameterName',
				type: 'string',
				default: 'secret',
				description: 'Name of the query parameter that carries the secret',
				displayOptions: { show: { secretLocation: ['query'] } },
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: [
					{ name: 'Canceled', value: 'canceled' },
					{ name: 'Completed', value: 'completed' },
					{ name: 'Failed (Dialed, Not Answered)', value: 'failed' },
					{ name: 'Other', value: 'other', description: 'Any status not listed here' },
					{ name: 'Rejected', value: 'rejected' },
				],
				default: ['canceled', 'completed', 'failed', 'other', 'rejected'],
				description:
					'Call statuses that start a run; results with other statuses are answered with 200 and start nothing',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Drop Duplicate Callbacks',
						name: 'dropDuplicates',
						type: 'boolean',
						default: false,
						description:
							'Whether a result already received for the same call (call_id, else message_reference, else the same body) and status starts no new run',
					},
					{
						displayName: 'Max Body Size (KB)',
						name: 'maxBodyKb',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 256,
						description: 'Larger request bodies are answered with 400 and start no run',
					},
					{
						displayName: 'Run on URL Check',
						name: 'runOnUrlCheck',
						type: 'boolean',
						default: false,
						description:
							"Whether Plum's GET check of the URL (made before dialing) also starts a run; by default it is only answered with 200",
					},
				],
			},
		],
	};

	/**
	 * Plum has no API to register or remove a result_url: the URL travels with each queue request.
	 * So there is nothing to check, create or delete on Plum's side, and n8n's own registration of
	 * the URL is all that is needed.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const settings = readSettings(this);
		const req = this.getRequestObject() as WebhookRequest;
		const res = this.getResponseObject();
		try {
			// The secret is checked on the GET check too: a wrong URL then fails when the call is queued,
			// not silently when its result arrives.
			checkSecret(
				settings.secret,
				this.getQueryData() as Record<string, unknown>,
				this.getParamsData() as Record<string, unknown>,
			);

			if (req.method === 'GET' || req.method === 'HEAD') {
				if (!settings.runOnUrlCheck) return answerWithoutRun(res, 200, ACCEPTED_TEXT);
				return answerAndRun(res, urlCheckItem(this, req.method, settings.secret.parameterName));
			}

			const body = parseBody(await readBody(req, settings.maxBodyBytes));
			const result = normaliseResult(body);

			if (!isWantedStatus(result.status, settings.statuses)) {
				return answerWithoutRun(res, 200, ACCEPTED_TEXT);
			}
			if (settings.dropDuplicates && (await isRepeatedCallback(this, callbackKey(result, body.text)))) {
				return answerWithoutRun(res, 200, ACCEPTED_TEXT);
			}
			return answerAndRun(res, result as IDataObject);
		} catch (error) {
			if (error instanceof WebhookRejection) {
				return answerWithoutRun(res, error.statusCode, error.message);
			}
			throw new NodeOperationError(this.getNode(), error as Error, {
				description: 'The Plum result could not be handled, so n8n answered with an error and started no run.',
			});
		}
	}
}

/** The item a GET check starts a run with; the secret is left out of the query shown. */
function urlCheckItem(
	context: IWebhookFunctions,
	method: string,
	secretParameterName: string,
): IDataObject {
	const query: IDataObject = { ...(context.getQueryData() as IDataObject) };
	delete query[secretParameterName];
	return { url_check: true, method, query };
}
