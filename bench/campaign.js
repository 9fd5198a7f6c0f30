'use strict';
// Figures 1 and 2: a campaign (call.queueMany) and a bulk queue (deploymentCall.queueMany) from N input items
// inside n8n's engine, against curl uploading the same file to the same sandbox endpoint.
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const { timeCommand } = require('./child');
const {
	campaignItems,
	campaignParameters,
	deploymentItems,
	deploymentParameters,
	telOf,
} = require('./data');
const { createEngine, exchangeFloorExecute, floorExecute } = require('./engine');
const { BENCH_ACCOUNT, BENCH_SANDBOX_OPTIONS, epochMs } = require('./common');
const { ownFaults } = require('./pageFaults');
const { watchCollections } = require('./garbageCollections');

/**
 * Builds of the input items leave garbage and young objects that are the harness's, not the node's: with
 * --expose-gc (bench/child.js passes it) they are collected before the clock starts.
 */
function collectHarnessGarbage() {
	if (global.gc) global.gc();
}

/** CPU time of this process (all its threads, user and system) since `start`, in ms. */
function cpuMsSince(start) {
	const { user, system } = process.cpuUsage(start);
	return (user + system) / 1000;
}

function devCredentials(devBaseUrl) {
	return { authMode: 'devLoginPin', login: BENCH_ACCOUNT.login, pin: BENCH_ACCOUNT.pin, devBaseUrl };
}

function deploymentCredentials(deploymentBaseUrl) {
	return {
		authMode: 'deploymentApiKey',
		email: BENCH_ACCOUNT.email,
		developerKey: BENCH_ACCOUNT.developerKey,
		deploymentBaseUrl,
	};
}

/**
 * A running n8n server has run its workflows before, so V8 has compiled the node's code; a fresh process has
 * not. `runs` untimed runs of the same workflow (same size) bring this process to that state. They go to a
 * sandbox of this process's own, so the measured sandbox never sees them.
 */
async function warmUp(runs, runOnce) {
	if (!runs) return;
	const { startSandbox } = require('../sandbox');
	const ownSandbox = await startSandbox({ port: 0, recordBodies: false, ...BENCH_SANDBOX_OPTIONS });
	try {
		for (let round = 0; round < runs; round++) {
			const { error } = await runOnce(ownSandbox, round);
			if (error) throw new Error(`warm-up run ${round + 1} failed: ${error.message}`);
		}
	} finally {
		await ownSandbox.close();
	}
}

/**
 * One timed workflow run through the node in n8n's engine, after `warmUpRuns` untimed ones (see warmUp).
 * `workflowFor(sandbox, warmUpRound)` gives { parameters, items, credentials } against that sandbox (warmUpRound is
 * undefined for the timed run); everything it builds is built before the clock starts.
 * Returns { output, error, ms, cpuMs, startedAt, endedAt (epochMs), maxRssKb (peak up to the end of the run),
 * minorFaults (pages of fresh memory the run touched), gcMs and gcAfterMs (garbage collection inside the run and
 * in the moments after it, see garbageCollections.js) }.
 */
async function measureRun(runPlumNode, { warmUpRuns = 0, workflowFor, target }) {
	await warmUp(warmUpRuns, (ownSandbox, round) => runPlumNode(workflowFor(ownSandbox, round)));
	const workflow = workflowFor(target, undefined);
	collectHarnessGarbage();
	const collections = watchCollections();
	const startedAt = epochMs();
	const faults = ownFaults();
	const cpu = process.cpuUsage();
	// One clock for the run's time and its window of garbage collections (performance entries use it too).
	const startedPerf = performance.now();
	const { output, error } = await runPlumNode(workflow);
	const endedPerf = performance.now();
	const ms = endedPerf - startedPerf;
	const cpuMs = cpuMsSince(cpu);
	const minorFaults = ownFaults() - faults;
	const endedAt = epochMs();
	// The peak up to the end of the run, before the caller's checks allocate anything.
	const maxRssKb = process.resourceUsage().maxRSS;
	// Before the caller's checks too, so the collections after the run are the run's own.
	const { duringMs: gcMs, afterMs: gcAfterMs } = await collections.measure(startedPerf, endedPerf);
	return { output, error, ms, cpuMs, startedAt, endedAt, maxRssKb, minorFaults, gcMs, gcAfterMs };
}

/** What a figure keeps of a checked run. */
function figureOf({ ms, cpuMs, startedAt, endedAt, maxRssKb, minorFaults, gcMs, gcAfterMs, output }) {
	return { ms, cpuMs, startedAt, endedAt, maxRssKb, minorFaults, gcMs, gcAfterMs, outputItems: output.length };
}

