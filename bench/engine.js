'use strict';
// Runs the compiled Plum Outbound node inside n8n's real execution engine, with the same engine runner
// as the tests (test/helpers/n8nEngine.js).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core writes an encryption-key file under $N8N_USER_FOLDER/.n8n: keep it out of the home folder.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-bench-n8n-'));
}
// A key in the environment keeps n8n-core from generating one and announcing it on stdout.
if (!process.env.N8N_ENCRYPTION_KEY) process.env.N8N_ENCRYPTION_KEY = 'plum-bench-not-a-secret';

// Loaded here, before any clock starts, as the node's own modules load it.
const FormData = require('form-data');

const { createEngine: createNodeEngine, NODE_NAME: PLUM_NODE_NAME } = require('../test/helpers/n8nEngine');

const PACKAGE = 'n8n-nodes-plumvoice';

/**
 * Creates a runner bound to the package's compiled code (see project.js).
 * runPlumNode({ parameters, items, credentials, continueOnFail }) -> { output, error, run }
 */
function createEngine(project, { execute } = {}) {
	const nodeType = new project.PlumOutbound();
	// The engine-floor measurement swaps in a trivial execute() (see floorExecute) and keeps the rest.
	if (execute) nodeType.execute = execute;
	const type = `${PACKAGE}.plumOutbound`;
	const engine = createNodeEngine({ nodeTypes: { [type]: nodeType }, credentialType: new project.PlumVoiceApi() });
	return { runPlumNode: (options) => engine.runNode({ ...options, type }) };
}

/** One small item per input item, paired with it: the least output a node can give for its items. */
function smallPairedItems(items) {
	const output = new Array(items.length);
	for (let index = 0; index < items.length; index++) output[index] = { json: { index }, pairedItem: { item: index } };
	return output;
}

/** A node that does nothing but answer each input item with one small paired item: n8n's own share. */
async function floorExecute() {
	return [smallPairedItems(this.getInputData())];
}

/**
 * The least any node pays in n8n for the same exchange as figures 1 and 2: it sends `request.file` (the bytes
 * curl uploads, read before the clock) with curl's fields through n8n's own HTTP helper, takes the answer whole,
 * and returns what the real node returns in shape: one small paired item per contact (campaign) or one item
 * paired to all (bulk queue). It checks nothing and reads nothing of the answer; the answer's bytes go to
 * `received` so the caller can check them after the clock.
 */
function exchangeFloorExecute(request, received) {
	return async function execute() {
		const items = this.getInputData();
		const form = new FormData();
		for (const [name, value] of request.fields) form.append(name, value);
		form.append(request.fileField, request.file, { filename: request.fileName, contentType: request.contentType });
		const answer = await this.helpers.httpRequest({
			method: 'POST',
			url: request.url,
			headers: request.headers,
			body: form,
			encoding: 'arraybuffer',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
		received.statusCode = answer.statusCode;
		received.body = answer.body;
		if (request.oneItem) return [[{ json: { sent: items.length }, pairedItem: items.map((_item, item) => ({ item })) }]];
		return [smallPairedItems(items)];
	};
}

module.exports = { createEngine, floorExecute, exchangeFloorExecute, PLUM_NODE_NAME };
