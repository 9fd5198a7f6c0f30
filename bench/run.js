#!/usr/bin/env node
'use strict';
// `npm run bench`: measures the figures of the README's Performance section on this machine, each against a
// baseline measured in the same run, and prints them as a table. Every measurement runs in a fresh child
// process (bench/worker.js) against the sandbox in a process of its own (bench/sandboxProcess.js).
//
// Options: see USAGE below (node bench/run.js --help) and bench/README.md.
//
// --quick uses small sizes (a smoke run, not figures); PLUM_BENCH_DIST points at another compiled copy.
// --node: the Node the measuring workers run on. By default (`n8n`) the Node 24 of the pinned n8n runtime
// (scripts/runtime.js, installed once if missing): n8n 2.41 runs on nothing older, so that is the engine users
// get. `current` is the Node running this script (the tests' Node 20, whose engine alone is about 3x slower).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { forkSandbox, runWorker } = require('./child');
const { createFigures } = require('./figures');
const { formatMb, formatMs, formatNumber, renderTable } = require('./table');

const USAGE = `Usage: node bench/run.js [--quick] [--repeat 5] [--only 1,2,3,4,5] [--contacts 100000] [--no-n8n]
                         [--node n8n|current|PATH] [--json file]
Measures the figures of the README's Performance section (see bench/README.md); npm run bench builds first.`;

function readOptions(argv) {
	const options = {
		quick: false,
		repeat: 5,
		only: new Set(['1', '2', '3', '4', '5']),
		contacts: 100000,
		n8n: true,
		json: undefined,
		nodeChoice: 'n8n',
	};
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=');
		const value = () => inline ?? argv[++index];
		if (flag === '--help') {
			process.stdout.write(`${USAGE}\n`);
			process.exit(0);
		} else if (flag === '--quick') options.quick = true;
		else if (flag === '--repeat') options.repeat = Number(value());
		else if (flag === '--only') options.only = new Set(value().split(','));
		else if (flag === '--contacts') options.contacts = Number(value());
		else if (flag === '--no-n8n') options.n8n = false;
		else if (flag === '--json') options.json = value();
		else if (flag === '--node') options.nodeChoice = value();
		else throw new Error(`unknown option ${flag}\n${USAGE}`);
	}
	if (options.quick) {
		options.contacts = Math.min(options.contacts, 5000);
		options.repeat = Math.min(options.repeat, 1);
	}
	options.nodeBin = nodeBinary(options.nodeChoice);
	return options;
}

function nodeBinary(choice) {
	if (choice === 'current') return process.execPath;
	if (choice !== 'n8n') return path.resolve(choice);
	// The runtime's own installer logs to stderr; a cold install takes a few minutes, once.
	return require('../scripts/runtime').ensureRuntime().nodeBin;
}

function log(line) {
	process.stderr.write(`[bench] ${line}\n`);
}

// Figures 1 and 2: node / curl at most this.
const UPLOAD_TARGET = 1.5;

// Untimed runs of the same workflow before a warm figure: enough for V8 to have compiled the node's code.
const WARM_UP_RUNS = 2;

function uploadRows(id, label, figure, held) {
	const rows = [
		{
			id,
			figure: `${label}, ${formatNumber(figure.count)} items: node in n8n's engine vs curl`,
			measured: formatMs(figure.nodeMs),
			baseline: `curl ${formatMs(figure.curlMs)}`,
			ratio: figure.ratio,
			target: `≤ ${UPLOAD_TARGET}×`,
			met: figure.ratio <= UPLOAD_TARGET,
		},
	];
	if (held !== undefined) {
		const memoryRatio = figure.nodeMaxRssKb / held;
		rows.push({
			id: `${id}m`,
			figure: `${label}: peak RSS of the node run vs holding the items`,
			measured: formatMb(figure.nodeMaxRssKb),
			baseline: formatMb(held),
			ratio: memoryRatio,
			target: '< 4×',
			met: memoryRatio < 4,
		});
	}
	return rows;
}

/** The notes under the table for one of figures 1, 1w, 1p, 2 and 2w: floor, phases, page faults, collections. */
function uploadNotes(figures, name, figure, faultCostUs) {
	return [
		figures.describeFloor(name, figure, UPLOAD_TARGET),
		figures.describePhases(name, figure.phases, figure.curlPhases),
		figures.describeFaults(name, figure, faultCostUs),
		figures.describeCollections(name, figure),
	].filter((note) => note !== undefined);
}