/**
 * Queues a campaign of `count` contacts through the node in n8n's engine. Timed: the whole workflow run
 * (expressions, validation, phone list, upload, Plum's answer, output items). Items are built before.
 * `warmUpRuns`: untimed runs first (see warmUp); 0 measures the first run of a fresh process.
 * Returns { ms, cpuMs, startedAt, endedAt, maxRssKb, minorFaults, gcMs, gcAfterMs, outputItems } after checking
 * every output item; throws when one is wrong.
 */
async function runCampaign(project, { count, variant = 'expression', devBaseUrl, campaignName, warmUpRuns = 0 }) {
	const { runPlumNode } = createEngine(project);
	const run = await measureRun(runPlumNode, {
		warmUpRuns,
		target: { devBaseUrl },
		workflowFor: (sandbox, warmUpRound) => ({
			parameters: campaignParameters(warmUpRound === undefined ? campaignName : `${campaignName} warm-up ${warmUpRound}`, variant),
			items: campaignItems(count, variant),
			credentials: devCredentials(sandbox.devBaseUrl),
		}),
	});
	checkCampaignOutput(run.output, run.error, count, campaignName);
	return figureOf(run);
}

function checkCampaignOutput(output, error, count, campaignName) {
	if (error) throw new Error(`the campaign run failed: ${error.message}`);
	if (output.length !== count) throw new Error(`the campaign gave ${output.length} items for ${count} contacts`);
	const callIds = new Set();
	for (let index = 0; index < count; index++) {
		const { json, pairedItem } = output[index];
		const wrong =
			pairedItem?.item !== index ||
			json.status !== 'queued' ||
			json.phone_number !== telOf(index) ||
			json.message_reference !== `c-${index}` ||
			json.campaign_name !== campaignName ||
			!/^\d+$/.test(String(json.call_id));
		if (wrong) throw new Error(`output item ${index} is wrong: ${JSON.stringify({ json, pairedItem })}`);
		callIds.add(json.call_id);
	}
	if (callIds.size !== count) throw new Error(`the campaign gave ${callIds.size} distinct call ids for ${count} contacts`);
}

/** Queues a bulk CSV of `count` contacts (5 variable columns) through the node. Timed and returned like runCampaign. */
async function runBulkQueue(project, { count, deploymentBaseUrl, warmUpRuns = 0 }) {
	const { runPlumNode } = createEngine(project);
	const { output, error, ...run } = await measureRun(runPlumNode, {
		warmUpRuns,
		target: { deploymentBaseUrl },
		workflowFor: (sandbox) => ({
			parameters: deploymentParameters(BENCH_ACCOUNT.target),
			items: deploymentItems(count),
			credentials: deploymentCredentials(sandbox.deploymentBaseUrl),
		}),
	});
	if (error) throw new Error(`the bulk queue run failed: ${error.message}`);
	const [result] = output;
	if (output.length !== 1 || result.json.calls_queued !== count || result.json.contacts_sent !== count) {
		throw new Error(`the bulk queue answered ${JSON.stringify(output.map((item) => item.json))} for ${count} contacts`);
	}
	if (!Array.isArray(result.pairedItem) || result.pairedItem.length !== count || result.pairedItem[count - 1].item !== count - 1) {
		throw new Error('the bulk queue result is not paired to every input item');
	}
	return figureOf({ ...run, output });
}

/** The input of a floor run: the figure's items and parameters (which a floor node does not read), no credentials. */
function floorWorkflow(kind, count) {
	return kind === 'campaign'
		? { parameters: campaignParameters('floor'), items: campaignItems(count, 'expression'), credentials: {} }
		: { parameters: deploymentParameters(BENCH_ACCOUNT.target), items: deploymentItems(count), credentials: {} };
}

/**
 * n8n's own share of a run: the same 100,000 campaign items through the engine into a node that does nothing
 * but return one small paired item per input. Returns { ms }.
 */
async function runEngineFloor(project, { count }) {
	const { runPlumNode } = createEngine(project, { execute: floorExecute });
	const { output, error, ms } = await measureRun(runPlumNode, { workflowFor: () => floorWorkflow('campaign', count) });
	if (error || output.length !== count || output[count - 1].pairedItem.item !== count - 1) {
		throw new Error(`the engine floor run failed: ${error ? error.message : `${output.length} items`}`);
	}
	return { ms, outputItems: output.length };
}

/**
 * What curl and the exchange floor send for a campaign: queuecalls.php, the node's fields (login and PIN as form
 * fields), and the phone list file.
 */
function campaignUpload({ devBaseUrl, campaignName }) {
	return {
		url: `${devBaseUrl.replace(/\/+$/, '')}/queuecalls.php`,
		headers: {},
		fields: [
			['campaign_name', campaignName],
			['start_url', 'https://ivr.example.com/start.vxml'],
			['login', BENCH_ACCOUNT.login],
			['pin', BENCH_ACCOUNT.pin],
		],
		fileField: 'phone_list',
		fileName: 'phone_list.txt',
		contentType: 'text/plain',
	};
}

