import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import puppeteer, { type Browser } from 'puppeteer-core';

import { connect, e2eState, examples, type N8n } from './harness';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Chromium on a machine without outside network: no background connections, no updates (N8N-NOTES).
const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run',
];
const SCREENSHOT = path.resolve(__dirname, '..', '..', 'artifacts', 'e2e', 'plum-outbound-panel.png');

describe('the Plum Outbound node in the n8n editor', () => {
	let n8n: N8n;
	let browser: Browser;
	let userDataDir: string;

	beforeAll(async () => {
		n8n = connect();
		userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-e2e-chromium-'));
		browser = await puppeteer.launch({
			executablePath: CHROMIUM,
			headless: true,
			userDataDir,
			args: CHROMIUM_FLAGS,
			defaultViewport: { width: 1600, height: 1000 },
		});
	});

	afterAll(async () => {
		await browser?.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	});

	it('shows the campaign fields when the node is opened', async () => {
		const credential = await n8n.createCredential({
			name: 'Plum Voice API (editor check)',
			data: { authMode: 'devLoginPin', login: 'editor-login', pin: 'editor-pin', devBaseUrl: 'http://127.0.0.1:9/webservice/' },
		});
		const workflow = await n8n.createWorkflow(
			examples.campaignWorkflow('crm-export-to-campaign.json', { csvPath: e2eState().csvPath, name: 'e2e: editor panel' }),
			{ credentials: { plumVoiceApi: credential } },
		);
		const page = await browser.newPage();

		await page.goto(`${n8n.baseUrl}/signin`, { waitUntil: 'networkidle2' });
		await page.type('input[name="emailOrLdapLoginId"]', n8n.owner.email);
		await page.type('input[name="password"]', n8n.owner.password);
		await Promise.all([
			page.waitForFunction('!location.pathname.startsWith("/signin")', { timeout: 30000 }),
			page.click('[data-test-id="form-submit-button"]'),
		]);
		await page.goto(`${n8n.baseUrl}/workflow/${workflow.id}`, { waitUntil: 'networkidle2' });
		const node = await page.waitForSelector('[data-test-id="canvas-node"][data-node-name="Plum Outbound"]', { timeout: 60000 });
		await node!.click({ count: 2 });
		const panel = await page.waitForSelector('[data-test-id="ndv"]', { visible: true, timeout: 30000 });
		// The panel's fields render after the panel itself (page functions as strings: no DOM types in this project).
		await page.waitForFunction(`document.querySelector('[data-test-id="ndv"]')?.innerText.includes('Start URL')`, {
			timeout: 30000,
		});
		fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
		await page.screenshot({ path: SCREENSHOT as `${string}.png` });
		const text = await panel!.evaluate((element) => (element as unknown as { innerText: string }).innerText);
		// Selects and the credential picker show their values in inputs, not in the panel's text.
		const inputValues = await panel!.$$eval('input', (inputs) =>
			inputs.map((input) => (input as unknown as { value: string }).value),
		);

		expect(text).toContain('Campaign Name');
		expect(text).toContain('Start URL');
		expect(text).toContain('Phone Number');
		expect(inputValues).toContain('Queue a Campaign');
		expect(inputValues).toContain('Plum Voice API (editor check)');
		expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10000);
	});
});
