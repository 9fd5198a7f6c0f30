'use strict';
// Fresh child processes for the measurements: the sandbox (sandboxProcess.js) and one worker per measurement
// (worker.js), so no run inherits another's warm caches or heap.
const { fork, spawn } = require('node:child_process');
const path = require('node:path');

/** Starts the sandbox process; resolves to { urls…, request(type), close() }. */
function forkSandbox(options = {}) {
	const child = fork(path.join(__dirname, 'sandboxProcess.js'), [JSON.stringify(options)], {
		execArgv: ['--expose-gc'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const waiting = new Map();
	let nextId = 1;
	child.on('message', (message) => {
		const resolve = waiting.get(message.id);
		waiting.delete(message.id);
		if (resolve) resolve(message);
	});
	const request = (type) =>
		new Promise((resolve, reject) => {
			if (child.exitCode !== null) return reject(new Error('the bench sandbox has exited'));
			const id = nextId++;
			waiting.set(id, resolve);
			child.send({ id, type });
		});
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`the bench sandbox exited early (${code})`)));
		waiting.set(0, (first) => {
			child.removeAllListeners('exit');
			resolve({
				url: first.url,
				devBaseUrl: first.devBaseUrl,
				deploymentBaseUrl: first.deploymentBaseUrl,
				pid: child.pid,
				summary: () => request('summary'),
				reset: () => request('reset'),
				close: async () => {
					await request('close');
					if (child.exitCode === null) await new Promise((done) => child.once('exit', done));
				},
			});
		});
	});
}

/**
 * Runs `node bench/worker.js <task>` with `args`; resolves to the worker's result object (which carries maxRssKb,
 * the process's peak resident memory from getrusage). Rejects when the worker fails.
 */
function runWorker(task, args = {}, { execArgv = ['--expose-gc'], env, execPath } = {}) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'worker.js'), [task, JSON.stringify(args)], {
			execArgv,
			execPath: execPath ?? process.execPath,
			env: env ?? process.env,
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let result;
		child.on('message', (message) => (result = message));
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			if (result && result.error) reject(new Error(`worker ${task}: ${result.error}`));
			else if (code !== 0 || !result) reject(new Error(`worker ${task} exited with ${code ?? signal} and no result`));
			else resolve(result);
		});
	});
}

/** Runs a command; resolves to { code, ms, stdout, stderr } with ms from spawn to exit. */
function timeCommand(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const started = process.hrtime.bigint();
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
		const out = [];
		const err = [];
		child.stdout.on('data', (chunk) => out.push(chunk));
		child.stderr.on('data', (chunk) => err.push(chunk));
		child.once('error', reject);
		child.once('close', (code) => {
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			resolve({ code, ms, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
		});
	});
}

module.exports = { forkSandbox, runWorker, timeCommand };
