'use strict';
// The measurements behind each figure: which workers run how often, against what, and how their results are
// summarised (medians). run.js turns the summaries into the table.
const fs = require('node:fs');
const path = require('node:path');

const { curlBulkQueue, curlCampaign } = require('./campaign');
const { median } = require('./common');
const { campaignPhoneList, deploymentCsv } = require('./data');
const { reapedChildFaults } = require('./pageFaults');
const { SETTLE_MS } = require('./garbageCollections');
const { pacingFromExchanges } = require('./pacing');
const { formatMs, formatNumber } = require('./table');

/**
 * Phases of one run, from the sandbox's record of its request: before the request reached Plum, the upload of
 * the body, Plum's work until its answer was sent, and after that. Without `result` (curl), only the middle two.
 */
function phases(exchange, result) {
	if (!exchange || exchange.answeredMs === null || exchange.bodyEndMs === null) return undefined;
	return {
		beforeMs: result ? exchange.arrivedMs - result.startedAt : undefined,
		uploadMs: exchange.bodyEndMs - exchange.arrivedMs,
		plumMs: exchange.answeredMs - exchange.bodyEndMs,
		afterMs: result ? result.endedAt - exchange.answeredMs : undefined,
	};
}

function medianPhases(runs) {
	const withPhases = runs.filter((run) => run.phases);
	if (withPhases.length === 0) return undefined;
	const phase = (name) => (withPhases[0].phases[name] === undefined ? undefined : median(withPhases.map((run) => run.phases[name])));
	return { beforeMs: phase('beforeMs'), uploadMs: phase('uploadMs'), plumMs: phase('plumMs'), afterMs: phase('afterMs') };
}

function describePhases(label, node, curl) {
	if (!node) return undefined;
	const upload = curl ? `${formatMs(node.uploadMs)} (curl ${formatMs(curl.uploadMs)})` : formatMs(node.uploadMs);
	const plum = curl ? `${formatMs(node.plumMs)} (curl ${formatMs(curl.plumMs)})` : formatMs(node.plumMs);
	return (
		`${label}: before the request reached Plum ${formatMs(node.beforeMs)}, upload ${upload}, ` +
		`Plum's work until its answer was sent ${plum}, after that ${formatMs(node.afterMs)}`
	);
}