/** The same for a bulk queue: bulk_queue with HTTP Basic auth, JSON asked for, and the contacts CSV. */
function bulkQueueUpload({ deploymentBaseUrl }) {
	const { applicationId, deploymentId } = BENCH_ACCOUNT.target;
	const basic = Buffer.from(`${BENCH_ACCOUNT.email}:${BENCH_ACCOUNT.developerKey}`).toString('base64');
	return {
		url: `${deploymentBaseUrl.replace(/\/+$/, '')}/apps/${applicationId}/${deploymentId}/bulk_queue`,
		headers: { Accept: 'application/json', Authorization: `Basic ${basic}` },
		fields: [],
		fileField: 'csv',
		fileName: 'contacts.csv',
		contentType: 'text/csv',
	};
}

/** curl sending an upload (campaignUpload, bulkQueueUpload) with `file`; the answer is saved to `answerFile`. */
async function curlUpload(upload, file, answerFile) {
	const args = ['-sS', '--fail-with-body', '-o', answerFile];
	for (const [name, value] of Object.entries(upload.headers)) args.push('-H', `${name}: ${value}`);
	for (const [name, value] of upload.fields) args.push('-F', `${name}=${value}`);
	args.push('-F', `${upload.fileField}=@${file};type=${upload.contentType}`, upload.url);
	const { code, ms, stderr } = await timeCommand('curl', args);
	if (code !== 0) throw new Error(`curl failed (${code}): ${stderr.trim()}`);
	return { ms, answer: fs.readFileSync(answerFile, 'utf8') };
}

/** curl uploading the phone list file to queuecalls.php with the node's fields; the answer is saved to a file. */
async function curlCampaign({ file, answerFile, devBaseUrl, campaignName, count }) {
	const { ms, answer } = await curlUpload(campaignUpload({ devBaseUrl, campaignName }), file, answerFile);
	checkCampaignAnswer(answer, count, "curl's");
	return { ms };
}

/** curl uploading the contacts CSV to bulk_queue with HTTP Basic auth, as the node does. */
async function curlBulkQueue({ file, answerFile, deploymentBaseUrl, count }) {
	const { ms, answer } = await curlUpload(bulkQueueUpload({ deploymentBaseUrl }), file, answerFile);
	checkBulkQueueAnswer(answer, count, "curl's");
	return { ms };
}

function checkCampaignAnswer(answer, count, whose) {
	const calls = countOccurrences(answer, '<call call_id=');
	if (!answer.includes('status="success"') || calls !== count) {
		throw new Error(`${whose} campaign answer holds ${calls} calls for ${count} contacts: ${answer.slice(0, 300)}`);
	}
}

function checkBulkQueueAnswer(answer, count, whose) {
	const parsed = JSON.parse(answer);
	if (parsed.calls_queued !== count) throw new Error(`${whose} bulk queue answered ${answer.slice(0, 300)} for ${count} contacts`);
}

/**
 * The exchange floor of figure 1 or 2 (see exchangeFloorExecute): `file`, the one curl uploads, sent from inside
 * n8n's engine by a node that does nothing else, in a first run of a fresh process. Returns { ms }, after checking
 * that Plum queued every contact.
 */
async function runExchangeFloor(project, { kind, count, file, devBaseUrl, deploymentBaseUrl, campaignName }) {
	const campaign = kind === 'campaign';
	const upload = campaign ? campaignUpload({ devBaseUrl, campaignName }) : bulkQueueUpload({ deploymentBaseUrl });
	const received = {};
	const execute = exchangeFloorExecute({ ...upload, file: fs.readFileSync(file), oneItem: !campaign }, received);
	const { runPlumNode } = createEngine(project, { execute });
	const { output, error, ms } = await measureRun(runPlumNode, { workflowFor: () => floorWorkflow(kind, count) });
	if (error) throw new Error(`the exchange floor run failed: ${error.message}`);
	if (received.statusCode !== 200) throw new Error(`the exchange floor got HTTP ${received.statusCode}`);
	const answer = Buffer.from(received.body).toString('utf8');
	if (campaign) checkCampaignAnswer(answer, count, "the exchange floor's");
	else checkBulkQueueAnswer(answer, count, "the exchange floor's");
	if (output.length !== (campaign ? count : 1)) throw new Error(`the exchange floor gave ${output.length} items`);
	return { ms };
}

function countOccurrences(text, needle) {
	let count = 0;
	for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
	return count;
}

module.exports = {
	runCampaign,
	runBulkQueue,
	runEngineFloor,
	runExchangeFloor,
	curlCampaign,
	curlBulkQueue,
	devCredentials,
	deploymentCredentials,
	checkCampaignOutput,
	collectHarnessGarbage,
};