/** The note on what a per-item mapping costs when the node reads it and when n8n's evaluator does. */
function mappingNote(costs) {
	const { MAPPINGS } = require('./mappings');
	const perItem = (result) =>
		result.error
			? `not run (${result.error})`
			: MAPPINGS.map((mapping) => `${formatNumber(result.usPerItem[mapping], result.usPerItem[mapping] < 10 ? 2 : 0)} µs`).join(' / ');
	const vm = costs.n8nVm.error ? undefined : Math.max(...MAPPINGS.map((mapping) => costs.n8nVm.usPerItem[mapping]));
	const perCampaign = vm === undefined ? '' : `: up to ${formatNumber((vm * 100000) / 1e6, 0)} s per field of a 100,000-contact campaign on n8n 2.x`;
	// The paired-item lookup costs the node n8n's data proxy per item, not an expression evaluation.
	const pairedMapping = MAPPINGS[MAPPINGS.length - 1];
	return (
		`Per-item mappings ${MAPPINGS.map((mapping) => `\`${mapping.slice(1)}\``).join(' / ')} (${formatNumber(costs.count)} items; not a ` +
		`figure): read by the node ${perItem(costs.node)} per item; by n8n's evaluator ${perItem(costs.n8nLegacy)} on its ` +
		`legacy engine and ${perItem(costs.n8nVm)} on the VM engine n8n 2.x servers use by default${perCampaign}, for a mapping the node left to n8n ` +
		`(\`${pairedMapping.slice(1)}\` costs the node n8n's paired-item lookup for every item)`
	);
}

/** '550 ns / 630 ns / 713 ns': one value per list size. */
function perSize(scaling, nsOf) {
	return scaling.map((entry) => `${formatNumber(nsOf(entry))} ns`).join(' / ');
}

function execText(command, args) {
	return require('node:child_process').execFileSync(command, args, { encoding: 'utf8' });
}

function curlVersion() {
	try {
		return execText('curl', ['--version']).split(' ').slice(0, 2).join(' ');
	} catch {
		return 'no curl';
	}
}

async function measure(options, figures, sandbox, workDir) {
	const results = {};
	const rows = [];
	const notes = [];
	if (options.only.has('1') || options.only.has('2')) {
		results.engineFloorMs = await figures.engineFloor(options);
		results.faultCostUs = await figures.faultCost();
		notes.push(
			`n8n's engine alone (the same ${formatNumber(options.contacts)} items into a node that only returns one paired item each): ${formatMs(results.engineFloorMs)}`,
			`A minor page fault (first touch of a 4 KB page of fresh memory) costs ${formatNumber(results.faultCostUs, 2)} µs on this machine`,
		);
	}
	if (options.only.has('1')) {
		const held = await figures.memoryBaseline('campaign', options);
		const upload = (variant, warmUpRuns, floor = false) =>
			figures.uploadFigure({ sandbox, workDir, options, kind: 'campaign', variant, warmUpRuns, floor });
		const expression = await upload('expression', 0, true);
		const warm = await upload('expression', WARM_UP_RUNS);
		const plain = await upload('plain', 0);
		results.campaign = { heldItemsMaxRssKb: held, expression, warm, plain };
		rows.push(...uploadRows('1', 'Campaign (Call Parameters first_name={{ $json.first_name }}), first run of a fresh process', expression, held));
		rows.push(...uploadRows('1w', 'The same, n8n warm (the workflow has run before)', warm, undefined));
		rows.push(...uploadRows('1p', 'Campaign (plain field reads), first run of a fresh process', plain, undefined));
		for (const [name, figure] of [['1', expression], ['1w', warm], ['1p', plain]]) {
			notes.push(...uploadNotes(figures, name, figure, results.faultCostUs));
		}
	}
	if (options.only.has('1')) notes.push(mappingNote(await figures.mappingCosts(options)));
	if (options.only.has('2')) {
		const held = await figures.memoryBaseline('deployment', options);
		const bulk = await figures.uploadFigure({ sandbox, workDir, options, kind: 'deployment', floor: true });
		const warm = await figures.uploadFigure({ sandbox, workDir, options, kind: 'deployment', warmUpRuns: WARM_UP_RUNS });
		results.bulkQueue = { heldItemsMaxRssKb: held, ...bulk, warm };
		rows.push(...uploadRows('2', 'Bulk queue, 5 variable columns, first run of a fresh process', bulk, held));
		rows.push(...uploadRows('2w', 'The same, n8n warm (the workflow has run before)', warm, undefined));
		for (const [name, figure] of [['2', bulk], ['2w', warm]]) {
			notes.push(...uploadNotes(figures, name, figure, results.faultCostUs));
		}
	}
	if (options.only.has('3')) {
		const scaling = await figures.figureScaling(options);
		results.scaling = scaling;
		const smallest = scaling[0];
		const largest = scaling[scaling.length - 1];
		const growth = largest.nsPerContact / smallest.nsPerContact;
		const withoutGc = (entry) => entry.nsPerContact - entry.gcNsPerContact;
		rows.push({
			id: '3',
			figure: `Phone list (check, normalise, write) per contact, ${scaling.map((entry) => formatNumber(entry.count)).join(' / ')}`,
			measured: perSize(scaling, (entry) => entry.nsPerContact),
			baseline: `${formatNumber(smallest.count)}: ${formatNumber(smallest.nsPerContact)} ns`,
			ratio: growth,
			target: '≤ 1.2×',
			met: growth <= 1.2,
		});
		notes.push(
			`3: of that, garbage collection ${perSize(scaling, (entry) => entry.gcNsPerContact)}; ` +
				`without it ${perSize(scaling, withoutGc)} per contact (${formatNumber(withoutGc(largest) / withoutGc(smallest), 2)}×)`,
		);
	}
	if (options.only.has('4')) {
		const webhook = await figures.figureWebhook(options);
		results.webhook = webhook;
		for (const [name, figure] of Object.entries(webhook)) {
			rows.push({
				id: name === 'form' ? '4' : '4·',
				figure: `Trigger webhook() in process, ${name} callbacks`,
				measured: `${formatNumber(figure.perSecond)}/s`,
				baseline: '–',
				ratio: figure.perSecond / 20000,
				target: '≥ 20,000/s',
				met: figure.perSecond >= 20000,
			});
		}
		if (options.n8n) rows.push(await realN8nRow(options, figures, results, notes));
	}
	if (options.only.has('5')) {
		const pacing = await figures.figurePacing(sandbox, options);
		results.pacing = pacing;
		const ratio = pacing.perSecond / pacing.callsPerSecond;
		rows.push({
			id: '5',
			figure: `Single calls at ${pacing.callsPerSecond}/s, ${pacing.count} items: arrival rate at the sandbox`,
			measured: `${formatNumber(pacing.perSecond, 3)}/s`,
			baseline: `${pacing.callsPerSecond}/s asked`,
			ratio,
			target: 'within 5%',
			met: Math.abs(ratio - 1) <= 0.05,
		});
		rows.push({
			id: '5c',
			figure: 'Single calls: most requests in flight at the sandbox',
			measured: String(pacing.maxInFlight),
			baseline: '–',
			ratio: '–',
			target: 'never 2',
			met: pacing.maxInFlight < 2,
		});
	}
	return { results, rows, notes };
}

