// Runs a real n8n (the cached 2.41.1 from scripts/runtime.js) on 127.0.0.1 with this package installed the way a
// user installs it: packed with `npm pack`, then `npm install`ed into $N8N_USER_FOLDER/.n8n/nodes, so the nodes
// load under their real type names (n8n-nodes-plumvoice.plumOutbound). Used by `npm start` and test/e2e.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const PACKAGE_NAME = require('../package.json').name;
// n8n checks a browser-id header against the one hashed into the login cookie.
const BROWSER_ID = 'plum-e2e-browser';

function log(line) {
	process.stderr.write(`[n8n] ${line}\n`);
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port nobody listens on right now (the kernel picks it). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** `preferred` when it is free on 127.0.0.1, otherwise any free port. */
function portOrFree(preferred) {
	if (!preferred) return freePort();
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(freePort()));
		server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
	});
}

function runChecked(command, args, options) {
	const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
	if (result.status !== 0) {
		const tail = `${result.stdout || ''}\n${result.stderr || ''}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${tail}`);
	}
	return result.stdout;
}

/** Packs the (already built) package into `destination` and returns the .tgz path. */
function packPackage(destination = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-pack-'))) {
	fs.mkdirSync(destination, { recursive: true });
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` first');
	const out = runChecked('npm', ['pack', '--json', '--pack-destination', destination], { cwd: REPO_ROOT });
	const [{ filename }] = JSON.parse(out.slice(out.indexOf('[')));
	return path.join(destination, filename);
}

/**
 * Installs the packed package where n8n looks for community nodes. Peer dependencies are skipped
 * (n8n-workflow comes from n8n itself), as are install scripts (the package has none).
 */
function installPackage(tgz, userFolder, runtimeEnv = process.env) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) {
		fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	runChecked(
		'npm',
		['install', tgz, '--omit=dev', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
		{ cwd: nodesDir, env: runtimeEnv },
	);
	return path.join(nodesDir, 'node_modules', PACKAGE_NAME);
}

/** The environment n8n runs with: loopback only, no telemetry, no template or version calls home. */
function n8nEnvironment({ runtime, userFolder, port, brokerPort, encryptionKey, extraEnv }) {
	const inherited = { ...runtime.env };
	// Jest sets NODE_ENV=test, with which n8n exits silently at start; nothing of a test runner should leak in.
	for (const name of Object.keys(inherited)) {
		if (name === 'NODE_ENV' || name.startsWith('JEST_') || name.startsWith('N8N_') || name === 'NODE_OPTIONS') {
			delete inherited[name];
		}
	}
	return {
		...inherited,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: 'info',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		DB_SQLITE_POOL_SIZE: '2',
		...extraEnv,
	};
}

async function fetchStatus(url) {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
		await response.arrayBuffer();
		return response.status;
	} catch {
		return 0;
	}
}

/**
 * Starts n8n and sets it up headlessly (owner, API key).
 * options: runtime (from ensureRuntime), packageTgz (installs it unless skipInstall), port (preferred),
 * userFolder (default: a new temp folder), logFile, extraEnv, owner { email, password, firstName, lastName },
 * setupOwner (default true), startTimeoutMs.
 */
async function startN8n(options) {
	const { runtime } = options;
	const userFolder = options.userFolder || fs.mkdtempSync(path.join(os.tmpdir(), 'plum-n8n-server-'));
	fs.mkdirSync(path.join(userFolder, '.n8n'), { recursive: true });
	const logFile = options.logFile || path.join(userFolder, 'n8n.log');
	const port = await portOrFree(options.port);
	const brokerPort = await freePort();
	const encryptionKey = options.encryptionKey || crypto.randomBytes(24).toString('hex');
	const env = n8nEnvironment({ runtime, userFolder, port, brokerPort, encryptionKey, extraEnv: options.extraEnv });

	if (options.packageTgz && !options.skipInstall) {
		const started = Date.now();
		installPackage(options.packageTgz, userFolder, runtime.env);
		log(`package installed into ${path.join(userFolder, '.n8n', 'nodes')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}

	const logFd = fs.openSync(logFile, 'a');
	const started = Date.now();
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
		cwd: userFolder,
		env,
		detached: true, // its own process group, so stop() also ends the task runner it spawns
		stdio: ['ignore', logFd, logFd],
	});
	fs.closeSync(logFd);
	let exitCode;
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exitCode = code ?? signal))));
	// Should this process end without stop() (a crash, an uncaught error), n8n and its task runner go with it.
	const killOnExit = () => {
		try {
			if (exitCode === undefined) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	};
	process.once('exit', killOnExit);

	const baseUrl = `http://127.0.0.1:${port}`;
	const server = {
		baseUrl,
		port,
		userFolder,
		logFile,
		dbFile: path.join(userFolder, '.n8n', 'database.sqlite'),
		env,
		encryptionKey,
		runtime,
		pid: child.pid,
		cookie: undefined,
		apiKey: undefined,
		owner: undefined,
		async stop() {
			process.removeListener('exit', killOnExit);
			if (exitCode !== undefined) return;
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				return;
			}
			let timer;
			const timedOut = await Promise.race([
				exited.then(() => false),
				new Promise((resolve) => (timer = setTimeout(() => resolve(true), 15000))),
			]);
			clearTimeout(timer);
			if (timedOut) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					// already gone
				}
				await exited;
			}
			// the task runner sits in the same group; make sure nothing of it lingers
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// the group is empty
			}
		},
	};
	Object.assign(server, clientFor(server));

	const deadline = Date.now() + (options.startTimeoutMs || 120000);
	for (const check of ['/healthz', '/healthz/readiness']) {
		while ((await fetchStatus(baseUrl + check)) !== 200) {
			if (exitCode !== undefined) {
				throw new Error(`n8n exited (${exitCode}) while starting; log: ${logFile}\n${tailOf(logFile)}`);
			}
			if (Date.now() > deadline) {
				await server.stop();
				throw new Error(`n8n did not answer ${check} in time; log: ${logFile}\n${tailOf(logFile)}`);
			}
			await sleep(250);
		}
		log(`${check} answered after ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}

	if (options.setupOwner !== false) {
		try {
			await server.setupOwner(options.owner);
			await server.createApiKey();
		} catch (error) {
			await server.stop();
			throw error;
		}
	}
	return server;
}

function tailOf(file, lines = 30) {
	try {
		return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

const DEFAULT_OWNER = {
	email: 'owner@example.com',
	password: 'PlumDemo-2026',
	firstName: 'Demo',
	lastName: 'Owner',
};

/** REST (owner cookie) and public API (API key) helpers bound to one running n8n. */
function clientFor(server) {
	async function request(method, url, { body, headers = {}, expect } = {}) {
		const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(60000) };
		if (body !== undefined) {
			init.headers['content-type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		const response = await fetch(server.baseUrl + url, init);
		const text = await response.text();
		let parsed;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			parsed = text;
		}
		const ok = expect ? expect.includes(response.status) : response.ok;
		if (!ok) {
			throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
		}
		return { status: response.status, body: parsed, headers: response.headers };
	}

	/** The internal REST API the editor uses, authenticated with the owner's cookie. Unwraps { data }. */
	async function rest(method, url, body, options = {}) {
		if (!server.cookie) throw new Error('no owner cookie yet: call setupOwner() or login() first');
		const answer = await request(method, `/rest${url}`, {
			body,
			headers: { cookie: server.cookie, 'browser-id': BROWSER_ID },
			...options,
		});
		return answer.body && typeof answer.body === 'object' && 'data' in answer.body ? answer.body.data : answer.body;
	}

	/** The public API (/api/v1), authenticated with the API key. */
	async function api(method, url, body, options = {}) {
		if (!server.apiKey) throw new Error('no API key yet: call createApiKey() first');
		const answer = await request(method, `/api/v1${url}`, {
			body,
			headers: { 'X-N8N-API-KEY': server.apiKey },
			...options,
		});
		return answer.body;
	}

	function keepCookie(headers) {
		const cookies = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [];
		const auth = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (!auth) throw new Error('n8n did not set its n8n-auth cookie');
		server.cookie = auth;
	}

	async function setupOwner(owner = DEFAULT_OWNER) {
		const answer = await request('POST', '/rest/owner/setup', {
			body: owner,
			headers: { 'browser-id': BROWSER_ID },
		});
		keepCookie(answer.headers);
		server.owner = { email: owner.email, password: owner.password };
		return server.owner;
	}

	async function login(email = server.owner?.email, password = server.owner?.password) {
		const answer = await request('POST', '/rest/login', {
			body: { emailOrLdapLoginId: email, password },
			headers: { 'browser-id': BROWSER_ID },
		});
		keepCookie(answer.headers);
		server.owner = { email, password };
	}

	async function createApiKey(label = 'plum-e2e') {
		const scopes = await rest('GET', '/api-keys/scopes');
		const key = await rest('POST', '/api-keys', { label, expiresAt: null, scopes });
		server.apiKey = key.rawApiKey;
		return server.apiKey;
	}

	/** Creates a credential; returns { id, name, type }. */
	async function createCredential({ name, type = 'plumVoiceApi', data }) {
		const created = await api('POST', '/credentials', { name, type, data });
		return { id: created.id, name: created.name, type: created.type };
	}

	/**
	 * Creates a workflow from an exported workflow JSON (only the fields the public API accepts are sent).
	 * `credentials` maps a credential type to { id, name } and is attached to every node using that type.
	 */
	async function createWorkflow(workflow, { credentials = {}, name } = {}) {
		const nodes = workflow.nodes.map((node) => {
			const copy = JSON.parse(JSON.stringify(node));
			for (const type of Object.keys(copy.credentials || {})) {
				if (credentials[type]) copy.credentials[type] = { id: credentials[type].id, name: credentials[type].name };
			}
			return copy;
		});
		const body = {
			name: name || workflow.name,
			nodes,
			connections: workflow.connections || {},
			settings: { executionOrder: 'v1', ...(workflow.settings || {}) },
		};
		return await api('POST', '/workflows', body);
	}

	/** Publishes (n8n 1.x: activates) a workflow so its production webhooks answer. */
	async function publishWorkflow(id) {
		return await api('POST', `/workflows/${id}/publish`, {});
	}

	/**
	 * Runs a workflow the way the editor's "Execute workflow" button does (from its manual trigger) and waits for
	 * the execution to finish. Returns the execution with its data.
	 */
	async function runWorkflow(id, { triggerNode, timeoutMs = 60000 } = {}) {
		if (!triggerNode) {
			const workflow = await api('GET', `/workflows/${id}`);
			const manual = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
			if (!manual) throw new Error(`workflow ${id} has no Manual Trigger node; pass { triggerNode }`);
			triggerNode = manual.name;
		}
		const started = await rest('POST', `/workflows/${id}/run`, { triggerToStartFrom: { name: triggerNode } });
		if (!started || !started.executionId) {
			throw new Error(`n8n did not start the workflow: ${JSON.stringify(started).slice(0, 300)}`);
		}
		return await waitForExecution(started.executionId, timeoutMs);
	}

	async function waitForExecution(executionId, timeoutMs = 60000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await api('GET', `/executions/${executionId}?includeData=true`, undefined, {
				expect: [200, 404],
			});
			if (execution && execution.finished !== undefined && execution.status && !['new', 'running', 'waiting'].includes(execution.status)) {
				return execution;
			}
			if (Date.now() > deadline) throw new Error(`execution ${executionId} did not finish in time`);
			await sleep(300);
		}
	}

	/** Executions (newest first), with their run data when includeData. */
	async function listExecutions({ workflowId, includeData = true, status, limit = 100 } = {}) {
		const query = new URLSearchParams({ includeData: String(includeData), limit: String(limit) });
		if (workflowId) query.set('workflowId', String(workflowId));
		if (status) query.set('status', status);
		const answer = await api('GET', `/executions?${query}`);
		return answer.data;
	}

	/** Runs an n8n CLI command against the same user folder (another broker port, so it can run beside the server). */
	async function cli(args, { timeoutMs = 120000 } = {}) {
		const env = { ...server.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		const result = spawnSync(server.runtime.nodeBin, [server.runtime.n8nBin, ...args], {
			cwd: server.userFolder,
			env,
			encoding: 'utf8',
			timeout: timeoutMs,
			maxBuffer: 64 * 1024 * 1024,
		});
		return { status: result.status, stdout: result.stdout || '', stderr: result.stderr || '' };
	}

	/** What n8n loaded: `n8n export:nodes` output (an array of node type descriptions). */
	async function exportNodes() {
		const file = path.join(server.userFolder, `nodes-${Date.now()}.json`);
		const result = await cli(['export:nodes', `--output=${file}`]);
		if (result.status !== 0) throw new Error(`n8n export:nodes failed: ${result.stderr.slice(-500)}`);
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	}

	return {
		request,
		rest,
		api,
		setupOwner,
		login,
		createApiKey,
		createCredential,
		createWorkflow,
		publishWorkflow,
		runWorkflow,
		waitForExecution,
		listExecutions,
		cli,
		exportNodes,
	};
}

/** What another process (a test file) needs to talk to a running n8n; see connectN8n(). */
function describeServer(server) {
	const { baseUrl, port, userFolder, logFile, dbFile, env, runtime, pid, cookie, apiKey, owner } = server;
	return { baseUrl, port, userFolder, logFile, dbFile, env, runtime, pid, cookie, apiKey, owner };
}

/** REST/API/CLI helpers for an n8n started elsewhere (from describeServer()); it cannot stop that n8n. */
function connectN8n(description) {
	const server = { ...description };
	Object.assign(server, clientFor(server));
	return server;
}

module.exports = {
	startN8n,
	describeServer,
	connectN8n,
	packPackage,
	installPackage,
	freePort,
	portOrFree,
	DEFAULT_OWNER,
	PACKAGE_NAME,
	BROWSER_ID,
	REPO_ROOT,
};
