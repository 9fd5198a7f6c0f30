'use strict';
// Injected failures: sb.fail(endpoint, fault, { times }) makes the next matching request(s) fail
// in a chosen way. A faulted request never creates calls ('slow' alone answers normally, late).
const { XML_DECLARATION, element } = require('./xml');
const {
	DEV_XML_TYPE,
	API_XML_TYPE,
	JSON_TYPE,
	noteOutcome,
	send,
	wantsXml,
	sendApi,
	devFailureXml,
	devRoot,
	statusText,
} = require('./reply');

const ENDPOINTS = ['queuecall', 'queuecalls', 'deploymentQueue', 'bulkQueue', 'callStatus', 'cancel', 'other'];
const FAULT_TYPES = ['xmlStatus', 'http', 'html', 'slow', 'hang', 'drop', 'resetDuringUpload', 'malformedXml', 'doctype', 'huge', 'stallBody', 'cutBody', 'trickle'];

class FaultBook {
	constructor() {
		this.entries = [];
	}

	add(endpoint, fault, { times = 1 } = {}) {
		if (endpoint !== '*' && !ENDPOINTS.includes(endpoint)) {
			throw new Error(`unknown endpoint "${endpoint}"; use one of ${ENDPOINTS.join(', ')} or *`);
		}
		if (!fault || !FAULT_TYPES.includes(fault.type)) {
			throw new Error(`unknown fault type "${fault && fault.type}"; use one of ${FAULT_TYPES.join(', ')}`);
		}
		if (!Number.isInteger(times) || times < 1) throw new Error('times must be a positive integer');
		this.entries.push({ endpoint, fault: { ...fault }, remaining: times });
	}

	/** The first fault waiting for this endpoint, used up by this call. */
	take(endpoint) {
		const index = this.entries.findIndex((entry) => entry.endpoint === '*' || entry.endpoint === endpoint);
		if (index < 0) return null;
		const entry = this.entries[index];
		if (--entry.remaining === 0) this.entries.splice(index, 1);
		return entry.fault;
	}

	clear() {
		this.entries.length = 0;
	}
}

function isDev(ctx) {
	return ctx.endpoint === 'queuecall' || ctx.endpoint === 'queuecalls';
}

/** Destroys the socket with a TCP reset while the client may still be sending its body. */
function resetSocket(ctx) {
	noteOutcome(ctx, 0, '');
	const socket = ctx.req.socket;
	if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
	else socket.destroy();
}

/**
 * Answers `ctx` according to `fault` (the body has been read). Resolves to true when the request is
 * dealt with, false when it should now be processed normally (after a 'slow' delay).
 */
async function applyFault(ctx, fault) {
	ctx.record.fault = fault.type;
	switch (fault.type) {
		case 'slow':
			await ctx.state.delay(fault.ms ?? 1000);
			return false;
		case 'hang':
			noteOutcome(ctx, 0, '');
			return true; // sb.close() ends these connections
		case 'drop':
			noteOutcome(ctx, 0, '');
			ctx.req.socket.destroy();
			return true;
		case 'resetDuringUpload':
			resetSocket(ctx);
			return true;
		case 'xmlStatus':
			sendStatusFault(ctx, fault);
			return true;
		case 'http':
			sendHttpFault(ctx, fault);
			return true;
		case 'html':
			sendHtmlFault(ctx, fault.status ?? 502);
			return true;
		case 'malformedXml':
			sendMalformed(ctx);
			return true;
		case 'doctype':
			sendDoctype(ctx);
			return true;
		case 'huge':
			await streamHuge(ctx, fault);
			return true;
		case 'stallBody':
			sendHeadThenStall(ctx);
			return true; // sb.close() ends these connections
		case 'cutBody':
			sendHeadThenCut(ctx);
			return true;
		case 'trickle':
			trickle(ctx, fault.everyMs ?? 200);
			return true; // ends when the client gives up, or at sb.close()
		default:
			throw new Error(`unknown fault type ${fault.type}`);
	}
}

function sendStatusFault(ctx, fault) {
	const message = fault.message ?? 'Request could not be processed';
	if (isDev(ctx)) {
		const body = devFailureXml(devRoot(ctx.endpoint), message, ctx.fields, fault.status ?? 'failed');
		send(ctx, 200, { 'Content-Type': DEV_XML_TYPE }, body);
	} else {
		sendApi(ctx, 200, { status: fault.status ?? 'failed', error: message });
	}
}

function sendHttpFault(ctx, fault) {
	const status = fault.status ?? 500;
	if (fault.body !== undefined) {
		const contentType = fault.contentType ?? (isDev(ctx) ? DEV_XML_TYPE : JSON_TYPE);
		send(ctx, status, { 'Content-Type': contentType }, fault.body);
	} else if (isDev(ctx)) {
		send(ctx, status, { 'Content-Type': DEV_XML_TYPE }, devFailureXml(devRoot(ctx.endpoint), statusText(status), ctx.fields));
	} else {
		sendApi(ctx, status, { error: statusText(status) });
	}
}