function mean(values) {
	return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The note on a figure's minor page faults, the node run's and curl's, with what they cost at `faultCostUs` each. */
function describeFaults(label, figure, faultCostUs) {
	if (figure.nodeMinorFaults === undefined) return undefined;
	const costOf = (faults) => (faultCostUs === undefined ? '' : ` ≈ ${formatMs((faults * faultCostUs) / 1000)}`);
	const curl =
		figure.curlMinorFaults === undefined
			? ''
			: `; curl's whole process ${formatNumber(figure.curlMinorFaults)}${costOf(figure.curlMinorFaults)}`;
	const node = `${formatNumber(figure.nodeMinorFaults)}${costOf(figure.nodeMinorFaults)}`;
	return `${label}: pages of fresh memory first touched (minor page faults) during the node run ${node}${curl}`;
}

/**
 * The note on a figure's exchange floor: what any node pays in n8n for the same upload and answer, and so how much of
 * the figure is the node's own work, and how much the target leaves for it.
 */
function describeFloor(label, figure, target) {
	if (figure.floorMs === undefined) return undefined;
	const floorRatio = figure.floorMs / figure.curlMs;
	const own = figure.nodeMs - figure.floorMs;
	const left = target * figure.curlMs - figure.floorMs;
	const room = left >= 0 ? `${target}× leaves it ${formatMs(left)}` : `the floor alone is over ${target}×`;
	return (
		`${label}: the exchange floor (curl's file sent through n8n's HTTP helper by a node that checks nothing, reads ` +
		`nothing of the answer and returns small items of the node's shape) ${formatMs(figure.floorMs)} = ` +
		`${formatNumber(floorRatio, 2)}× curl; the node's own work adds ${formatMs(own)} ` +
		`(${formatNumber(own / figure.curlMs, 2)}× curl), where ${room}`
	);
}

/** The note on a figure's garbage collection: inside the node run (counted) and just after it (not counted). */
function describeCollections(label, figure) {
	if (figure.nodeGcMs === undefined) return undefined;
	const after = `${formatMs(figure.nodeGcAfterMs)} in the ${formatMs(SETTLE_MS)} after it`;
	return (
		`${label}: garbage collection ${formatMs(figure.nodeGcMs)} inside the node run; ${after}, not in the figure ` +
		'(collecting the young objects the run left, its output items among them)'
	);
}

/**
 * Binds the figures to a worker runner (runWorker(task, args, { execArgv }) -> result, on the chosen Node) and a logger.
 * Every figure takes `options` ({ quick, repeat, contacts }) and returns a plain summary object.
 */
function createFigures({ runWorker, log }) {
	/**
	 * Figures 1 and 2: node run vs curl, alternating which goes first, `repeat` times each; the sandbox is
	 * reset before every run. Peak memory: the node runs' maxRSS vs a process that only holds the input items.
	 * With `floor`, each round also times the exchange floor (the same file sent from a node that does nothing
	 * else, see bench/engine.js), between the two.
	 */
	async function uploadFigure({ sandbox, workDir, options, kind, variant, warmUpRuns = 0, floor = false }) {
		const count = options.contacts;
		const file = path.join(workDir, kind === 'campaign' ? 'phone_list.txt' : 'contacts.csv');
		const answerFile = path.join(workDir, kind === 'campaign' ? 'answer.xml' : 'answer.json');
		if (!fs.existsSync(file)) fs.writeFileSync(file, kind === 'campaign' ? campaignPhoneList(count) : deploymentCsv(count));
		const nodeRuns = [];
		const curlRuns = [];
		const floorRuns = [];
		for (let round = 0; round < options.repeat; round++) {
			const campaignName = `Bench ${kind} ${variant ?? ''} ${Date.now()}-${round}`;
			const runNode = async () => {
				await sandbox.reset();
				const result =
					kind === 'campaign'
						? await runWorker('campaign', { count, variant, devBaseUrl: sandbox.devBaseUrl, campaignName, warmUpRuns })
						: await runWorker('bulk-queue', { count, deploymentBaseUrl: sandbox.deploymentBaseUrl, warmUpRuns });
				const { exchanges } = await sandbox.summary();
				nodeRuns.push({ ...result, phases: phases(exchanges[0], result) });
			};
			const runCurl = async () => {
				await sandbox.reset();
				// curl is the only child that exits while it runs (the sandbox and the workers are not reaped then).
				const faultsBefore = reapedChildFaults();
				const result =
					kind === 'campaign'
						? await curlCampaign({ file, answerFile, devBaseUrl: sandbox.devBaseUrl, campaignName: `${campaignName} curl`, count })
						: await curlBulkQueue({ file, answerFile, deploymentBaseUrl: sandbox.deploymentBaseUrl, count });
				const faultsAfter = reapedChildFaults();
				const minorFaults = faultsBefore === undefined ? undefined : faultsAfter - faultsBefore;
				const { exchanges } = await sandbox.summary();
				curlRuns.push({ ...result, minorFaults, phases: phases(exchanges[0]) });
			};
			const runFloor = async () => {
				if (!floor) return;
				await sandbox.reset();
				const baseUrls = { devBaseUrl: sandbox.devBaseUrl, deploymentBaseUrl: sandbox.deploymentBaseUrl };
				floorRuns.push((await runWorker('exchange-floor', { kind, count, file, campaignName: `${campaignName} floor`, ...baseUrls })).ms);
			};
			const order = round % 2 === 0 ? [runNode, runFloor, runCurl] : [runCurl, runFloor, runNode];
			for (const run of order) await run();
			const label = `${kind}${variant ? ` (${variant})` : ''}${warmUpRuns ? ', warm' : ''}`;
			const floorText = floor ? `, exchange floor ${formatMs(floorRuns.at(-1))}` : '';
			log(`${label} round ${round + 1}: node ${formatMs(nodeRuns.at(-1).ms)}, curl ${formatMs(curlRuns.at(-1).ms)}${floorText}`);
		}
		const nodeMs = median(nodeRuns.map((run) => run.ms));
		const curlMs = median(curlRuns.map((run) => run.ms));
		return {
			count,
			nodeMs,
			curlMs,
			ratio: nodeMs / curlMs,
			nodeRuns: nodeRuns.map((run) => run.ms),
			curlRuns: curlRuns.map((run) => run.ms),
			floorMs: floor ? median(floorRuns) : undefined,
			floorRuns: floor ? floorRuns : undefined,
			nodeMaxRssKb: median(nodeRuns.map((run) => run.maxRssKb)),
			nodeCpuMs: median(nodeRuns.map((run) => run.cpuMs)),
			nodeMinorFaults: median(nodeRuns.map((run) => run.minorFaults)),
			nodeGcMs: median(nodeRuns.map((run) => run.gcMs)),
			nodeGcAfterMs: median(nodeRuns.map((run) => run.gcAfterMs)),
			curlMinorFaults: curlRuns[0].minorFaults === undefined ? undefined : median(curlRuns.map((run) => run.minorFaults)),
			phases: medianPhases(nodeRuns),
			curlPhases: medianPhases(curlRuns),
		};
	}

	/** Microseconds one minor page fault costs on the measuring Node (see pageFaults.js). */
	async function faultCost() {
		return (await runWorker('fault-cost', {})).faultCostUs;
	}

	async function memoryBaseline(kind, options) {
		const held = [];
		for (let round = 0; round < options.repeat; round++) {
			held.push((await runWorker('hold-items', { kind, count: options.contacts })).maxRssKb);
		}
		return median(held);
	}

	async function figureScaling(options) {
		const sizes = options.quick ? [1000, 10000, 100000] : [10000, 100000, 1000000];
		// Each measurement builds lists of one size over and over until it has handled at least twice the largest size
		// (10,000: 200 lists; 1,000,000: 3), so the garbage collection each size causes is paid inside its own figure.
		const total = 2 * sizes[sizes.length - 1];
		const results = [];
		for (const count of sizes) {
			const perContact = [];
			const gcPerContact = [];
			for (let round = 0; round < options.repeat; round++) {
				const measured = await runWorker('scaling', { count, rounds: Math.max(3, Math.round(total / count)) });
				perContact.push(mean(measured.nsPerContact));
				gcPerContact.push(mean(measured.gcNsPerContact));
			}
			const nsPerContact = median(perContact);
			const gcNsPerContact = gcPerContact[perContact.indexOf(nsPerContact)] ?? median(gcPerContact);
			results.push({ count, nsPerContact, gcNsPerContact, runs: perContact });
			log(`scaling ${formatNumber(count)}: ${perContact.map((ns) => formatNumber(ns)).join(', ')} ns per contact`);
		}
		return results;
	}

	/**
	 * µs per item of the README's per-item mappings, read by the node and by n8n's evaluator on both expression
	 * engines (bench/mappings.js). The VM engine needs --no-node-snapshot; where it cannot start, its entry is the error.
	 */
	async function mappingCosts(options) {
		const count = options.quick ? 200 : 2000;
		const results = {};
		for (const [name, reader, engine] of [
			['node', 'node', 'legacy'],
			['n8nLegacy', 'n8n', 'legacy'],
			['n8nVm', 'n8n', 'vm'],
		]) {
			try {
				results[name] = await runWorker('mappings', { reader, engine, count }, { execArgv: ['--no-node-snapshot'] });
			} catch (error) {
				results[name] = { error: error.message };
			}
		}
		return { count, ...results };
	}

	async function engineFloor(options) {
		const runs = [];
		for (let round = 0; round < options.repeat; round++) {
			runs.push((await runWorker('engine-floor', { count: options.contacts })).ms);
		}
		return median(runs);
	}

	async function figureWebhook(options) {
		const count = options.quick ? 2000 : 50000;
		const results = {};
		for (const [name, args] of [
			['form', { format: 'form' }],
			['json', { format: 'json' }],
			['xml', { format: 'xml' }],
			['form, drop duplicates', { format: 'form', dropDuplicates: true }],
		]) {
			const rates = [];
			for (let round = 0; round < options.repeat; round++) {
				rates.push((await runWorker('webhook', { count, ...args })).perSecond);
			}
			results[name] = { count, perSecond: median(rates), runs: rates };
			log(`webhook ${name}: ${rates.map((rate) => formatNumber(rate)).join(', ')} callbacks/s`);
		}
		return results;
	}

	async function figurePacing(sandbox, options) {
		const count = options.quick ? 10 : 50;
		const callsPerSecond = 5;
		const runs = [];
		for (let round = 0; round < options.repeat; round++) {
			await sandbox.reset();
			const result = await runWorker('single-calls', { count, callsPerSecond, devBaseUrl: sandbox.devBaseUrl });
			const pacing = pacingFromExchanges((await sandbox.summary()).exchanges);
			if (pacing.requests !== count) throw new Error(`the sandbox saw ${pacing.requests} single calls, not ${count}`);
			runs.push({ ...pacing, clientMs: result.ms });
			log(`single calls round ${round + 1}: ${formatNumber(pacing.perSecond, 3)}/s, at most ${pacing.maxInFlight} in flight`);
		}
		return {
			count,
			callsPerSecond,
			perSecond: median(runs.map((run) => run.perSecond)),
			maxInFlight: Math.max(...runs.map((run) => run.maxInFlight)),
			runs,
		};
	}

	async function figureN8nWebhook(options) {
		const { measureRealN8n } = require('./triggerN8n');
		return await measureRealN8n({ callbacks: options.quick ? 200 : 2000, concurrency: 50, log });
	}

	return {
		uploadFigure,
		faultCost,
		memoryBaseline,
		engineFloor,
		mappingCosts,
		figureScaling,
		figureWebhook,
		figurePacing,
		figureN8nWebhook,
		describePhases,
		describeFaults,
		describeCollections,
		describeFloor,
	};
}

module.exports = { createFigures };
