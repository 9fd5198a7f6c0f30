'use strict';
// Deployment API (Plum Fuse): queue, bulk_queue, call status and cancel. HTTP Basic auth with the
// account e-mail and Developer Key; JSON answers unless Accept asks for XML; errors are { error }.
const { Call } = require('./calls');
const { CsvError, parseCsv } = require('./csv');
const { PhoneError, parsePhone } = require('./phone');
const { send, sendApi, sendApiError } = require('./reply');
const { InputRejected, optional, required, integerIn, flag, httpUrl, orderedTimes, shorten } = require('./checks');
const { deploymentKey } = require('./state');

const LATEST_TIMESTAMP = 4102444800; // 2100-01-01

/** Checks the parts every deployment endpoint shares; false when an error has been answered. */
function admit(ctx, allowedMethod) {
	if (ctx.req.method !== allowedMethod) {
		sendApiError(ctx, 405, `Method ${ctx.req.method} is not allowed here; use ${allowedMethod}`, { Allow: allowedMethod });
		return false;
	}
	if (!hasValidBasicAuth(ctx)) {
		sendApiError(ctx, 401, 'Authentication failed: use your login e-mail and Developer Key (HTTP Basic)', {
			'WWW-Authenticate': 'Basic realm="Plum"',
		});
		return false;
	}
	return true;
}

function hasValidBasicAuth(ctx) {
	const match = /^Basic\s+(\S+)\s*$/i.exec(ctx.req.headers.authorization || '');
	if (!match) return false;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon >= 0 && decoded.slice(0, colon) === ctx.state.email && decoded.slice(colon + 1) === ctx.state.developerKey;
}

/** The addressed deployment, or null after answering 404/403/409. */
function findDeployment(ctx) {
	const { applicationId, deploymentId } = ctx.params;
	const deployment = ctx.state.findDeployment(applicationId, deploymentId);
	if (!deployment) {
		sendApiError(ctx, 404, 'Deployment not found');
		return null;
	}
	if (deployment.deleted) {
		sendApiError(ctx, 409, 'The deployment or its application has been deleted');
		return null;
	}
	if (deployment.forbidden) {
		sendApiError(ctx, 403, 'This user does not have permission to queue calls for this deployment');
		return null;
	}
	return deployment;
}

function queue(ctx) {
	if (!admit(ctx, 'POST') || !findDeployment(ctx)) return;
	answerBadData(ctx, () => {
		acceptForm(ctx, false);
		const phoneText = required(ctx.fields, 'phone_number');
		const settings = readSettings(ctx);
		parsePhoneText(phoneText, 'phone_number');
		const variables = readVariables(ctx.fields);
		const callId = ctx.state.nextCallId();
		ctx.state.calls.set(callId, new Call(callId, settings, phoneText, undefined, undefined, variables));
		sendApi(ctx, 200, { call_id: callId }, { Link: `</api/outbound/${callId}>; rel="status"` });
	});
}

function bulkQueue(ctx) {
	if (!admit(ctx, 'POST') || !findDeployment(ctx)) return;
	answerBadData(ctx, () => {
		acceptForm(ctx, true);
		const upload = ctx.files.csv;
		if (!upload) {
			throw new InputRejected(
				ctx.fields.csv !== undefined
					? 'csv must be uploaded as a file (a multipart part with a filename), not as a text field'
					: 'csv is required: upload the contacts as a CSV file in the field csv',
			);
		}
		const settings = readSettings(ctx);
		const contacts = readContacts(upload.content);
		settings.columns = contacts.columns;
		const { calls } = ctx.state;
		for (const row of contacts.rows) {
			const callId = ctx.state.nextCallId();
			calls.set(callId, new Call(callId, settings, row[0], undefined, undefined, row));
		}
		sendApi(ctx, 200, { calls_queued: contacts.rows.length });
	});
}

function callStatus(ctx) {
	if (!admit(ctx, 'GET')) return;
	const call = ctx.state.calls.get(ctx.params.callId);
	if (!call || call.product !== 'deployment') {
		sendApiError(ctx, 404, 'Call not found');
		return;
	}
	sendApi(ctx, 200, { call_details: call.callDetails(ctx.state.now()) });
}

/** Cancels every call of the deployment that has not reached a final status [doc]: 202, empty body. */
function cancel(ctx) {
	if (!admit(ctx, 'DELETE')) return;
	const deployment = findDeployment(ctx);
	if (!deployment) return;
	const key = deploymentKey(deployment.applicationId, deployment.deploymentId);
	const now = ctx.state.now();
	for (const call of ctx.state.calls.values()) {
		if (call.settings.deploymentKey === key) call.cancel(now);
	}
	send(ctx, 202, {}, '');
}

