'use strict';
// Figure 4, real n8n half: the same Plum result callbacks, 50 at a time, to a published workflow holding only
// the Plum Outbound Trigger and to one holding only n8n's own Webhook node (POST, respond immediately).
// Compared: the median time from sending a callback to having its whole answer, and callbacks lost (not
// answered 200, or without an execution in n8n). Needs the cached n8n runtime (scripts/runtime.js) and dist/.
const { randomUUID } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const { median } = require('./common');
const { devResult, SECRET } = require('./trigger');
const { toPhpForm } = require('../sandbox/callbacks');

const PLUM_PATH = 'plum-result';
const WEBHOOK_PATH = 'bench-webhook';
const WARM_UP_CALLBACKS = 50;

function loadRuntime() {
	const { ensureRuntime, runtimePaths } = require('../scripts/runtime');
	const paths = runtimePaths();
	if (![paths.marker, paths.nodeBin, paths.n8nBin].every((file) => fs.existsSync(file))) {
		throw new Error('the n8n runtime is not installed; `node scripts/runtime.js` installs it once (about 3 minutes, 2.9 GB)');
	}
	return ensureRuntime();
}

function plumWorkflow(webhookId) {
	return {
		name: 'bench: Plum trigger only',
		nodes: [
			{
				id: randomUUID(),
				name: 'Plum Outbound Trigger',
				type: 'n8n-nodes-plumvoice.plumOutboundTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { secret: SECRET, secretLocation: 'query', queryParameterName: 'secret', options: {} },
			},
		],
		connections: {},
	};
}

function webhookWorkflow(webhookId) {
	return {
		name: "bench: n8n's Webhook node only",
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId,
				parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
			},
		],
		connections: {},
	};
}

