// Runs the e2e files in name order (01-…, 02-…), except the secrets scan (*no-secrets*), which runs after all the
// others so it covers everything they made n8n store and log.
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const runsLast = (test) => (path.basename(test.path).includes('no-secrets') ? 1 : 0);

class ByName extends Sequencer {
	sort(tests) {
		return [...tests].sort((a, b) => runsLast(a) - runsLast(b) || a.path.localeCompare(b.path));
	}
}

module.exports = ByName;
