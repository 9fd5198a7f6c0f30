/**
 * End-to-end tests against a real n8n 2.41.1 with the packed package installed (`npm run test:e2e`).
 * One n8n for all files (globalSetup); files run one after another in name order (the secrets scan is last).
 */
const path = require('node:path');

module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/globalSetup.js',
	globalTeardown: '<rootDir>/test/e2e/globalTeardown.js',
	testSequencer: '<rootDir>/test/e2e/sequencer.js',
	maxWorkers: 1,
	testTimeout: 180000,
	slowTestThreshold: 60,
};
