'use strict';
// Small things every part of the benchmark shares.
const { performance } = require('node:perf_hooks');

/** Made-up credentials of the bench sandbox (nothing real). */
const BENCH_ACCOUNT = {
	login: 'bench-login',
	pin: 'BenchPin4417',
	email: 'bench@example.com',
	developerKey: 'dk-bench-5e2f',
	target: { applicationId: 11, deploymentId: 22 },
};

/** The sandbox options that make a sandbox accept BENCH_ACCOUNT. */
const BENCH_SANDBOX_OPTIONS = {
	login: BENCH_ACCOUNT.login,
	pin: BENCH_ACCOUNT.pin,
	email: BENCH_ACCOUNT.email,
	developerKey: BENCH_ACCOUNT.developerKey,
	deployments: [BENCH_ACCOUNT.target],
};

/** Milliseconds since 1970 with sub-millisecond resolution, comparable across processes. */
function epochMs() {
	return performance.timeOrigin + performance.now();
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

module.exports = { BENCH_ACCOUNT, BENCH_SANDBOX_OPTIONS, epochMs, median };
