'use strict';
// DEV outbound webservice: queuecall.php (one call) and queuecalls.php (a campaign from a phone list).
// Answers are always HTTP 200 with XML; success is status="queued" / status="success", anything else
// is a failure carrying <error>. Like Plum, answers echo login and PIN.
const { Call } = require('./calls');
const { PhoneError, parsePhone, formatTelUri } = require('./phone');
const { XML_DECLARATION, element, escapeXml } = require('./xml');
const { DEV_XML_TYPE, send, sendDevFailure } = require('./reply');
const { InputRejected, optional, required, maxLength, integerIn, flag, httpUrl, orderedTimes, shorten } = require('./checks');
const { problemWithGet } = require('./outboundHttp');

// Limits from Plum's queuecall/queuecalls parameter tables [doc: outbound-webservice-api].
const DEV_LIMITS = {
	login: 128,
	pin: 16,
	phone_number: 128,
	start_url: 255,
	result_url: 255,
	message_reference: 255,
	call_parameters: 255,
	scheduled_time: 80,
	expiration_time: 80,
};
const PHONE_LIST_REFERENCE_LIMIT = 128;
const PHONE_LIST_PARAMETERS_LIMIT = 255;
const DEFAULT_CAMPAIGN = 'default';
const LATEST_TIMESTAMP = 4102444800; // 2100-01-01

/** Optional settings echoed after start_url, in this order, when given. */
const ECHOED_SETTINGS = [
	'result_url',
	'message_reference',
	'call_parameters',
	'max_retries',
	'retry_interval',
	'scheduled_timestamp',
	'scheduled_time',
	'expiration_timestamp',
	'expiration_time',
	'is_pci',
];

async function queueCall(ctx) {
	await answerDev(ctx, async () => {
		acceptForm(ctx);
		const fields = ctx.fields;
		checkLogin(ctx);
		const phoneText = required(fields, 'phone_number');
		required(fields, 'start_url');
		const settings = readSettings(ctx, DEFAULT_CAMPAIGN);
		const parsed = parsePhoneText(phoneText, 'phone_number');
		await checkUrls(ctx, settings);
		const callId = ctx.state.nextCallId();
		const phoneNumber = formatTelUri(parsed, ctx.state.defaultAni);
		const call = new Call(callId, settings, phoneText, settings.messageReference, settings.callParameters);
		ctx.state.calls.set(callId, call);
		const lines = [XML_DECLARATION, `<queuecall status="queued" call_id="${callId}">`];
		lines.push(element('login', fields.login), element('pin', fields.pin));
		lines.push(element('phone_number', phoneNumber), element('start_url', fields.start_url));
		pushEchoedSettings(fields, lines);
		lines.push('</queuecall>');
		send(ctx, 200, { 'Content-Type': DEV_XML_TYPE }, lines.join('\n') + '\n');
	});
}

async function queueCalls(ctx) {
	await answerDev(ctx, async () => {
		if (ctx.formKind !== 'multipart') {
			throw new InputRejected(
				'queuecalls.php needs a multipart/form-data request with the phone list uploaded as the file field phone_list',
			);
		}
		acceptForm(ctx);
		const fields = ctx.fields;
		checkLogin(ctx);
		const campaignName = required(fields, 'campaign_name');
		required(fields, 'start_url');
		const phoneList = ctx.files.phone_list;
		if (!phoneList) {
			throw new InputRejected(
				fields.phone_list !== undefined
					? 'phone_list must be uploaded as a file (a multipart part with a filename), not as a text field'
					: 'phone_list is required: upload the list of numbers as a file',
			);
		}
		const settings = readSettings(ctx, campaignName);
		if (ctx.state.campaignNames.has(campaignName)) {
			throw new InputRejected(`A campaign named "${shorten(campaignName)}" already exists; campaign names must be unique`);
		}
		const entries = parsePhoneList(phoneList.content);
		await checkUrls(ctx, settings);
		ctx.state.campaignNames.add(campaignName);
		const lines = [XML_DECLARATION, '<queuecalls status="success">'];
		lines.push(element('login', fields.login), element('pin', fields.pin));
		lines.push(element('campaign_name', campaignName), element('start_url', fields.start_url));
		pushEchoedSettings(fields, lines);
		lines.push('    <phone_list>');
		const { calls, defaultAni } = ctx.state;
		for (const entry of entries) {
			const callId = ctx.state.nextCallId();
			const phoneNumber = formatTelUri(entry.parsed, defaultAni);
			const reference = entry.reference || settings.messageReference;
			const parameters = entry.parameters || settings.callParameters;
			calls.set(callId, new Call(callId, settings, entry.phone, reference, parameters));
			lines.push(
				`        <call call_id="${callId}">\n            <phone_number>${escapeXml(phoneNumber)}</phone_number>\n        </call>`,
			);
		}
		lines.push('    </phone_list>', '</queuecalls>');
		send(ctx, 200, { 'Content-Type': DEV_XML_TYPE }, lines.join('\n') + '\n');
	});
}

