'use strict';
// Figure 4 (in process): the trigger's webhook() handling Plum result callbacks, called the way n8n calls it
// (test/unit/trigger/triggerServer.ts): the body already read by n8n into req.rawBody and parsed into req.body,
// the query parsed, the node answering through the response object. Timed: webhook() only; n8n's own reading
// and parsing of the request happens before it and is not part of the node.
const { parse: parseQueryString } = require('node:querystring');

const { toPhpForm } = require('../sandbox/callbacks');
const { objectToXml } = require('../sandbox/xml');

const SECRET = 'bench-result-secret-71';
const FIRST_CALL_ID = 500000000;
const STATUSES = ['completed', 'completed', 'completed', 'failed', 'rejected'];

/** A DEV webservice result as form fields, as the sandbox posts it (sandbox/callbacks.js). */
function devResult(index) {
	return {
		call_id: String(FIRST_CALL_ID + index),
		status: STATUSES[index % STATUSES.length],
		result: 'answered',
		message_reference: `c-${index}`,
		call_parameters: 'first_name=Ana',
		phone_number: 'tel:+16175551234;ani=8005550100',
		campaign_name: 'December reminders',
		attempts: '1',
		max_retries: '2',
		duration: String(20 + (index % 90)),
		queued_timestamp: '1764590400',
		start_timestamp: '1764590431',
		end_timestamp: '1764590470',
	};
}

/** A deployment result: call_details plus call_id (sandbox/callbacks.js). */
function deploymentResult(index) {
	return {
		call_id: String(FIRST_CALL_ID + index),
		max_attempts: '1',
		attempts: '1',
		events: [
			{ event: 'queued', timestamp: 1764590400 },
			{ event: 'dialing', timestamp: 1764590401 },
			{ event: 'connected', timestamp: 1764590431 },
			{ event: 'disconnected', timestamp: 1764590470 },
		],
		phone_number: "'6175551234'",
		status: STATUSES[index % STATUSES.length],
		queued_timestamp: '1764590400',
		start_timestamp: '1764590431',
		end_timestamp: '1764590470',
		last_attempt_timestamp: '1764590401',
		reattempt_wait: '0',
		duration: 39,
	};
}

const FORMATS = {
	form: (index) => ({ contentType: 'application/x-www-form-urlencoded', text: toPhpForm(devResult(index)) }),
	json: (index) => ({ contentType: 'application/json', text: JSON.stringify(deploymentResult(index)) }),
	xml: (index) => ({ contentType: 'application/xml', text: objectToXml('call_details', deploymentResult(index)) }),
};

/** What n8n hands the node: the request with rawBody and n8n's own parse of the body. */
function n8nRequest(format, index) {
	const { contentType, text } = FORMATS[format](index);
	const rawBody = Buffer.from(text, 'utf8');
	let body = {};
	if (format === 'form') body = { ...parseQueryString(text, undefined, undefined, { maxKeys: 1000 }) };
	else if (format === 'json') body = JSON.parse(text);
	const url = `/webhook/bench-webhook-id/plum-result?secret=${SECRET}`;
	return {
		method: 'POST',
		url,
		headers: { 'content-type': contentType, 'content-length': String(rawBody.length), host: '127.0.0.1' },
		rawBody,
		body,
		query: { secret: SECRET },
		readable: false,
		readableEnded: true,
	};
}

/** Enough of a ServerResponse for the node's answer. */
function fakeResponse() {
	return {
		statusCode: 0,
		headersSent: false,
		text: undefined,
		writeHead(status) {
			this.statusCode = status;
			this.headersSent = true;
			return this;
		},
		end(text) {
			this.text = text;
			return this;
		},
	};
}

/** The webhook context n8n builds for each request (only what the trigger uses). */
function webhookContext(parameters, req, res, staticData) {
	const node = {
		id: 'bench-trigger',
		name: 'Plum Outbound Trigger',
		type: 'n8n-nodes-plumvoice.plumOutboundTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	return {
		getNode: () => node,
		getMode: () => 'webhook',
		getNodeParameter: (name, fallback) => {
			if (name in parameters) return parameters[name];
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		getRequestObject: () => req,
		getResponseObject: () => res,
		getBodyData: () => req.body ?? {},
		getHeaderData: () => req.headers,
		getQueryData: () => req.query,
		getParamsData: () => ({}),
		getWorkflowStaticData: () => staticData,
		getWebhookName: () => 'default',
		helpers: {},
	};
}

/**
 * Calls webhook() for `count` callbacks of `format`, one after another. Returns { count, ms, perSecond } after
 * checking that every callback was answered 200 and started a run with its own call_id.
 */
async function measureWebhook(project, { count, format = 'form', dropDuplicates = false }) {
	const trigger = new project.PlumOutboundTrigger();
	const parameters = { secret: SECRET, secretLocation: 'query', queryParameterName: 'secret', options: { dropDuplicates } };
	const staticData = {};
	const requests = new Array(count);
	const responses = new Array(count);
	const contexts = new Array(count);
	for (let index = 0; index < count; index++) {
		requests[index] = n8nRequest(format, index);
		responses[index] = fakeResponse();
		contexts[index] = webhookContext(parameters, requests[index], responses[index], staticData);
	}
	const results = new Array(count);
	if (global.gc) global.gc();
	const started = process.hrtime.bigint();
	for (let index = 0; index < count; index++) {
		results[index] = await trigger.webhook.call(contexts[index]);
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	for (let index = 0; index < count; index++) {
		const item = results[index]?.workflowData?.[0]?.[0]?.json;
		if (responses[index].statusCode !== 200 || !item || item.call_id !== String(FIRST_CALL_ID + index)) {
			throw new Error(
				`callback ${index} (${format}) was not handled: HTTP ${responses[index].statusCode} ${responses[index].text}, item ${JSON.stringify(item)}`,
			);
		}
	}
	return { count, format, dropDuplicates, ms, perSecond: (count / ms) * 1000 };
}

module.exports = { measureWebhook, n8nRequest, devResult, deploymentResult, FORMATS, SECRET };
