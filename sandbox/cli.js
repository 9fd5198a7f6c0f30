#!/usr/bin/env node
'use strict';
// Starts the Plum sandbox for the demo or manual testing: node sandbox/cli.js [--port 8090] [--progress-ms 1000] [--check-urls]
const { startSandbox } = require('./index');

function readArguments(argv) {
	const options = { port: 8090 };
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=');
		const value = () => inline ?? argv[++index];
		if (flag === '--port') options.port = Number(value());
		else if (flag === '--progress-ms') options.callProgressMs = Number(value());
		else if (flag === '--check-urls') options.checkUrlsWithGet = true;
		else if (flag === '--help' || flag === '-h') {
			console.log('usage: node sandbox/cli.js [--port 8090] [--progress-ms 1000] [--check-urls]');
			process.exit(0);
		} else {
			console.error(`unknown option ${flag}; try --help`);
			process.exit(2);
		}
	}
	if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
		console.error('--port needs a number from 0 to 65535');
		process.exit(2);
	}
	return options;
}

async function main() {
	const options = readArguments(process.argv.slice(2));
	const sandbox = await startSandbox(options);
	const state = sandbox.state;
	// The credentials below are the sandbox's own made-up defaults, printed so the demo can be set up.
	console.log(`Plum sandbox listening on ${sandbox.url}
  DEV webservice base URL:  ${sandbox.devBaseUrl}   login ${state.login}, PIN ${state.pin}
  Deployment API base URL:  ${sandbox.deploymentBaseUrl}   e-mail ${state.email}, developer key ${state.developerKey}
  Deployments:              ${[...state.deployments.keys()].join(', ')} (application/deployment)
  Calls move one step every ${state.callProgressMs} ms; numbers ending 0000 end failed, 9999 rejected.
  Control: GET ${sandbox.url}/_sandbox/requests, POST ${sandbox.url}/_sandbox/callbacks/{call_id}?format=form|json|xml
Stop with Ctrl+C.`);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(`The sandbox could not start: ${error.message}`);
	process.exit(1);
});
