'use strict';
// Figure 5: single calls (call.queue) at Calls Per Second 5. The node runs in the engine; the request arrival
// and answer times come from the sandbox process's watch of its HTTP server (sandboxProcess.js).
const { telOf, humanPhone } = require('./data');
const { createEngine } = require('./engine');
const { devCredentials } = require('./campaign');

function singleCallParameters(callsPerSecond) {
	return {
		resource: 'call',
		operation: 'queue',
		phoneNumber: '={{ $json.phone }}',
		startUrl: 'https://ivr.example.com/start.vxml',
		messageReference: '={{ $json.id }}',
		options: { callsPerSecond },
	};
}

/** Runs `count` single calls through the node; returns { ms, outputItems } after checking every item. */
async function runSingleCalls(project, { count, callsPerSecond, devBaseUrl }) {
	const { runPlumNode } = createEngine(project);
	const items = [];
	for (let index = 0; index < count; index++) items.push({ json: { phone: humanPhone(index), id: `c-${index}` } });
	const started = process.hrtime.bigint();
	const { output, error } = await runPlumNode({
		parameters: singleCallParameters(callsPerSecond),
		items,
		credentials: devCredentials(devBaseUrl),
	});
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	if (error) throw new Error(`the single calls failed: ${error.message}`);
	if (output.length !== count) throw new Error(`${output.length} items came out for ${count} single calls`);
	output.forEach((item, index) => {
		if (item.pairedItem?.item !== index || item.json.status !== 'queued' || !String(item.json.phone_number).startsWith(telOf(index))) {
			throw new Error(`single call ${index} is wrong: ${JSON.stringify(item)}`);
		}
	});
	return { ms, outputItems: output.length };
}

/**
 * From the sandbox's record of request arrivals and answers: the rate of arrivals (requests after the first
 * divided by the time from the first to the last arrival) and the most requests in flight at once.
 */
function pacingFromExchanges(exchanges) {
	const queued = exchanges.filter((exchange) => String(exchange.path).includes('queuecall.php'));
	const arrivals = queued.map((exchange) => exchange.arrivedMs).sort((a, b) => a - b);
	const spanMs = arrivals.length > 1 ? arrivals[arrivals.length - 1] - arrivals[0] : 0;
	const perSecond = spanMs > 0 ? ((arrivals.length - 1) / spanMs) * 1000 : 0;
	let maxInFlight = 0;
	const edges = [];
	for (const exchange of queued) {
		edges.push({ at: exchange.arrivedMs, change: 1 });
		edges.push({ at: exchange.answeredMs ?? Infinity, change: -1 });
	}
	// An answer and an arrival at the same instant: the answer counts first (they did not overlap).
	edges.sort((a, b) => a.at - b.at || a.change - b.change);
	let inFlight = 0;
	for (const edge of edges) {
		inFlight += edge.change;
		maxInFlight = Math.max(maxInFlight, inFlight);
	}
	const gaps = arrivals.slice(1).map((at, index) => at - arrivals[index]);
	return {
		requests: queued.length,
		perSecond,
		spanMs,
		maxInFlight,
		shortestGapMs: gaps.length ? Math.min(...gaps) : 0,
		longestGapMs: gaps.length ? Math.max(...gaps) : 0,
	};
}

module.exports = { runSingleCalls, pacingFromExchanges, singleCallParameters };
