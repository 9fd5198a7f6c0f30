/** scripts/scan-secrets.js, which the end-to-end suite runs over n8n's database and logs. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { createTally } from './support/tally';

const SCANNER = path.resolve(__dirname, '../../scripts/scan-secrets.js');
const PIN = 'Pin7731&Secret';
const KEY = 'dk-Engine-Secret-9d8c';

const tally = createTally('secret scanner', ['cases']);
let folder: string;

beforeEach(() => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-scan-'));
});
afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));
afterAll(() => tally.save());

function scan(...targets: string[]) {
	const result = spawnSync(process.execPath, [SCANNER, ...targets, '--secret', PIN, `--secret=${KEY}`], { encoding: 'utf8' });
	tally.add({ cases: 1 });
	return result;
}

function write(name: string, content: string | Buffer): string {
	const file = path.join(folder, name);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, content);
	return file;
}

test('exits 0 for folders without secrets, however deep', () => {
	write('a/b/c/log.txt', 'nothing to see: Pin7731 Secret dk-Engine');
	write('db.sqlite', Buffer.from([0, 1, 2, 255, 254]));
	const result = scan(folder);
	expect(result.stdout).toMatch(/no secret found; 2 file\(s\)/);
	expect(result.status).toBe(0);
});

test.each([
	['as written', `"pin":"${PIN}"`],
	['URL-encoded', `login=x&pin=${encodeURIComponent(PIN)}`],
	['escaped in XML', `<pin>${PIN.replace('&', '&amp;')}</pin>`],
	['inside an HTTP Basic header', `Authorization: Basic ${Buffer.from(`ops@example.com:${KEY}`).toString('base64')}`],
	['base64 at another alignment', Buffer.from(`xy:${KEY}!`).toString('base64')],
	['as UTF-16', Buffer.from(`key=${KEY}`, 'utf16le')],
])('finds a secret %s and exits 1 without printing it', (_form, content) => {
	write('nested/run.log', content);
	const result = scan(folder);
	expect(result.status).toBe(1);
	expect(result.stdout).toMatch(/LEAK .*nested[\\/]run\.log at byte \d+: secret #\d/);
	expect(result.stdout + result.stderr).not.toContain(PIN);
	expect(result.stdout + result.stderr).not.toContain(KEY);
});

test('finds a secret that straddles two read chunks of a large file', () => {
	const chunk = 1024 * 1024;
	const content = Buffer.alloc(chunk + 4096, 0x61);
	Buffer.from(KEY).copy(content, chunk - 7);
	const file = write('big.db', content);
	const result = scan(file);
	expect(result.stdout).toContain(`at byte ${chunk - 7}`);
	expect(result.status).toBe(1);
});

test('exits 2 when no secret or no path is given, or a path does not exist', () => {
	expect(spawnSync(process.execPath, [SCANNER, folder], { encoding: 'utf8' }).status).toBe(2);
	expect(spawnSync(process.execPath, [SCANNER, '--secret', PIN], { encoding: 'utf8' }).status).toBe(2);
	expect(spawnSync(process.execPath, [SCANNER, path.join(folder, 'missing'), '--secret', PIN], { encoding: 'utf8' }).status).toBe(2);
	tally.add({ cases: 3 });
});
