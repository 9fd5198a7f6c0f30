'use strict';
// V8's garbage collections during a timed run and just after it. A campaign run leaves its 100,000 output items in
// V8's young generation, and the collection that moves them on (tens of ms) can come just after the clock stops,
// as a task of V8's, or inside the run when the run allocates more. The bench reports both sums so that cost is
// seen, not hidden by where it happened to fall.
const { PerformanceObserver } = require('node:perf_hooks');

// Long enough for a collection V8 has scheduled as a task to run; the caller allocates nothing meanwhile.
const SETTLE_MS = 200;

/**
 * Starts recording collections. measure(from, to) (performance.now() times of the run) waits SETTLE_MS, stops
 * recording and gives { duringMs, afterMs }: the collections that started inside the run, and those after it.
 */
function watchCollections() {
	const entries = [];
	const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
	observer.observe({ entryTypes: ['gc'] });
	return {
		async measure(from, to, settleMs = SETTLE_MS) {
			await new Promise((resolve) => setTimeout(resolve, settleMs));
			entries.push(...observer.takeRecords());
			observer.disconnect();
			return sumCollections(entries, from, to);
		},
	};
}

/** The durations of the collections (performance entries) that started inside [from, to), and at or after `to`. */
function sumCollections(entries, from, to) {
	let duringMs = 0;
	let afterMs = 0;
	for (const entry of entries) {
		if (entry.startTime >= to) afterMs += entry.duration;
		else if (entry.startTime >= from) duringMs += entry.duration;
	}
	return { duringMs, afterMs };
}

module.exports = { watchCollections, sumCollections, SETTLE_MS };