function sendHtmlFault(ctx, status) {
	const title = `${status} ${statusText(status)}`;
	const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
	send(ctx, status, { 'Content-Type': 'text/html' }, body);
}

/** A truncated, badly nested answer that still echoes the credentials, like a cut-off Plum reply. */
function sendMalformed(ctx) {
	const callId = ctx.state.peekCallId();
	if (isDev(ctx) || wantsXml(ctx.req)) {
		const root = isDev(ctx) ? devRoot(ctx.endpoint) : 'result';
		const lines = [XML_DECLARATION, `<${root} status="queued" call_id="${callId}">`];
		if (ctx.fields.login !== undefined) lines.push(element('login', ctx.fields.login));
		if (ctx.fields.pin !== undefined) lines.push(element('pin', ctx.fields.pin));
		lines.push('    <phone_number>tel:+16175551234</start_url>', `</${root}`);
		send(ctx, 200, { 'Content-Type': isDev(ctx) ? DEV_XML_TYPE : API_XML_TYPE }, lines.join('\n'));
	} else {
		send(ctx, 200, { 'Content-Type': JSON_TYPE }, `{"call_id": "${callId}", "calls_queued": 1`);
	}
}

/** Billion-laughs: nested entity declarations that expand to gigabytes if a parser expands them. */
function sendDoctype(ctx) {
	const root = isDev(ctx) ? devRoot(ctx.endpoint) : 'result';
	const lines = [XML_DECLARATION, `<!DOCTYPE ${root} [`, '  <!ENTITY lol "lol">'];
	for (let level = 1; level <= 9; level++) {
		lines.push(`  <!ENTITY lol${level} "${`&lol${level === 1 ? '' : level - 1};`.repeat(10)}">`);
	}
	lines.push(']>', `<${root} status="queued" call_id="${ctx.state.peekCallId()}">`, '    <login>&lol9;</login>');
	lines.push('    <phone_number>tel:+16175551234</phone_number>', `</${root}>`);
	send(ctx, 200, { 'Content-Type': isDev(ctx) ? DEV_XML_TYPE : API_XML_TYPE }, lines.join('\n') + '\n');
}

/** A valid-looking answer of `bytes` bytes (default 50 MB), streamed with backpressure, no Content-Length. */
async function streamHuge(ctx, fault) {
	const total = fault.bytes ?? 50 * 1024 * 1024;
	const { xml, root, contentType } = answerShape(ctx);
	const head = xml
		? `${XML_DECLARATION}\n<${root} status="success">\n    <phone_list>\n`
		: '{"calls_queued": 1, "calls": [';
	const tail = xml ? `    </phone_list>\n</${root}>\n` : '{"call_id": "0"}]}';
	const unit = xml
		? '        <call call_id="112850593">\n            <phone_number>tel:+16175551234;ani=8005550100</phone_number>\n        </call>\n'
		: '{"call_id": "112850593", "phone_number": "\'6175551234\'"},';
	const block = unit.repeat(Math.max(1, Math.floor(64 * 1024 / unit.length)));
	const res = ctx.res;
	noteOutcome(ctx, 200, head + block);
	res.writeHead(200, { 'Content-Type': contentType });
	let written = 0;
	const write = (text) => {
		written += text.length;
		return res.write(text);
	};
	write(head);
	while (written + block.length + tail.length <= total && !res.destroyed) {
		if (!write(block)) await drainedOrClosed(res);
	}
	if (!res.destroyed) res.end(tail);
}

/** The status line, headers and the first part of an answer, then nothing: a server that stalls mid-answer. */
function sendHeadThenStall(ctx) {
	const { xml, root, contentType } = answerShape(ctx);
	const head = xml ? `${XML_DECLARATION}\n<${root} status="success">\n` : '{"calls_queued": 1, ';
	noteOutcome(ctx, 200, head);
	ctx.res.writeHead(200, { 'Content-Type': contentType });
	ctx.res.write(head);
}

/** The same head, then the connection closes before the answer ends, as when a proxy or the server dies. */
function sendHeadThenCut(ctx) {
	sendHeadThenStall(ctx);
	const socket = ctx.req.socket;
	ctx.res.write('', () => socket.destroy());
}

/** What a streamed answer to this request is written as: XML (DEV, or deployment asked for XML) or JSON. */
function answerShape(ctx) {
	const xml = isDev(ctx) || wantsXml(ctx.req);
	return {
		xml,
		root: isDev(ctx) ? devRoot(ctx.endpoint) : 'result',
		contentType: xml ? (isDev(ctx) ? DEV_XML_TYPE : API_XML_TYPE) : JSON_TYPE,
	};
}

/** The head of an answer, then one space every `everyMs` for ever: never idle, never finished. */
function trickle(ctx, everyMs) {
	sendHeadThenStall(ctx);
	const res = ctx.res;
	const timer = setInterval(() => {
		if (res.destroyed) clearInterval(timer);
		else res.write(' ');
	}, everyMs);
	res.once('close', () => clearInterval(timer));
}

function drainedOrClosed(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

module.exports = { ENDPOINTS, FAULT_TYPES, FaultBook, applyFault, resetSocket };
