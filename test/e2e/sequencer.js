// Runs the e2e files in name order (01-…, 02-…): the last one scans n8n's database and logs after all the others.
const Sequencer = require('@jest/test-sequencer').default;

class ByName extends Sequencer {
	sort(tests) {
		return [...tests].sort((a, b) => a.path.localeCompare(b.path));
	}
}

module.exports = ByName;
