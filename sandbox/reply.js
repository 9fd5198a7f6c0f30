'use strict';
// Every answer to a Plum endpoint goes through send(): it records the outcome on the request
// record and keeps the body (truncated) in responsesSent, so tests can look for leaked secrets.
const { STATUS_CODES } = require('node:http');
const { XML_DECLARATION, element, objectToXml } = require('./xml');

const PREVIEW_CHARS = 1000;
const KEPT_RESPONSE_CHARS = 64 * 1024;
const DEV_XML_TYPE = 'text/xml; charset=utf-8';
const API_XML_TYPE = 'application/xml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** Records what was answered (or that nothing was: status 0) on the request record. */
function noteOutcome(ctx, status, bodyText) {
	ctx.record.outcome = { status, bodyPreview: copyOfStart(bodyText, PREVIEW_CHARS) };
	if (status) ctx.state.responsesSent.push(copyOfStart(bodyText, KEPT_RESPONSE_CHARS));
}

/**
 * The first `chars` characters as a string of their own: a plain slice() of a 12 MB answer would keep
 * the whole answer alive in V8 (sliced strings share their parent).
 */
function copyOfStart(text, chars) {
	return text.length <= chars ? text : Buffer.from(text.slice(0, chars), 'utf8').toString('utf8');
}

function send(ctx, status, headers, body = '') {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
	noteOutcome(ctx, status, text);
	if (ctx.res.destroyed) return;
	ctx.res.writeHead(status, { 'Content-Length': Buffer.byteLength(body), ...headers });
	ctx.res.end(body);
}

/** The deployment API answers JSON unless Accept asks for XML [doc: fuse/apis/authentication]. */
function wantsXml(req) {
	const accept = String(req.headers.accept || '').toLowerCase();
	const xmlAt = accept.search(/application\/xml|text\/xml/);
	if (xmlAt < 0) return false;
	const jsonAt = accept.indexOf('application/json');
	return jsonAt < 0 || xmlAt < jsonAt;
}

/** A deployment API answer: `value` as JSON, or as XML under <result> when Accept asks for it. */
function sendApi(ctx, status, value, headers = {}) {
	if (wantsXml(ctx.req)) {
		send(ctx, status, { 'Content-Type': API_XML_TYPE, ...headers }, objectToXml('result', value));
	} else {
		send(ctx, status, { 'Content-Type': JSON_TYPE, ...headers }, JSON.stringify(value));
	}
}

function sendApiError(ctx, status, message, headers = {}) {
	sendApi(ctx, status, { error: message }, headers);
}

/**
 * A DEV webservice failure, Plum-shaped: 200 with a status other than success. Plum's error schema is
 * not documented; like its success answers, this echoes login and pin so that clients are tested
 * for keeping the PIN out of their errors.
 */
function devFailureXml(root, message, fields = {}, status = 'failed') {
	const lines = [XML_DECLARATION, `<${root} status="${status}">`];
	if (fields.login !== undefined) lines.push(element('login', fields.login));
	if (fields.pin !== undefined) lines.push(element('pin', fields.pin));
	lines.push(element('error', message), `</${root}>`);
	return lines.join('\n') + '\n';
}

function devRoot(endpoint) {
	return endpoint === 'queuecalls' ? 'queuecalls' : 'queuecall';
}

function sendDevFailure(ctx, message, status = 'failed') {
	send(ctx, 200, { 'Content-Type': DEV_XML_TYPE }, devFailureXml(devRoot(ctx.endpoint), message, ctx.fields, status));
}

function statusText(status) {
	return STATUS_CODES[status] || `HTTP ${status}`;
}

module.exports = {
	DEV_XML_TYPE,
	API_XML_TYPE,
	JSON_TYPE,
	noteOutcome,
	send,
	wantsXml,
	sendApi,
	sendApiError,
	devFailureXml,
	devRoot,
	sendDevFailure,
	statusText,
};
