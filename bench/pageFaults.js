'use strict';
// Minor page faults: each is the first touch of a 4 KB page of fresh memory. On a virtual machine they are
// expensive, and a run that builds 100,000 output items touches tens of megabytes that curl never needs, so the
// bench counts them for the node run and for curl, and measures what one costs on this machine.
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const { median } = require('./common');

/** This process's minor page faults so far. */
function ownFaults() {
	return process.resourceUsage().minorPageFault;
}

/**
 * The minor page faults of this process's children that have exited and been reaped (cminflt in
 * /proc/self/stat); undefined where there is no /proc. Read before and after a child runs, the difference is the
 * child's whole count.
 */
function reapedChildFaults() {
	try {
		const stat = fs.readFileSync('/proc/self/stat', 'utf8');
		// The fields after the command name (in parentheses, which may hold spaces): state is the first, cminflt the 9th.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(fields[8]);
	} catch {
		return undefined;
	}
}

const CALIBRATION_BYTES = 64 * 1024 * 1024;

/**
 * Microseconds one minor page fault costs here: writing 64 MB of fresh memory, minus writing the same memory
 * again (no faults then), per fault. Median of `rounds`.
 */
function faultCostUs(rounds = 3) {
	const costs = [];
	for (let round = 0; round < rounds; round++) {
		// Large enough that the allocator maps fresh pages, which are faulted in on first write.
		const memory = Buffer.alloc(CALIBRATION_BYTES);
		const faultsBefore = ownFaults();
		let started = performance.now();
		memory.fill(1);
		const firstMs = performance.now() - started;
		const faults = ownFaults() - faultsBefore;
		started = performance.now();
		memory.fill(2);
		const againMs = performance.now() - started;
		if (faults > 0) costs.push(((firstMs - againMs) * 1000) / faults);
	}
	return costs.length ? median(costs) : undefined;
}

module.exports = { ownFaults, reapedChildFaults, faultCostUs };
