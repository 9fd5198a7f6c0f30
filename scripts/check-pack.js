// Fails when `npm pack` would publish anything but dist/, README, LICENSE and package.json.
const { execFileSync } = require('node:child_process');

const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' }));
const files = listing[0].files.map((file) => file.path);
const unexpected = files.filter(
	(file) => !file.startsWith('dist/') && !['README.md', 'LICENSE', 'LICENSE.md', 'package.json'].includes(file),
);
const maps = files.filter((file) => file.startsWith('dist/test') || file.includes('/test/'));
if (unexpected.length > 0 || maps.length > 0) {
	console.error('npm pack would publish unexpected files:', [...unexpected, ...maps]);
	process.exit(1);
}
for (const needed of ['dist/nodes/PlumOutbound/PlumOutbound.node.js', 'dist/credentials/PlumVoiceApi.credentials.js', 'dist/nodes/PlumOutbound/plumVoice.svg', 'dist/nodes/PlumOutbound/PlumOutbound.node.json']) {
	if (!files.includes(needed)) {
		console.error(`npm pack is missing ${needed}: run npm run build first`);
		process.exit(1);
	}
}
console.log(`npm pack holds ${files.length} files, all under dist/ or README, LICENSE, package.json`);
