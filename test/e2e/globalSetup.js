// Starts, once for all e2e files: the cached n8n runtime (installed on first use), the packed package, and n8n.
// Each test file starts its own Plum sandbox and creates its own credentials and workflows.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureRuntime } = require('../../scripts/runtime');
const { startN8n, packPackage, describeServer } = require('../../scripts/n8nServer');
const { CRM_CSV } = require('../../scripts/exampleWorkflows');

module.exports = async function globalSetup() {
	const started = Date.now();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-e2e-'));
	const runtime = ensureRuntime();
	const packageTgz = packPackage(path.join(workDir, 'pack'));
	// n8n 2.x reads files only inside N8N_RESTRICT_FILE_ACCESS_TO: the CRM export goes there.
	const filesDir = path.join(workDir, 'files');
	fs.mkdirSync(filesDir);
	const csvPath = path.join(filesDir, 'crm-export.csv');
	fs.copyFileSync(CRM_CSV, csvPath);

	const n8n = await startN8n({
		runtime,
		packageTgz,
		userFolder: path.join(workDir, 'user'),
		logFile: path.join(workDir, 'n8n.log'),
		// debug level: the secrets scan then also covers what n8n logs about requests and credentials
		extraEnv: { N8N_RESTRICT_FILE_ACCESS_TO: filesDir, N8N_LOG_LEVEL: 'debug' },
	});
	globalThis.__PLUM_E2E__ = { n8n, workDir };
	// startN8n also kills n8n when this process exits without globalTeardown.

	const statePath = path.join(workDir, 'state.json');
	fs.writeFileSync(statePath, JSON.stringify({ ...describeServer(n8n), workDir, csvPath, packageTgz }, null, 2), {
		mode: 0o600,
	});
	process.env.PLUM_E2E_STATE = statePath;
	process.stderr.write(`\n[e2e] n8n ready at ${n8n.baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${n8n.logFile})\n`);
};
