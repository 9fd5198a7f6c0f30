'use strict';
// Figure 3: time per contact of the pure phone-list path at growing sizes: what Queue a Campaign does per item
// between reading its fields and sending (check every field, normalise the number, write the line), without
// n8n. Input strings are built before the clock starts.
const { PerformanceObserver, performance } = require('node:perf_hooks');

const { humanPhone, telOf } = require('./data');

const WARM_UP_CONTACTS = 10000;
const WARM_UP_ROUNDS = 5;

/** The raw values of `count` contacts, as a CRM export gives them. */
function scalingInput(count) {
	const phones = new Array(count);
	const references = new Array(count);
	const parameters = new Array(count);
	for (let index = 0; index < count; index++) {
		phones[index] = humanPhone(index);
		references[index] = `c-${index}`;
		parameters[index] = `first_name=N${index % 1000}`;
	}
	return { count, phones, references, parameters };
}

/**
 * Checks and writes every contact with the node's own code for input items (writeCampaignCalls, which Queue a
 * Campaign calls with readers of the item fields). Returns the phone list file (UTF-8 bytes).
 */
function buildCampaignList(project, input) {
	const fields = {
		phoneNumber: (index) => input.phones[index],
		messageReference: (index) => input.references[index],
		callParameters: (index) => input.parameters[index],
	};
	return project.writeCampaignCalls(input.count, fields, undefined).phoneList;
}

/**
 * Checks a few lines of the list (bytes or text); throws when the list is wrong. Reads the bytes in place: the
 * whole list as one string (40 MB at a million contacts) was garbage that the next timed round paid to collect.
 */
function checkList(file, input) {
	const list = Buffer.isBuffer(file) ? file : Buffer.from(file, 'utf8');
	const expectedLength = input.count;
	let lines = 0;
	for (let at = list.indexOf(LF); at !== -1; at = list.indexOf(LF, at + 1)) lines++;
	if (lines !== expectedLength) throw new Error(`the phone list has ${lines} lines for ${expectedLength} contacts`);
	for (const index of [0, 1, 7, input.count - 1]) {
		if (index < 0 || index >= input.count) continue;
		const expected = `${telOf(index)},c-${index},first_name=N${index % 1000}\n`;
		const start = nthLineStart(list, index);
		const written = list.toString('utf8', start, start + Buffer.byteLength(expected));
		if (written !== expected) throw new Error(`phone list line ${index + 1} is wrong: ${written}`);
	}
}

const LF = 0x0a;

function nthLineStart(list, lineIndex) {
	let at = 0;
	for (let line = 0; line < lineIndex; line++) at = list.indexOf(LF, at) + 1;
	return at;
}

/**
 * In this process: warms the code up on 10,000 contacts, then times `rounds` builds of `count` contacts.
 * Returns { count, nsPerContact: number[], gcNsPerContact: number[] } (one entry per round); the second is the
 * part of each round V8 spent collecting garbage (from its 'gc' performance entries).
 */
async function measureScaling(project, { count, rounds }) {
	const warmUp = scalingInput(WARM_UP_CONTACTS);
	for (let round = 0; round < WARM_UP_ROUNDS; round++) checkList(buildCampaignList(project, warmUp), warmUp);
	const input = scalingInput(count);
	// The input and the warm-up's garbage are the harness's, not the measured code's.
	if (global.gc) global.gc();
	const pauses = [];
	const observer = new PerformanceObserver((list) => pauses.push(...list.getEntries()));
	observer.observe({ entryTypes: ['gc'] });
	const nsPerContact = [];
	const gcNsPerContact = [];
	for (let round = 0; round < rounds; round++) {
		const startedAt = performance.now();
		const started = process.hrtime.bigint();
		const list = buildCampaignList(project, input);
		const ns = Number(process.hrtime.bigint() - started);
		const endedAt = performance.now();
		// gc entries arrive asynchronously, a timer tick later.
		await new Promise((resolve) => setTimeout(resolve, 5));
		const gcMs = pauses
			.filter((entry) => entry.startTime >= startedAt && entry.startTime < endedAt)
			.reduce((sum, entry) => sum + entry.duration, 0);
		checkList(list, input);
		nsPerContact.push(ns / count);
		gcNsPerContact.push((gcMs * 1e6) / count);
	}
	observer.disconnect();
	return { count, nsPerContact, gcNsPerContact };
}

module.exports = { scalingInput, buildCampaignList, checkList, measureScaling };
