/**
 * The PIN and the developer key never reach anything n8n keeps or shows: outputs, errors, the saved run,
 * logs. The sandbox echoes the PIN in its XML (as Plum does), XML-escaped when it holds special characters,
 * so these secrets are chosen to have every form: plain, XML-escaped, URL-encoded, base64 in a Basic header.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { itemsFrom, runPlumNode } from '../helpers/engine';
import { startSandbox, type Sandbox, type SandboxFault } from '../../sandbox';
import { captureLogs, type LogCapture } from './support/capture';
import { DEPLOYMENT_IDS, FAULTS, OPERATIONS, type OperationCase } from './support/operations';
import { everythingAsText, secretsIn } from './support/secrets';
import { createTally } from './support/tally';

// At most 16 characters (Plum's PIN limit), with the characters that change under XML and URL encoding.
const PIN = `P&<n"7'+ %x>q`;
const DEVELOPER_KEY = 'dk-&<Key>"+/ =%é-77';
const WRONG_PIN = 'Wr&ng<Pin>9';
const WRONG_KEY = 'dk-Wr&ng"Key+';
const SECRETS = [PIN, DEVELOPER_KEY, WRONG_PIN, WRONG_KEY];
const SCANNER = path.resolve(__dirname, '../../scripts/scan-secrets.js');
// Faults whose answers echo the request (and so the PIN) or quote parts of it in an error.
const ECHOING_FAULTS = FAULTS.filter((fault) =>
	['xmlStatus', 'http', 'malformedXml', 'doctype'].includes(String(fault.fault.type)),
);

const tally = createTally('secrets', ['cases', 'faults', 'requests', 'leaks']);
let sandbox: Sandbox;
let logs: LogCapture;
/** Everything n8n kept or showed, one text per run, for the file scan at the end. */
const kept: string[] = [];
/** Every answer the sandbox sent, the echoed PINs included. */
const offered: string[] = [];

beforeAll(async () => {
	logs = captureLogs();
	sandbox = await startSandbox({
		port: 0,
		login: 'secrets-login',
		pin: PIN,
		email: 'secrets@example.com',
		developerKey: DEVELOPER_KEY,
		deployments: [DEPLOYMENT_IDS],
		callProgressMs: 50,
	});
});
afterAll(async () => {
	logs.stop();
	await sandbox.close();
	tally.save();
});

function credentials(operation: OperationCase, wrong = false): ICredentialDataDecryptedObject {
	return operation.product === 'dev'
		? { authMode: 'devLoginPin', login: 'secrets-login', pin: wrong ? WRONG_PIN : PIN, devBaseUrl: sandbox.devBaseUrl }
		: {
				authMode: 'deploymentApiKey',
				email: 'secrets@example.com',
				developerKey: wrong ? WRONG_KEY : DEVELOPER_KEY,
				deploymentBaseUrl: sandbox.deploymentBaseUrl,
			};
}

async function runAndScan(operation: OperationCase, options: { fault?: SandboxFault; wrong?: boolean; continueOnFail?: boolean }) {
	sandbox.reset();
	const { parameters, rows } = await operation.prepare(sandbox, 2, credentials(operation));
	const before = sandbox.requests.length;
	if (options.fault) {
		sandbox.fail(operation.endpoint, options.fault);
		tally.add({ faults: 1 });
	}
	const result = await runPlumNode({
		parameters,
		items: itemsFrom(rows),
		credentials: credentials(operation, options.wrong),
		continueOnFail: options.continueOnFail ?? false,
	});
	const text = everythingAsText(result.output, result.error, result.run);
	kept.push(text);
	offered.push(...sandbox.responsesSent);
	const leaks = secretsIn(text, SECRETS);
	tally.add({ cases: 1, requests: sandbox.requests.length - before, leaks: leaks.length > 0 ? 1 : 0 });
	expect(leaks).toEqual([]);
	return result;
}

for (const operation of OPERATIONS) {
	describe(operation.name, () => {
		test('a successful run shows neither the PIN nor the developer key, though the answer echoed the PIN', async () => {
			const result = await runAndScan(operation, {});
			expect(result.error).toBeUndefined();
			if (operation.product === 'dev') {
				// The test means something only if Plum's stand-in really put the PIN in its answer.
				expect(secretsIn(sandbox.responsesSent.join('\n'), [PIN]).length).toBeGreaterThan(0);
			}
		});

		test('wrong credentials give an error that shows neither the wrong nor the right secret', async () => {
			const result = await runAndScan(operation, { wrong: true });
			expect(result.error?.message).toMatch(/401|login|PIN|credentials/i);
		});

		for (const fault of ECHOING_FAULTS) {
			test(`${fault.name}, with and without Continue On Fail, shows no secret`, async () => {
				const stopped = await runAndScan(operation, { fault: fault.fault });
				expect(stopped.error?.message).toMatch(fault.message(operation));
				const continued = await runAndScan(operation, { fault: fault.fault, continueOnFail: true });
				expect(continued.output.some((item) => item.json.error !== undefined)).toBe(true);
			});
		}
	});
}

describe('logs and saved files', () => {
	test('nothing logged during the runs holds a secret', () => {
		expect(logs.count()).toBeGreaterThan(0);
		const leaks = secretsIn(logs.text(), SECRETS);
		tally.add({ leaks: leaks.length > 0 ? 1 : 0 });
		expect(leaks).toEqual([]);
	});

	test('scripts/scan-secrets.js finds nothing in what n8n kept, and finds the PIN in what the sandbox sent', () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-secrets-'));
		try {
			fs.mkdirSync(path.join(folder, 'kept'));
			kept.forEach((text, index) => fs.writeFileSync(path.join(folder, 'kept', `run-${index}.json`), text));
			fs.writeFileSync(path.join(folder, 'kept', 'logs.txt'), logs.text());
			const secretArguments = SECRETS.flatMap((secret) => ['--secret', secret]);
			const clean = spawnSync(process.execPath, [SCANNER, path.join(folder, 'kept'), ...secretArguments], { encoding: 'utf8' });
			expect(clean.stdout).toMatch(/no secret found/);
			expect(clean.status).toBe(0);

			// Positive control: the sandbox's own answers hold the echoed PIN, and the scanner must say so.
			fs.writeFileSync(path.join(folder, 'sandbox-answers.xml'), offered.join('\n'));
			const echoed = spawnSync(process.execPath, [SCANNER, folder, ...secretArguments], { encoding: 'utf8' });
			expect(echoed.status).toBe(1);
			expect(echoed.stdout).toMatch(/LEAK .*sandbox-answers\.xml/);
			// The report names where, never what.
			expect(secretsIn(echoed.stdout + echoed.stderr, SECRETS)).toEqual([]);
		} finally {
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});
});