/** POSTs one callback; resolves to { status, ms } with ms from sending to the end of the answer. */
function post(agent, url, body) {
	return new Promise((resolve) => {
		const started = process.hrtime.bigint();
		const request = http.request(
			url,
			{
				method: 'POST',
				agent,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve({ status: response.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
				response.on('error', () => resolve({ status: 0, ms: NaN }));
			},
		);
		request.on('error', () => resolve({ status: 0, ms: NaN }));
		request.end(body);
	});
}

/** Sends callbacks first..first+count-1 to `url`, `concurrency` at a time. */
async function sendCallbacks(url, first, count, concurrency) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const answers = new Array(count);
	let next = 0;
	const lane = async () => {
		while (next < count) {
			const index = next++;
			answers[index] = await post(agent, url, toPhpForm(devResult(first + index)));
		}
	};
	await Promise.all(Array.from({ length: concurrency }, lane));
	agent.destroy();
	return answers;
}

async function countExecutions(n8n, workflowId) {
	let count = 0;
	const statuses = {};
	let cursor;
	do {
		const query = new URLSearchParams({ workflowId: String(workflowId), includeData: 'false', limit: '250' });
		if (cursor) query.set('cursor', cursor);
		const page = await n8n.api('GET', `/executions?${query}`);
		for (const execution of page.data) {
			count++;
			statuses[execution.status] = (statuses[execution.status] ?? 0) + 1;
		}
		cursor = page.nextCursor;
	} while (cursor);
	return { count, statuses };
}

/** Waits until the workflow has `expected` finished executions (or the time is up); returns the last count. */
async function settledExecutions(n8n, workflowId, expected, timeoutMs = 120000) {
	const deadline = Date.now() + timeoutMs;
	let last;
	for (;;) {
		last = await countExecutions(n8n, workflowId);
		const running = (last.statuses.running ?? 0) + (last.statuses.new ?? 0);
		if ((last.count >= expected && running === 0) || Date.now() > deadline) return last;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

async function waitUntilAnswered(url, method, body) {
	const deadline = Date.now() + 30000;
	for (;;) {
		const status = await new Promise((resolve) => {
			const request = http.request(url, { method, headers: body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {} }, (response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode));
			});
			request.on('error', () => resolve(0));
			request.end(body);
		});
		if (status === 200) return;
		if (Date.now() > deadline) throw new Error(`${url} did not answer 200 after publishing (last: ${status})`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * Starts n8n with the packed package, publishes both workflows, warms each up with 50 callbacks, then sends
 * `callbacks` to each in sixteen interleaved blocks, `concurrency` at a time.
 */
async function measureRealN8n({ callbacks = 2000, concurrency = 50, log = () => {} } = {}) {
	const runtime = loadRuntime();
	const { startN8n, packPackage } = require('../scripts/n8nServer');
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-bench-n8n-'));
	const packageTgz = packPackage(path.join(workDir, 'pack'));
	log('starting n8n with the packed package (about 10-30 s)');
	const n8n = await startN8n({
		runtime,
		packageTgz,
		userFolder: path.join(workDir, 'user'),
		logFile: path.join(workDir, 'n8n.log'),
		extraEnv: { N8N_LOG_LEVEL: 'warn' },
	});
	try {
		const plumId = randomUUID();
		const webhookId = randomUUID();
		const plum = await n8n.createWorkflow(plumWorkflow(plumId));
		const webhook = await n8n.createWorkflow(webhookWorkflow(webhookId));
		await n8n.publishWorkflow(plum.id);
		await n8n.publishWorkflow(webhook.id);
		const plumUrl = `${n8n.baseUrl}/webhook/${plumId}/${PLUM_PATH}?secret=${SECRET}`;
		const webhookUrl = `${n8n.baseUrl}/webhook/${WEBHOOK_PATH}?secret=${SECRET}`;
		// Plum's GET check starts no run; the Webhook node's readiness check is a POST, which is one run.
		await waitUntilAnswered(plumUrl, 'GET');
		await waitUntilAnswered(webhookUrl, 'POST', toPhpForm(devResult(0)));

		const sent = { plum: [], webhook: [] };
		const blockMedians = { plum: [], webhook: [] };
		const targets = { plum: plumUrl, webhook: webhookUrl };
		let nextCallback = 1;
		for (const name of ['plum', 'webhook', 'plum', 'webhook']) {
			await sendCallbacks(targets[name], nextCallback, WARM_UP_CALLBACKS / 2, concurrency);
			nextCallback += WARM_UP_CALLBACKS / 2;
		}
		// Sixteen blocks in a balanced order (ABBA BAAB, twice), so that whatever n8n and its database do at some
		// moment (a slow stretch after the first thousand runs, a checkpoint) falls on both workflows alike.
		const order = 'PWWPWPPWPWWPWPPW';
		const block = Math.ceil(callbacks / (order.length / 2));
		for (const letter of order) {
			const name = letter === 'P' ? 'plum' : 'webhook';
			const count = Math.min(block, callbacks - sent[name].length);
			if (count <= 0) continue;
			const answers = await sendCallbacks(targets[name], nextCallback, count, concurrency);
			sent[name].push(...answers);
			blockMedians[name].push(median(answers.map((answer) => answer.ms)));
			nextCallback += count;
		}
		log(
			`real n8n: block medians (ms) Plum trigger ${blockMedians.plum.map((ms) => ms.toFixed(0)).join(', ')}; Webhook node ${blockMedians.webhook.map((ms) => ms.toFixed(0)).join(', ')}`,
		);

		const expected = { plum: callbacks + WARM_UP_CALLBACKS, webhook: callbacks + WARM_UP_CALLBACKS + 1 };
		const result = { callbacks, concurrency };
		for (const [name, workflow] of [['plum', plum], ['webhook', webhook]]) {
			const answers = sent[name];
			const executions = await settledExecutions(n8n, workflow.id, expected[name]);
			const notAnswered = answers.filter((answer) => answer.status !== 200).length;
			const succeeded = executions.statuses.success ?? 0;
			result[name] = {
				medianMs: median(answers.filter((answer) => answer.status === 200).map((answer) => answer.ms)),
				p95Ms: percentile(answers.map((answer) => answer.ms), 0.95),
				notAnswered,
				executions: executions.count,
				expectedExecutions: expected[name],
				statuses: executions.statuses,
				lost: Math.max(notAnswered, expected[name] - succeeded),
				blockMediansMs: blockMedians[name],
			};
		}
		return result;
	} finally {
		await n8n.stop();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

function percentile(values, fraction) {
	const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] : NaN;
}

module.exports = { measureRealN8n, plumWorkflow, webhookWorkflow };
