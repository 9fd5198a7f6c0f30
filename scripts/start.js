// `npm start`: a real n8n 2.41.1 with this package installed, a local Plum sandbox, credentials and the example
// workflows, all on 127.0.0.1. Each start is fresh (a new n8n user folder, removed again on Ctrl+C); only the
// n8n runtime is kept, in the cache (~/.cache/n8n-nodes-plumvoice, or $PLUM_N8N_CACHE).
// Options: --port N (n8n, default 5678), --sandbox-port N (default 5679), --no-auto-results.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startSandbox } = require('../sandbox');
const { ensureRuntime } = require('./runtime');
const { startN8n, packPackage, portOrFree } = require('./n8nServer');
const examples = require('./exampleWorkflows');

const DEMO_OWNER = { email: 'demo@example.com', password: 'PlumDemo-2026', firstName: 'Demo', lastName: 'User' };
// Seconds after queueing at which the demo sandbox posts each call's result, as Plum would after the call.
const RESULT_DELAY_MS = 5000;
const RESULT_FORMATS = ['form', 'json', 'xml'];

function readArguments(argv) {
	const options = { port: 5678, sandboxPort: 5679, autoResults: true };
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=');
		const value = () => Number(inline ?? argv[++index]);
		if (flag === '--port') options.port = value();
		else if (flag === '--sandbox-port') options.sandboxPort = value();
		else if (flag === '--no-auto-results') options.autoResults = false;
		else {
			console.error(`unknown option ${flag}; options: --port N, --sandbox-port N, --no-auto-results`);
			process.exit(2);
		}
	}
	return options;
}

/** Posts each new call's result to its result_url a few seconds after it was queued (form, JSON, XML in turn). */
function autoPostResults(sandbox) {
	const firstSeen = new Map();
	let sent = 0;
	const timer = setInterval(() => {
		const now = Date.now();
		for (const [callId, call] of sandbox.calls) {
			if (!call.resultUrl) continue;
			if (!firstSeen.has(callId)) firstSeen.set(callId, now);
			const seen = firstSeen.get(callId);
			if (seen === 0 || now - seen < RESULT_DELAY_MS) continue;
			firstSeen.set(callId, 0);
			const format = RESULT_FORMATS[sent++ % RESULT_FORMATS.length];
			sandbox
				.sendResultCallback(callId, { format })
				.then((answer) => console.log(`  sandbox: posted the result of call ${callId} (${format}) -> HTTP ${answer.status}`))
				.catch((error) => console.log(`  sandbox: could not post the result of call ${callId}: ${error.message}`));
		}
	}, 1000);
	timer.unref();
	return () => clearInterval(timer);
}

async function main() {
	const options = readArguments(process.argv.slice(2));
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-demo-'));
	let sandbox;
	let n8n;
	let stopAutoResults = () => {};
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox…');
		stopAutoResults();
		await n8n?.stop();
		await sandbox?.close();
		fs.rmSync(workDir, { recursive: true, force: true });
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));

	try {
		const runtime = ensureRuntime();
		const packageTgz = packPackage(path.join(workDir, 'pack'));
		sandbox = await startSandbox({ port: await portOrFree(options.sandboxPort) });
		const { state } = sandbox;

		n8n = await startN8n({
			runtime,
			packageTgz,
			port: options.port,
			userFolder: path.join(workDir, 'user'),
			logFile: path.join(workDir, 'n8n.log'),
			owner: DEMO_OWNER,
			// n8n 2.x reads files only inside this folder: the examples read examples/crm-export.csv in place.
			extraEnv: { N8N_RESTRICT_FILE_ACCESS_TO: examples.EXAMPLES_DIR },
		});

		const devCredential = await n8n.createCredential({
			name: 'Plum Voice API (sandbox)',
			data: { authMode: 'devLoginPin', login: state.login, pin: state.pin, devBaseUrl: sandbox.devBaseUrl },
		});
		const deploymentCredential = await n8n.createCredential({
			name: 'Plum Voice API (sandbox, deployment)',
			data: {
				authMode: 'deploymentApiKey',
				email: state.email,
				developerKey: state.developerKey,
				deploymentBaseUrl: sandbox.deploymentBaseUrl,
			},
		});

		const resultUrl = examples.resultUrlFor(n8n.baseUrl);
		const trigger = await n8n.createWorkflow(examples.triggerWorkflow());
		await n8n.publishWorkflow(trigger.id);
		const campaign = await n8n.createWorkflow(
			examples.campaignWorkflow('crm-export-to-campaign.json', { csvPath: examples.CRM_CSV, resultUrl }),
			{ credentials: { plumVoiceApi: devCredential } },
		);
		const bulk = await n8n.createWorkflow(
			examples.campaignWorkflow('deployment-bulk-queue.json', { csvPath: examples.CRM_CSV, resultUrl }),
			{ credentials: { plumVoiceApi: deploymentCredential } },
		);
		if (options.autoResults) stopAutoResults = autoPostResults(sandbox);

		console.log(`
n8n with n8n-nodes-plumvoice is running: ${n8n.baseUrl}
  Log in as ${DEMO_OWNER.email}, password ${DEMO_OWNER.password}
  Plum sandbox: ${sandbox.url} (DEV login ${state.login}; deployment ${[...state.deployments.keys()].join(', ')})

Try:
  1. Open "${campaign.name}": ${n8n.baseUrl}/workflow/${campaign.id}
     and click "Execute workflow". It reads examples/crm-export.csv and queues one campaign of 5 calls;
     each output item carries its call_id.
  2. About ${RESULT_DELAY_MS / 1000} s later the sandbox posts each call's result (form, JSON, XML) to the published
     "${trigger.name}" workflow: see its executions at ${n8n.baseUrl}/workflow/${trigger.id}/executions
  3. "${bulk.name}" (${n8n.baseUrl}/workflow/${bulk.id}) queues the same contacts on deployment 11/22.
  The sandbox's record of what it received: ${sandbox.url}/_sandbox/requests
  n8n's log: ${n8n.logFile}

This demo starts fresh each time (nothing is kept after Ctrl+C). Stop with Ctrl+C.`);
	} catch (error) {
		console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
		await stop(1);
	}
}

main();
