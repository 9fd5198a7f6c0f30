// Loads the example workflows in examples/ and points them at a particular n8n, sandbox and CSV file, so the demo
// and the end-to-end tests import exactly what users import (only paths, URLs and ids change).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', 'examples');
const CRM_CSV = path.join(EXAMPLES_DIR, 'crm-export.csv');
const EXAMPLE_WEBHOOK_ID = '8d2f4b1e-3c5a-4e7b-9f10-2a6c8e4d1b01';
const EXAMPLE_SECRET = 'change-me-demo-secret';
const RESULT_PATH = 'plum-result';

function loadExample(fileName) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, fileName), 'utf8'));
}

function nodeOfType(workflow, type) {
	const node = workflow.nodes.find((candidate) => candidate.type === type);
	if (!node) throw new Error(`workflow "${workflow.name}" has no ${type} node`);
	return node;
}

/** The trigger's production URL (n8n 2.x: /webhook/<webhookId>/<path>), with the secret as query parameter. */
function resultUrlFor(n8nBaseUrl, webhookId = EXAMPLE_WEBHOOK_ID, secret = EXAMPLE_SECRET) {
	return `${n8nBaseUrl.replace(/\/+$/, '')}/webhook/${webhookId}/${RESULT_PATH}?secret=${encodeURIComponent(secret)}`;
}

/**
 * A campaign example (crm-export-to-campaign.json or deployment-bulk-queue.json) reading `csvPath`, posting
 * results to `resultUrl`.
 */
function campaignWorkflow(fileName, { csvPath = CRM_CSV, resultUrl, name } = {}) {
	const workflow = loadExample(fileName);
	nodeOfType(workflow, 'n8n-nodes-base.readWriteFile').parameters.fileSelector = csvPath;
	const plum = nodeOfType(workflow, 'n8n-nodes-plumvoice.plumOutbound');
	if (resultUrl !== undefined) plum.parameters.resultUrl = resultUrl;
	if (name) workflow.name = name;
	return workflow;
}

/** The result-callbacks example with its own webhook id and secret. */
function triggerWorkflow({ webhookId = EXAMPLE_WEBHOOK_ID, secret = EXAMPLE_SECRET, name } = {}) {
	const workflow = loadExample('result-callbacks-trigger.json');
	const trigger = nodeOfType(workflow, 'n8n-nodes-plumvoice.plumOutboundTrigger');
	trigger.webhookId = webhookId;
	trigger.parameters.secret = secret;
	if (name) workflow.name = name;
	return workflow;
}

module.exports = {
	EXAMPLES_DIR,
	CRM_CSV,
	EXAMPLE_WEBHOOK_ID,
	EXAMPLE_SECRET,
	RESULT_PATH,
	loadExample,
	resultUrlFor,
	campaignWorkflow,
	triggerWorkflow,
};
