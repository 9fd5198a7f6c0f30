/**
 * Generated rows through the real n8n engine and the sandbox: a bad row stops the run with a
 * NodeOperationError naming the field before any request, and good rows arrive at Plum exactly as given.
 */
import assert from 'node:assert/strict';

import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { parsePhoneListFile } from '../../nodes/shared/csv/phoneList';
import { normalizePhoneNumber } from '../../nodes/shared/validation/phoneNumber';
import { itemsFrom, runPlumNode } from '../helpers/engine';
import { deploymentCredentials, devCredentials, SANDBOX_SECRETS, startTestSandbox, type Sandbox } from '../helpers/sandbox';
import { columnName, invalidPhone, nanpNumber, nastyText, phoneListText, validPhone } from './support/arbitraries';
import { captureLogs, type LogCapture } from './support/capture';
import { everythingAsText, secretsIn } from './support/secrets';
import { createTally } from './support/tally';

const BAD_INPUT_RUNS = 200;
const ROUND_TRIP_RUNS = 100;
const SECRETS = [SANDBOX_SECRETS.pin, SANDBOX_SECRETS.developerKey];
const DEPLOYMENT = { applicationId: 11, deploymentId: 22 };

const tally = createTally('properties: through the engine', ['cases', 'requests', 'duplicates', 'leaks']);
let sandbox: Sandbox;
let logs: LogCapture;
let campaign = 0;

beforeAll(async () => {
	logs = captureLogs();
	sandbox = await startTestSandbox({ callProgressMs: 60000 });
});
afterAll(async () => {
	logs.stop();
	await sandbox.close();
	tally.save();
});

type OperationName = 'call.queue' | 'call.queueMany' | 'deploymentCall.queue' | 'deploymentCall.queueMany';

function parametersFor(operation: OperationName, resultUrl: string): IDataObject {
	const [resource, name] = operation.split('.');
	const common: IDataObject = { resource, operation: name, phoneNumber: '={{ $json.phone }}', resultUrl };
	if (resource === 'call') {
		return {
			...common,
			startUrl: 'https://ivr.example.com/start.vxml',
			campaignName: `engine property ${++campaign}`,
			source: 'items',
			options: { callsPerSecond: 10 },
		};
	}
	return { ...common, ...DEPLOYMENT, source: 'items', columns: 'all' };
}

async function runAndCheckSecrets(parameters: IDataObject, rows: IDataObject[], product: 'dev' | 'deployment') {
	const result = await runPlumNode({
		parameters,
		items: itemsFrom(rows),
		credentials: product === 'dev' ? devCredentials(sandbox) : deploymentCredentials(sandbox),
	});
	const leaks = secretsIn(everythingAsText(result.output, result.error, result.run), SECRETS);
	tally.add({ cases: 1, leaks: leaks.length > 0 ? 1 : 0 });
	assert.deepEqual(leaks, []);
	return result;
}

test('a bad phone number or result URL in random rows stops every operation before any request, naming the field', async () => {
	const scenario = fc.record({
		operation: fc.constantFrom<OperationName>('call.queue', 'call.queueMany', 'deploymentCall.queue', 'deploymentCall.queueMany'),
		good: fc.array(validPhone.map((phone) => phone.written), { maxLength: 5 }),
		bad: invalidPhone,
		at: fc.nat(),
		resultUrl: fc.oneof(
			{ weight: 4, arbitrary: fc.constant('https://n8n.example.com/webhook/plum') },
			{ weight: 1, arbitrary: fc.constantFrom('n8n.example.com/webhook', 'ftp://x.example.com', 'http://a b', 'http:example.com') },
		),
	});
	await fc.assert(
		fc.asyncProperty(scenario, async ({ operation, good, bad, at, resultUrl }) => {
			// Only the generated bad number may be invalid; the normaliser is the reference for that.
			fc.pre(!isAccepted(bad));
			const phones = good.slice();
			phones.splice(at % (phones.length + 1), 0, bad);
			sandbox.reset();
			const product = operation.startsWith('call.') ? 'dev' : 'deployment';
			const result = await runAndCheckSecrets(parametersFor(operation, resultUrl), phones.map((phone) => ({ phone })), product);
			tally.add({ requests: sandbox.requests.length });
			assert.equal(sandbox.requests.length, 0, 'a request was sent despite invalid input');
			assert.equal(result.error?.name, 'NodeOperationError');
			const badUrl = resultUrl !== 'https://n8n.example.com/webhook/plum';
			assert.match(result.error?.message ?? '', badUrl ? /Result URL|Phone Number/ : /Phone Number/);
		}),
		{ numRuns: BAD_INPUT_RUNS },
	);
});