/** Runs a handler; a rejected input becomes Plum's failure XML. */
async function answerDev(ctx, handler) {
	try {
		if (ctx.req.method !== 'POST') throw new InputRejected(`${ctx.endpoint}.php accepts POST requests only`);
		await handler();
	} catch (error) {
		if (!(error instanceof InputRejected)) throw error;
		sendDevFailure(ctx, error.message);
	}
}

function acceptForm(ctx) {
	if (ctx.formError) throw new InputRejected(`The request body could not be read: ${ctx.formError}`);
	if (ctx.formKind === 'other') {
		throw new InputRejected('Send the fields as application/x-www-form-urlencoded or multipart/form-data');
	}
}

function checkLogin(ctx) {
	const { login, pin } = ctx.fields;
	if (login !== ctx.state.login || pin !== ctx.state.pin) throw new InputRejected('Invalid login or PIN');
}

/** The settings every call of the request shares (one object, referenced by each call record). */
function readSettings(ctx, campaignName) {
	const fields = ctx.fields;
	maxLength(fields, DEV_LIMITS);
	const startUrl = httpUrl(fields, 'start_url');
	const resultUrl = httpUrl(fields, 'result_url');
	// Plum's table says max_retry, its parameter notes and v3.0 reference say max_retries: read both.
	const retriesName = optional(fields, 'max_retries') !== undefined ? 'max_retries' : 'max_retry';
	const maxRetries = integerIn(fields, retriesName, 0, 10) ?? 0;
	const retryInterval = integerIn(fields, 'retry_interval', 60, 172800);
	const scheduledTimestamp = integerIn(fields, 'scheduled_timestamp', 0, LATEST_TIMESTAMP);
	const expirationTimestamp = integerIn(fields, 'expiration_timestamp', 0, LATEST_TIMESTAMP);
	orderedTimes(scheduledTimestamp, expirationTimestamp, 'scheduled_timestamp', 'expiration_timestamp');
	const isPci = flag(fields, 'is_pci');
	const now = ctx.state.now();
	return {
		product: 'dev',
		now: ctx.state.now,
		stepMs: ctx.state.callProgressMs,
		queuedMs: now,
		scheduledMs: scheduledTimestamp ? scheduledTimestamp * 1000 : 0,
		defaultAni: ctx.state.defaultAni,
		campaignName,
		startUrl,
		resultUrl,
		maxRetries,
		maxAttempts: maxRetries + 1,
		retryInterval,
		reattemptWait: retryInterval,
		isPci,
		messageReference: optional(fields, 'message_reference'),
		callParameters: optional(fields, 'call_parameters'),
	};
}

function parsePhoneText(text, where) {
	try {
		return parsePhone(text);
	} catch (error) {
		if (error instanceof PhoneError) throw new InputRejected(`${where} "${shorten(text)}" ${error.message}`);
		throw error;
	}
}

/**
 * The phone list: one call per line, `phone_number[,message_reference[,call_parameters]]`, no header,
 * no quoting [doc]. Blank lines are skipped. Every line is checked before any call is created.
 */
function parsePhoneList(content) {
	let text = content.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	const lines = text.split('\n');
	const entries = [];
	for (let index = 0; index < lines.length; index++) {
		let line = lines[index];
		if (line.endsWith('\r')) line = line.slice(0, -1);
		if (line.trim() === '') continue;
		const where = `phone_list line ${index + 1}`;
		const parts = line.split(',');
		if (parts.length > 3) {
			throw new InputRejected(
				`${where} has ${parts.length} comma-separated fields; at most 3 are allowed (phone_number,message_reference,call_parameters)`,
			);
		}
		const [phone, reference, parameters] = parts;
		if (reference !== undefined && reference.length > PHONE_LIST_REFERENCE_LIMIT) {
			throw new InputRejected(`${where}: message_reference is longer than ${PHONE_LIST_REFERENCE_LIMIT} characters`);
		}
		if (parameters !== undefined && parameters.length > PHONE_LIST_PARAMETERS_LIMIT) {
			throw new InputRejected(`${where}: call_parameters is longer than ${PHONE_LIST_PARAMETERS_LIMIT} characters`);
		}
		entries.push({ phone, parsed: parsePhoneText(phone, `${where}: phone number`), reference, parameters });
	}
	if (entries.length === 0) throw new InputRejected('phone_list contains no phone numbers');
	return entries;
}

async function checkUrls(ctx, settings) {
	if (!ctx.state.checkUrlsWithGet) return;
	for (const [name, url] of [
		['start_url', settings.startUrl],
		['result_url', settings.resultUrl],
	]) {
		if (url === undefined) continue;
		const problem = await problemWithGet(name, url);
		if (problem) throw new InputRejected(problem);
	}
}

function pushEchoedSettings(fields, lines) {
	for (const name of ECHOED_SETTINGS) {
		const value = name === 'max_retries' ? optional(fields, 'max_retries') ?? optional(fields, 'max_retry') : optional(fields, name);
		if (value !== undefined) lines.push(element(name, value));
	}
}

module.exports = { queueCall, queueCalls };
