'use strict';
// /_sandbox: a small control surface for the demo and for scripts in other processes.
// Not part of Plum's API; never recorded in sb.requests. Answers never carry the PIN or developer key.
const { readBody } = require('./body');
const { sendResultCallback } = require('./callbacks');

async function handleControl(state, sandbox, req, res, url) {
	const path = url.pathname.replace(/\/{2,}/g, '/').replace(/\/$/, '');
	const method = req.method;
	try {
		if (method === 'GET' && (path === '/_sandbox' || path === '')) {
			return json(res, 200, {
				devBaseUrl: sandbox.devBaseUrl,
				deploymentBaseUrl: sandbox.deploymentBaseUrl,
				requests: state.requests.length,
				queueRequests: state.queueRequests,
				calls: state.calls.size,
			});
		}
		if (method === 'GET' && path === '/_sandbox/requests') return json(res, 200, state.requests.map(summarise));
		let match = /^\/_sandbox\/calls\/([^/]+)$/.exec(path);
		if (method === 'GET' && match) {
			const call = state.calls.get(decodeURIComponent(match[1]));
			if (!call) return json(res, 404, { error: 'No such call' });
			return json(res, 200, {
				call_id: call.callId,
				product: call.product,
				phone_number: call.phoneNumber,
				variables: call.variables,
				call_details: call.callDetails(state.now()),
			});
		}
		match = /^\/_sandbox\/callbacks\/([^/]+)$/.exec(path);
		if (method === 'POST' && match) {
			const options = {
				format: url.searchParams.get('format') || undefined,
				url: url.searchParams.get('url') || undefined,
				method: url.searchParams.get('method') || undefined,
			};
			const answer = await sendResultCallback(state, decodeURIComponent(match[1]), options);
			return json(res, 200, answer);
		}
		if (method === 'POST' && path === '/_sandbox/faults') {
			const { endpoint, fault, times } = JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8'));
			state.faults.add(endpoint, fault, { times });
			return json(res, 200, { ok: true });
		}
		if (method === 'DELETE' && path === '/_sandbox/faults') {
			state.faults.clear();
			return json(res, 200, { ok: true });
		}
		if (method === 'POST' && path === '/_sandbox/reset') {
			state.reset();
			return json(res, 200, { ok: true });
		}
		return json(res, 404, { error: 'Unknown sandbox control route' });
	} catch (error) {
		return json(res, 400, { error: error.message });
	}
}

/** A request without its raw body, with the PIN and Authorization header masked. */
function summarise(record) {
	const fields = { ...record.fields };
	if (fields.pin !== undefined) fields.pin = '***';
	const headers = { ...record.headers };
	if (headers.authorization !== undefined) headers.authorization = '***';
	const files = {};
	for (const [name, file] of Object.entries(record.files)) {
		files[name] = { filename: file.filename, contentType: file.contentType, size: file.size };
	}
	const { id, method, path, query, contentType, bodyLength, endpoint, outcome, fault } = record;
	return { id, method, path, query, headers, contentType, fields, files, bodyLength, endpoint, fault, outcome: outcome && { status: outcome.status } };
}

function json(res, status, value) {
	const body = JSON.stringify(value);
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
	res.end(body);
}

module.exports = { handleControl };
