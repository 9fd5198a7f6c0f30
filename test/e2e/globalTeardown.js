// Stops the n8n of globalSetup and removes its temporary folder (keep it with PLUM_E2E_KEEP=1 to look at the log).
const fs = require('node:fs');

module.exports = async function globalTeardown() {
	const run = globalThis.__PLUM_E2E__;
	if (!run) return;
	await run.n8n.stop();
	if (process.env.PLUM_E2E_KEEP) {
		process.stderr.write(`[e2e] kept ${run.workDir}\n`);
	} else {
		fs.rmSync(run.workDir, { recursive: true, force: true });
	}
};
