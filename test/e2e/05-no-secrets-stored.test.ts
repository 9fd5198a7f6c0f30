import * as fs from 'node:fs';
import * as path from 'node:path';

import { E2E_SECRETS, e2eState } from './harness';

// Runs last (test/e2e/sequencer.js): by now the other files have created credentials with these secrets,
// queued campaigns and deployment calls with them, and received callbacks.

/** Every file n8n wrote: its database (with -wal/-shm), config, and binary data; not the installed package. */
function filesUnder(folder: string): string[] {
	const found: string[] = [];
	for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== 'node_modules') found.push(...filesUnder(full));
		} else if (entry.isFile()) {
			found.push(full);
		}
	}
	return found;
}

function filesContaining(files: string[], text: string): string[] {
	const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'), Buffer.from(Buffer.from(text).toString('base64'))];
	return files.filter((file) => {
		const bytes = fs.readFileSync(file);
		return needles.some((needle) => bytes.includes(needle));
	});
}

describe("n8n's stored data after the e2e runs", () => {
	const state = e2eState();
	const databaseFiles = fs.readdirSync(path.dirname(state.dbFile)).filter((name) => name.startsWith('database.sqlite'));
	const written = [...filesUnder(path.join(state.userFolder, '.n8n')), state.logFile];

	it('holds the run data the secrets scan is meant to cover', () => {
		expect(databaseFiles).toContain('database.sqlite');
		// Proof that the scan reads what the runs stored: a CRM id from the campaign runs, and a credential name.
		expect(filesContaining(written, 'CRM-1003').length).toBeGreaterThan(0);
		expect(filesContaining(written, 'Plum DEV (e2e campaign)').length).toBeGreaterThan(0);
		expect(fs.statSync(state.logFile).size).toBeGreaterThan(0);
	});

	it('never contains the PIN', () => {
		expect(filesContaining(written, E2E_SECRETS.pin)).toEqual([]);
	});

	it('never contains the developer key', () => {
		expect(filesContaining(written, E2E_SECRETS.developerKey)).toEqual([]);
	});
});
