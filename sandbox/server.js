'use strict';
// The request pipeline: classify, record, take a fault, read and decode the body, apply the fault
// or hand over to the product handler.
const { readBody, parseForm, BodyTooLargeError, MultipartError } = require('./body');
const { classify } = require('./routes');
const { applyFault, resetSocket } = require('./faults');
const { send, sendApiError } = require('./reply');
const dev = require('./dev');
const deployment = require('./deployment');
const { handleControl } = require('./control');

const HANDLERS = {
	queuecall: dev.queueCall,
	queuecalls: dev.queueCalls,
	deploymentQueue: deployment.queue,
	bulkQueue: deployment.bulkQueue,
	callStatus: deployment.callStatus,
	cancel: deployment.cancel,
	other: answerNotFound,
};

function createRequestHandler(state, sandbox) {
	return (req, res) => {
		handleRequest(state, sandbox, req, res).catch((error) => {
			// A sandbox bug: answer 500 without details that could hold request data.
			if (process.env.PLUM_SANDBOX_DEBUG) console.error(error);
			if (!res.headersSent && !res.destroyed) {
				res.writeHead(500, { 'Content-Type': 'text/plain' });
				res.end(`Sandbox internal error (${error.name})`);
			}
		});
	};
}

async function handleRequest(state, sandbox, req, res) {
	const url = new URL(req.url, 'http://127.0.0.1');
	const route = classify(url.pathname);
	if (route.endpoint === 'control') return handleControl(state, sandbox, req, res, url);
	const record = state.recordRequest(req, url, route.endpoint);
	const ctx = { state, req, res, url, record, endpoint: route.endpoint, params: route.params, fields: {}, files: {} };
	const fault = state.faults.take(route.endpoint);
	if (fault && fault.type === 'resetDuringUpload') {
		record.fault = fault.type;
		resetSocket(ctx);
		return;
	}
	let body;
	try {
		body = await readBody(req);
	} catch (error) {
		if (error instanceof BodyTooLargeError) send(ctx, 413, { 'Content-Type': 'text/plain', Connection: 'close' }, error.message);
		return; // the client went away
	}
	decodeBody(ctx, body);
	if (fault && (await applyFault(ctx, fault))) return;
	await HANDLERS[route.endpoint](ctx);
}

/** Fills ctx.fields/files (file content as Buffer) and the request record (file content as text). */
function decodeBody(ctx, body) {
	const { state, record } = ctx;
	record.bodyLength = body.length;
	if (state.recordBodies) record.rawBody = body;
	try {
		const form = parseForm(ctx.req.headers['content-type'], body);
		ctx.formKind = form.kind;
		ctx.fields = form.fields;
		ctx.files = form.files;
	} catch (error) {
		if (!(error instanceof MultipartError)) throw error;
		ctx.formKind = 'multipart';
		ctx.formError = `malformed multipart body: ${error.message}`;
	}
	record.fields = { ...ctx.fields };
	for (const [name, file] of Object.entries(ctx.files)) {
		record.files[name] = { filename: file.filename, contentType: file.contentType, size: file.content.length };
		// Without recordBodies (the 100,000-contact benchmark) the file text is not kept.
		if (state.recordBodies) record.files[name].content = file.content.toString('utf8');
	}
}

function answerNotFound(ctx) {
	if (ctx.url.pathname.startsWith('/api/')) sendApiError(ctx, 404, 'Not found');
	else send(ctx, 404, { 'Content-Type': 'text/html' }, '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n');
}

module.exports = { createRequestHandler };
