/**
 * `npm run test:reliability`: injected faults, generated bad input and secret checks, run apart from the unit
 * and engine tests because they take minutes, not seconds. Prints a summary table when the run ends.
 */
const base = require('../../jest.config.js');

module.exports = {
	...base,
	rootDir: '../..',
	roots: ['<rootDir>/test/reliability'],
	testPathIgnorePatterns: ['/node_modules/'],
	reporters: ['default', '<rootDir>/test/reliability/tableReporter.js'],
	// Faults and hangs are the point here: a test that waits longer than this is a hang the node let through.
	testTimeout: 60000,
	// Two cores: the fault suite and the property suite run side by side, no more.
	maxWorkers: 2,
};
