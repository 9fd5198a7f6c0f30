'use strict';
// The Plum sandbox in a process of its own, so its work and memory never count against the node's process.
// Also watches the sandbox's HTTP server (without touching sandbox/): when each Plum request arrived (headers
// read) and when its answer was sent, and how many were in flight at once.
const { startSandbox } = require('../sandbox');
const { BENCH_SANDBOX_OPTIONS, epochMs } = require('./common');

/** Starts the sandbox and the request watch; returns { sandbox, watch }. */
async function startWatchedSandbox(options = {}) {
	const sandbox = await startSandbox({
		port: 0,
		recordBodies: false,
		...BENCH_SANDBOX_OPTIONS,
		...options,
	});
	const watch = watchRequests(sandbox.server);
	return { sandbox, watch };
}

/** Records arrival (headers read), body end and answer times (epochMs) of every request the server gets. */
function watchRequests(server) {
	const watch = {
		exchanges: [],
		inFlight: 0,
		maxInFlight: 0,
		reset() {
			watch.exchanges = [];
			watch.maxInFlight = watch.inFlight;
		},
	};
	// Runs before the sandbox's own handler, so the arrival time is not delayed by it.
	server.prependListener('request', (req, res) => {
		const exchange = { path: req.url, arrivedMs: epochMs(), bodyEndMs: null, answeredMs: null };
		// An 'end' listener does not start the body flowing; the sandbox's own reader does.
		req.once('end', () => (exchange.bodyEndMs = epochMs()));
		watch.exchanges.push(exchange);
		watch.inFlight++;
		if (watch.inFlight > watch.maxInFlight) watch.maxInFlight = watch.inFlight;
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			exchange.answeredMs = epochMs();
			watch.inFlight--;
		};
		res.once('finish', finish);
		res.once('close', finish);
	});
	return watch;
}

function summary(sandbox, watch) {
	return {
		url: sandbox.url,
		devBaseUrl: sandbox.devBaseUrl,
		deploymentBaseUrl: sandbox.deploymentBaseUrl,
		exchanges: watch.exchanges,
		maxInFlight: watch.maxInFlight,
		requests: sandbox.requests.length,
		calls: sandbox.calls.size,
		outcomes: sandbox.requests.map((request) => (request.outcome ? request.outcome.status : 0)),
	};
}

// As a child process (fork): answers { id, type } messages with { id, ...result }.
if (require.main === module) {
	(async () => {
		const { sandbox, watch } = await startWatchedSandbox(JSON.parse(process.argv[2] || '{}'));
		process.on('message', async (message) => {
			const answer = { id: message.id };
			if (message.type === 'summary') Object.assign(answer, summary(sandbox, watch));
			else if (message.type === 'reset') {
				sandbox.reset();
				watch.reset();
				// Drop the previous run's 100,000 call records now rather than during the next measurement.
				if (global.gc) global.gc();
			} else if (message.type === 'close') {
				await sandbox.close();
				process.send(answer, () => process.exit(0));
				return;
			}
			process.send(answer);
		});
		process.send({ id: 0, ...summary(sandbox, watch) });
	})().catch((error) => {
		console.error(`bench sandbox could not start: ${error.message}`);
		process.exit(1);
	});
}

module.exports = { startWatchedSandbox, watchRequests, summary };