function isAccepted(phone: string): boolean {
	try {
		normalizePhoneNumber(phone);
		return true;
	} catch {
		return false;
	}
}

test('a campaign of random valid rows reaches queuecalls.php as exactly those lines, once', async () => {
	const row = fc.record(
		{ phone: nanpNumber, ref: phoneListText(40), params: phoneListText(60) },
		{ requiredKeys: ['phone'] },
	);
	await fc.assert(
		fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), async (rows) => {
			sandbox.reset();
			const parameters = {
				...parametersFor('call.queueMany', ''),
				messageReference: '={{ $json.ref }}',
				callParameters: '={{ $json.params }}',
			};
			const items = rows.map((entry) => ({ phone: entry.phone.written, ref: entry.ref, params: entry.params }) as IDataObject);
			const result = await runAndCheckSecrets(parameters, items, 'dev');
			tally.add({ requests: sandbox.requests.length, duplicates: Math.max(0, sandbox.queueRequestCount() - 1) });
			assert.equal(result.error, undefined, result.error?.message);
			assert.equal(sandbox.queueRequestCount(), 1);
			const sent = parsePhoneListFile(sandbox.requests[0].files.phone_list.content ?? '');
			assert.deepEqual(
				sent.map(({ line: _line, ...entry }) => entry),
				rows.map((entry) => ({
					phoneNumber: entry.phone.tel,
					...(entry.ref === undefined ? {} : { messageReference: entry.ref }),
					...(entry.params === undefined ? {} : { callParameters: entry.params }),
				})),
			);
			assert.deepEqual(result.output.map((item) => item.pairedItem), rows.map((_entry, item) => ({ item })));
			assert.equal(new Set(result.output.map((item) => item.json.call_id)).size, rows.length);
		}),
		{ numRuns: ROUND_TRIP_RUNS },
	);
});

test('a bulk queue of random valid items reaches bulk_queue as a CSV that parses back to exactly those items, once', async () => {
	const fields = fc.dictionary(columnName.filter((name) => name !== 'phone'), fc.oneof(nastyText, fc.integer().map(String)), { maxKeys: 5 });
	const rows = fc.uniqueArray(fc.record({ phone: validPhone, fields }), { selector: (entry) => entry.phone.tel, minLength: 1, maxLength: 10 });
	await fc.assert(
		fc.asyncProperty(rows, async (entries) => {
			// Column names are compared ignoring case: keep the first spelling of each, as a CRM export would.
			const seen = new Set<string>(['phone']);
			const items = entries.map((entry) => {
				const item: IDataObject = { phone: entry.phone.written };
				for (const [name, value] of Object.entries(entry.fields)) {
					if (seen.has(name.toLowerCase()) && !Object.prototype.hasOwnProperty.call(item, name)) continue;
					seen.add(name.toLowerCase());
					item[name] = value;
				}
				return item;
			});
			const headers: string[] = [];
			for (const item of items) for (const name of Object.keys(item)) if (name !== 'phone' && !headers.includes(name)) headers.push(name);
			sandbox.reset();
			const result = await runAndCheckSecrets(parametersFor('deploymentCall.queueMany', ''), items, 'deployment');
			tally.add({ requests: sandbox.requests.length, duplicates: Math.max(0, sandbox.queueRequestCount() - 1) });
			assert.equal(result.error, undefined, result.error?.message);
			assert.equal(sandbox.queueRequestCount(), 1);
			const csv = sandbox.requests[0].files.csv.content ?? '';
			assert.deepEqual(
				parse(csv, { columns: true }),
				items.map((item, index) => ({
					destination: entries[index].phone.tel,
					...Object.fromEntries(headers.map((name) => [name, Object.prototype.hasOwnProperty.call(item, name) ? String(item[name]) : ''])),
				})),
			);
			assert.equal(result.output[0].json.calls_queued, items.length);
		}),
		{ numRuns: ROUND_TRIP_RUNS },
	);
});

test('nothing logged during these runs holds a secret', () => {
	const leaks = secretsIn(logs.text(), SECRETS);
	tally.add({ leaks: leaks.length > 0 ? 1 : 0 });
	expect(leaks).toEqual([]);
});