function answerBadData(ctx, handler) {
	try {
		handler();
	} catch (error) {
		if (!(error instanceof InputRejected)) throw error;
		sendApiError(ctx, 400, error.message);
	}
}

function acceptForm(ctx, needsMultipart) {
	if (ctx.formError) throw new InputRejected(`The request body could not be read: ${ctx.formError}`);
	if (needsMultipart ? ctx.formKind !== 'multipart' : ctx.formKind === 'other') {
		throw new InputRejected(
			needsMultipart
				? 'bulk_queue needs a multipart/form-data request with the contacts uploaded as the file field csv'
				: 'Send the fields as multipart/form-data',
		);
	}
}

/** Settings shared by every call of the request [doc: dev-api-queue-multiple-calls]. */
function readSettings(ctx) {
	const fields = ctx.fields;
	const startTimestamp = integerIn(fields, 'start_timestamp', 0, LATEST_TIMESTAMP);
	const endTimestamp = integerIn(fields, 'end_timestamp', 0, LATEST_TIMESTAMP);
	orderedTimes(startTimestamp, endTimestamp, 'start_timestamp', 'end_timestamp');
	const maxAttempts = integerIn(fields, 'max_attempts', 1, 10) ?? 1;
	const reattemptWait = integerIn(fields, 'reattempt_wait', 60, 86400);
	if (maxAttempts > 1 && reattemptWait === undefined) {
		throw new InputRejected('reattempt_wait is required when max_attempts is above 1 (60 to 86400 seconds)');
	}
	const resultUrl = httpUrl(fields, 'result_url');
	const isPci = flag(fields, 'is_pci');
	const now = ctx.state.now();
	const { applicationId, deploymentId } = ctx.params;
	return {
		product: 'deployment',
		now: ctx.state.now,
		stepMs: ctx.state.callProgressMs,
		queuedMs: now,
		scheduledMs: startTimestamp ? startTimestamp * 1000 : 0,
		deploymentKey: deploymentKey(applicationId, deploymentId),
		applicationId,
		deploymentId,
		startTimestamp,
		endTimestamp,
		maxAttempts,
		reattemptWait,
		resultUrl,
		isPci,
		columns: null,
	};
}

/** Call variables: a JSON object string in `metadata` (Insight's name) or `variables`. */
function readVariables(fields) {
	const name = optional(fields, 'metadata') !== undefined ? 'metadata' : 'variables';
	const text = optional(fields, name);
	if (text === undefined) return null;
	let value;
	try {
		value = JSON.parse(text);
	} catch {
		throw new InputRejected(`${name} is not valid JSON; send a JSON object such as {"first_name":"Ann"}`);
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new InputRejected(`${name} must be a JSON object such as {"first_name":"Ann"}`);
	}
	return value;
}

/**
 * The contacts CSV [doc: contacts-csv-formatting]: header row required, first column `destination`,
 * other columns become call variables. Every row is checked before any call is created.
 */
function readContacts(content) {
	let parsed;
	try {
		parsed = parseCsv(content.toString('utf8'));
	} catch (error) {
		if (error instanceof CsvError) throw new InputRejected(`CSV is not valid: ${error.message}`);
		throw error;
	}
	const { rows, lines } = parsed;
	if (rows.length === 0) throw new InputRejected('The CSV file is empty; it needs a header row whose first column is destination');
	const columns = rows[0].map((name) => name.trim());
	if (columns[0].toLowerCase() !== 'destination') {
		throw new InputRejected(`The first column of the CSV header must be "destination", found "${shorten(columns[0])}"`);
	}
	if (rows.length === 1) throw new InputRejected('The CSV file has a header row but no contacts');
	const contacts = [];
	for (let index = 1; index < rows.length; index++) {
		const row = rows[index];
		const where = `CSV row ${index} (line ${lines[index]})`;
		if (row.length !== columns.length) {
			throw new InputRejected(`${where} has ${row.length} fields; the header has ${columns.length}`);
		}
		const destination = row[0].trim();
		if (destination === '') throw new InputRejected(`${where}: destination is empty`);
		parsePhoneText(destination, `${where}: destination`);
		contacts.push(row);
	}
	return { columns, rows: contacts };
}

function parsePhoneText(text, where) {
	try {
		return parsePhone(text);
	} catch (error) {
		if (error instanceof PhoneError) throw new InputRejected(`${where} "${shorten(text)}" ${error.message}`);
		throw error;
	}
}

module.exports = { queue, bulkQueue, callStatus, cancel };
