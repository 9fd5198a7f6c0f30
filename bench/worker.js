'use strict';
// One measurement in a fresh process: `node bench/worker.js <task> '<json args>'`. Sends its result to the parent
// (IPC) with maxRssKb, the process's peak resident set size (getrusage ru_maxrss), and exits.

/** What a task keeps alive until the process ends. */
let held;

const TASKS = {
	/** The memory baseline: only builds the input items and holds them. Loads nothing else. */
	'hold-items': async ({ kind, count }) => {
		const data = require('./data');
		held = kind === 'deployment' ? data.deploymentItems(count) : data.campaignItems(count, 'expression');
		return { heldItems: held.length };
	},
	/** The runtime alone: n8n-core, n8n-workflow and the package loaded, no items (explains the fixed part). */
	'idle-runtime': async () => {
		require('./engine').createEngine(require('./project').loadProject());
		return {};
	},
	campaign: async (args) => require('./campaign').runCampaign(require('./project').loadProject(), args),
	'engine-floor': async (args) => require('./campaign').runEngineFloor(require('./project').loadProject(), args),
	'exchange-floor': async (args) => require('./campaign').runExchangeFloor(require('./project').loadProject(), args),
	'bulk-queue': async (args) => require('./campaign').runBulkQueue(require('./project').loadProject(), args),
	mappings: async (args) => require('./mappings').measureMappings(require('./project').loadProject(), args),
	scaling: async (args) => require('./scaling').measureScaling(require('./project').loadProject(), args),
	webhook: async (args) => require('./trigger').measureWebhook(require('./project').loadProject(), args),
	'single-calls': async (args) => require('./pacing').runSingleCalls(require('./project').loadProject(), args),
	/** What one minor page fault costs on this machine, on the measuring Node. */
	'fault-cost': async () => ({ faultCostUs: require('./pageFaults').faultCostUs() }),
};

async function main() {
	const [task, json] = process.argv.slice(2);
	const run = TASKS[task];
	if (!run) throw new Error(`unknown task "${task}"; known: ${Object.keys(TASKS).join(', ')}`);
	const result = await run(JSON.parse(json || '{}'));
	// A task that checks its results reports the peak before checking; the others are read here, after the work.
	if (result.maxRssKb === undefined) result.maxRssKb = process.resourceUsage().maxRSS;
	return result;
}

main().then(
	(result) => process.send(result, () => process.exit(0)),
	(error) => process.send({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
);
