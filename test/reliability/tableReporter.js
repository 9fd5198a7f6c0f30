// Prints what the reliability suite tried and what held, as one table, after jest's own summary.
// Test files write their counts (support/tally.ts) into a folder made here before the workers start.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const TALLY_DIR_VARIABLE = 'PLUM_RELIABILITY_TALLY_DIR';
const COLUMNS = [
	['cases', 'cases tried'],
	['faults', 'faults injected'],
	['requests', 'requests sent'],
	['duplicates', 'duplicates'],
	['leaks', 'leaks'],
	['lost', 'lost'],
];

const LEGEND = [
	'duplicates: queue requests beyond one per queue attempt (a person who could be dialed twice)',
	'leaks: runs or log captures in which a PIN or developer key was found, in any encoding',
	'lost: callbacks answered but never seen; for n8n itself see test/e2e/webhookLoad.test.ts',
	'-: not measured by that suite',
].join('\n');

class ReliabilityTableReporter {
	onRunStart() {
		this.directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-reliability-'));
		// Workers are forked after onRunStart, so they inherit this.
		process.env[TALLY_DIR_VARIABLE] = this.directory;
	}

	onRunComplete(_contexts, results) {
		const tallies = readTallies(this.directory);
		fs.rmSync(this.directory, { recursive: true, force: true });
		const rows = tallies.map((tally) => ({ ...tally, held: heldFor(results, tally.testPath) }));
		// A file that crashed before saving its counts still gets a row, so its failure is not hidden.
		for (const file of results.testResults) {
			if (tallies.some((tally) => tally.testPath === file.testFilePath)) continue;
			rows.push({ suite: path.basename(file.testFilePath), measured: new Set(), counts: {}, held: heldFor(results, file.testFilePath) });
		}
		process.stdout.write(`\n${renderTable(rows)}\n${LEGEND}\n`);
	}
}

function readTallies(directory) {
	if (!directory || !fs.existsSync(directory)) return [];
	const bySuite = new Map();
	for (const name of fs.readdirSync(directory).sort()) {
		if (!name.endsWith('.json')) continue;
		const tally = JSON.parse(fs.readFileSync(path.join(directory, name), 'utf8'));
		const known = bySuite.get(tally.suite);
		if (!known) {
			bySuite.set(tally.suite, { ...tally, measured: new Set(tally.measured) });
			continue;
		}
		for (const [key] of COLUMNS) known.counts[key] += tally.counts[key];
		for (const key of tally.measured) known.measured.add(key);
	}
	return [...bySuite.values()].sort((a, b) => a.suite.localeCompare(b.suite));
}

/** "12/12 held": passed tests of the file out of those that ran. */
function heldFor(results, testPath) {
	const file = results.testResults.find((result) => result.testFilePath === testPath);
	if (!file) return '?';
	const ran = file.numPassingTests + file.numFailingTests;
	return `${file.numPassingTests}/${ran}${file.testExecError ? ' (crashed)' : ''}`;
}

function renderTable(rows) {
	const header = ['suite', ...COLUMNS.map(([, title]) => title), 'tests held'];
	const totals = Object.fromEntries(COLUMNS.map(([key]) => [key, 0]));
	const totalMeasured = new Set();
	const lines = rows.map((row) => {
		for (const [key] of COLUMNS) {
			if (row.measured.has(key)) {
				totals[key] += row.counts[key];
				totalMeasured.add(key);
			}
		}
		return [row.suite, ...COLUMNS.map(([key]) => (row.measured.has(key) ? format(row.counts[key]) : '-')), row.held];
	});
	lines.push(['total', ...COLUMNS.map(([key]) => (totalMeasured.has(key) ? format(totals[key]) : '-')), '']);
	if (rows.length === 0) lines.unshift(['(no reliability counts were recorded)', ...COLUMNS.map(() => ''), '']);
	const widths = header.map((title, index) => Math.max(title.length, ...lines.map((line) => line[index].length)));
	const render = (cells) =>
		cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join('  ');
	const rule = widths.map((width) => '-'.repeat(width)).join('  ');
	return ['Reliability summary', rule, render(header), rule, ...lines.slice(0, -1).map(render), rule, render(lines[lines.length - 1]), rule].join('\n');
}

function format(value) {
	return value.toLocaleString('en-US');
}

module.exports = ReliabilityTableReporter;