async function realN8nRow(options, figures, results, notes) {
	try {
		const real = await figures.figureN8nWebhook(options);
		results.webhookInN8n = real;
		const ratio = real.plum.medianMs / real.webhook.medianMs;
		return {
			id: '4n',
			figure: `Real n8n, ${formatNumber(real.callbacks)} callbacks ${real.concurrency} at a time: Plum trigger vs Webhook node, median latency`,
			measured: `${formatMs(real.plum.medianMs)}, ${real.plum.lost} lost`,
			baseline: `${formatMs(real.webhook.medianMs)}, ${real.webhook.lost} lost`,
			ratio,
			target: '≤ 1.1×, 0 lost',
			met: ratio <= 1.1 && real.plum.lost === 0,
		};
	} catch (error) {
		results.webhookInN8n = { skipped: error.message };
		notes.push(`4n: not run: ${error.message}`);
		return { id: '4n', figure: 'Real n8n: Plum trigger vs Webhook node', measured: 'not run', baseline: '–', target: '≤ 1.1×, 0 lost', met: 'pending' };
	}
}

async function main() {
	const options = readOptions(process.argv.slice(2));
	const figures = createFigures({
		runWorker: (task, args, spawnOptions = {}) => runWorker(task, args, { ...spawnOptions, execPath: options.nodeBin }),
		log,
	});
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-bench-'));
	const sandbox = await forkSandbox();
	let measured;
	try {
		measured = await measure(options, figures, sandbox, workDir);
	} finally {
		await sandbox.close();
		fs.rmSync(workDir, { recursive: true, force: true });
	}
	const { results, rows, notes } = measured;
	const workerNode = execText(options.nodeBin, ['--version']).trim();
	const load = os.loadavg().map((value) => value.toFixed(2)).join(' ');
	console.log(renderTable(rows));
	console.log('');
	for (const note of notes) console.log(`- ${note}`);
	console.log(
		`- ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}); measuring workers on Node ${workerNode}, ` +
			`sandbox on Node ${process.version}, ${curlVersion()}; medians of ${options.repeat} run(s); load average at the end ${load}.`,
	);
	if (options.quick) console.log('- --quick: small sizes, a smoke run; these are not the figures.');
	if (options.json) {
		results.machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, workerNode, load: os.loadavg() };
		fs.writeFileSync(options.json, JSON.stringify({ rows, notes, results }, null, 2));
	}
}

main().catch((error) => {
	console.error(`bench failed: ${error.stack || error.message}`);
	process.exit(1);
});
