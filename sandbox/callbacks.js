'use strict';
// Result callbacks: what Plum POSTs to a call's result_url when the call is over.
// Deployment calls: the call_details object [doc], plus call_id (whether Plum adds it is unknown).
// DEV calls: Plum's field list is not documented; the fields below are a plausible stand-in.
const { objectToXml } = require('./xml');
const { request } = require('./outboundHttp');

/** DEV `result` word for each final status (invented; Plum does not document the values). */
const DEV_RESULT_WORDS = { completed: 'answered', failed: 'busy', rejected: 'rejected', canceled: 'canceled' };

function devResultFields(call, now) {
	const details = call.callDetails(now);
	return {
		call_id: call.callId,
		status: details.status,
		result: DEV_RESULT_WORDS[details.status] ?? details.status,
		message_reference: call.messageReference ?? '',
		call_parameters: call.callParameters ?? '',
		phone_number: call.phoneNumber,
		campaign_name: call.settings.campaignName,
		attempts: details.attempts,
		max_retries: String(call.settings.maxRetries),
		duration: String(details.duration),
		queued_timestamp: details.queued_timestamp,
		start_timestamp: details.start_timestamp,
		end_timestamp: details.end_timestamp,
	};
}

function deploymentResult(call, now) {
	return { call_id: call.callId, ...call.callDetails(now) };
}

/** PHP-style nested keys, as http_build_query writes them: events[0][event]=queued. */
function toPhpForm(value) {
	const pairs = [];
	const add = (key, item) => {
		if (item !== null && typeof item === 'object') {
			for (const [childKey, child] of Object.entries(item)) add(`${key}[${childKey}]`, child);
		} else {
			pairs.push(`${encodeKey(key)}=${encodeURIComponent(item ?? '')}`);
		}
	};
	for (const [key, item] of Object.entries(value)) add(key, item);
	return pairs.join('&');
}

function encodeKey(key) {
	return encodeURIComponent(key).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

/** -> { contentType, body } for the call's result in the asked format. */
function buildResultBody(call, format, now) {
	const payload = call.product === 'dev' ? devResultFields(call, now) : deploymentResult(call, now);
	switch (format) {
		case 'form':
			return { contentType: 'application/x-www-form-urlencoded', body: toPhpForm(payload) };
		case 'json':
			return { contentType: 'application/json', body: JSON.stringify(payload) };
		case 'xml':
			return {
				contentType: 'application/xml',
				body: objectToXml(call.product === 'dev' ? 'call_result' : 'call_details', payload),
			};
		default:
			throw new Error(`unknown callback format "${format}"; use form, json or xml`);
	}
}

/**
 * POSTs the call's final result to `url` (default: its result_url). A call not yet final is first
 * moved forward to its final status, so the status API agrees with the callback.
 */
async function sendResultCallback(state, callId, { format, url, method = 'POST' } = {}) {
	const call = state.calls.get(String(callId));
	if (!call) throw new Error(`the sandbox has no call ${callId}`);
	const target = url ?? call.resultUrl;
	if (!target) throw new Error(`call ${callId} has no result_url; pass { url }`);
	const now = state.now();
	call.finishBy(now);
	const chosen = format ?? (call.product === 'dev' ? 'form' : 'json');
	const { contentType, body } = buildResultBody(call, chosen, now);
	return request(target, {
		method,
		headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) },
		body,
	});
}

module.exports = { sendResultCallback, buildResultBody, toPhpForm, devResultFields };
