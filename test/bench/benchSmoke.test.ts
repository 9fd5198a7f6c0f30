/**
 * The benchmark's code paths at 1,000 contacts (bench/, see `npm run bench`): every figure's run gives correct
 * results, and the files curl uploads are byte for byte what the node uploads. No timing is asserted here.
 * The package is loaded from its TypeScript sources, so this needs no build.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { loadProject, REPO_ROOT } = require('../../bench/project');
const { runCampaign, runBulkQueue, runExchangeFloor, curlCampaign, curlBulkQueue } = require('../../bench/campaign');
const { campaignPhoneList, deploymentCsv, humanPhone } = require('../../bench/data');
const { measureScaling, scalingInput, buildCampaignList, checkList } = require('../../bench/scaling');
const { measureWebhook } = require('../../bench/trigger');
const { runSingleCalls, pacingFromExchanges } = require('../../bench/pacing');
const { startWatchedSandbox } = require('../../bench/sandboxProcess');
const { runWorker } = require('../../bench/child');
const { renderTable } = require('../../bench/table');
const { ownFaults, reapedChildFaults, faultCostUs } = require('../../bench/pageFaults');
const { watchCollections, sumCollections } = require('../../bench/garbageCollections');
const { measureMappings, MAPPINGS } = require('../../bench/mappings');

const CONTACTS = 1000;
const hasCurl = spawnSync('curl', ['--version']).status === 0;

interface WatchedSandbox {
	sandbox: {
		devBaseUrl: string;
		deploymentBaseUrl: string;
		requests: Array<{ endpoint: string; files: Record<string, { content?: string }> }>;
		reset(): void;
		close(): Promise<void>;
	};
	watch: { exchanges: Array<{ path: string; arrivedMs: number; answeredMs: number | null }>; maxInFlight: number; reset(): void };
}

describe('the benchmark at 1,000 contacts', () => {
	const project = loadProject(REPO_ROOT);
	let watched: WatchedSandbox;
	let workDir: string;

	beforeAll(async () => {
		watched = await startWatchedSandbox({ recordBodies: true });
		workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-bench-smoke-'));
	});
	afterAll(async () => {
		await watched.sandbox.close();
		fs.rmSync(workDir, { recursive: true, force: true });
	});
	beforeEach(() => {
		watched.sandbox.reset();
		watched.watch.reset();
	});

	function uploadedFile(endpoint: string, field: string): string | undefined {
		const upload = watched.sandbox.requests.find((request) => request.endpoint === endpoint);
		return upload?.files[field]?.content;
	}

	test.each(['expression', 'plain'])(
		'queues a campaign from %s parameters with one paired output item per contact, uploading the list curl uploads',
		async (variant) => {
			const result = await runCampaign(project, {
				count: CONTACTS,
				variant,
				devBaseUrl: watched.sandbox.devBaseUrl,
				campaignName: `smoke ${variant}`,
			});
			expect(result.outputItems).toBe(CONTACTS);
			// 1,000 output items and their answer are fresh memory the run had to touch.
			expect(result.minorFaults).toBeGreaterThan(0);
			expect(result.gcMs).toBeGreaterThanOrEqual(0);
			expect(result.gcAfterMs).toBeGreaterThanOrEqual(0);
			expect(uploadedFile('queuecalls', 'phone_list')).toBe(campaignPhoneList(CONTACTS));
		},
	);

	test('queues a bulk CSV with five variable columns, uploading the CSV curl uploads', async () => {
		const result = await runBulkQueue(project, { count: CONTACTS, deploymentBaseUrl: watched.sandbox.deploymentBaseUrl });
		expect(result.outputItems).toBe(1);
		expect(uploadedFile('bulkQueue', 'csv')).toBe(deploymentCsv(CONTACTS));
	});

	test('the exchange floor sends the file curl uploads from inside the engine and checks that Plum queued every contact', async () => {
		const list = path.join(workDir, 'floor_list.txt');
		const csv = path.join(workDir, 'floor.csv');
		fs.writeFileSync(list, campaignPhoneList(CONTACTS));
		fs.writeFileSync(csv, deploymentCsv(CONTACTS));
		const { devBaseUrl, deploymentBaseUrl } = watched.sandbox;
		const campaign = await runExchangeFloor(project, { kind: 'campaign', count: CONTACTS, file: list, devBaseUrl, campaignName: 'smoke floor' });
		const bulk = await runExchangeFloor(project, { kind: 'deployment', count: CONTACTS, file: csv, deploymentBaseUrl });
		expect(campaign.ms).toBeGreaterThan(0);
		expect(bulk.ms).toBeGreaterThan(0);
		expect(uploadedFile('queuecalls', 'phone_list')).toBe(campaignPhoneList(CONTACTS));
		expect(uploadedFile('bulkQueue', 'csv')).toBe(deploymentCsv(CONTACTS));
		// An answer that does not queue every contact is not a floor of the figure.
		await expect(
			runExchangeFloor(project, { kind: 'campaign', count: CONTACTS + 1, file: list, devBaseUrl, campaignName: 'smoke floor short' }),
		).rejects.toThrow(`holds ${CONTACTS} calls for ${CONTACTS + 1} contacts`);
	});

	test('warm figures run the workflow first against a sandbox of their own, so the measured sandbox sees one request', async () => {
		const campaign = await runCampaign(project, {
			count: CONTACTS,
			variant: 'expression',
			devBaseUrl: watched.sandbox.devBaseUrl,
			campaignName: 'smoke warm',
			warmUpRuns: 2,
		});
		const bulk = await runBulkQueue(project, {
			count: CONTACTS,
			deploymentBaseUrl: watched.sandbox.deploymentBaseUrl,
			warmUpRuns: 1,
		});
		expect(campaign.outputItems).toBe(CONTACTS);
		expect(bulk.outputItems).toBe(1);
		expect(watched.sandbox.requests.map((request) => request.endpoint)).toEqual(['queuecalls', 'bulkQueue']);
		expect(watched.watch.exchanges).toHaveLength(2);
	});

	(hasCurl ? test : test.skip)('curl uploads the same phone list and CSV and gets every call queued', async () => {
		const list = path.join(workDir, 'phone_list.txt');
		const csv = path.join(workDir, 'contacts.csv');
		fs.writeFileSync(list, campaignPhoneList(CONTACTS));
		fs.writeFileSync(csv, deploymentCsv(CONTACTS));
		await curlCampaign({
			file: list,
			answerFile: path.join(workDir, 'answer.xml'),
			devBaseUrl: watched.sandbox.devBaseUrl,
			campaignName: 'smoke curl',
			count: CONTACTS,
		});
		await curlBulkQueue({
			file: csv,
			answerFile: path.join(workDir, 'answer.json'),
			deploymentBaseUrl: watched.sandbox.deploymentBaseUrl,
			count: CONTACTS,
		});
		expect(uploadedFile('queuecalls', 'phone_list')).toBe(campaignPhoneList(CONTACTS));
		expect(uploadedFile('bulkQueue', 'csv')).toBe(deploymentCsv(CONTACTS));
	});

	test('the scaling figure builds a correct phone list of every size it times', async () => {
		const input = scalingInput(CONTACTS);
		const list = buildCampaignList(project, input);
		expect(() => checkList(list, input)).not.toThrow();
		expect(() => checkList(list.toString('utf8').replace('c-7,', 'c-8,'), input)).toThrow(/line 8/);
		const measured = await measureScaling(project, { count: CONTACTS, rounds: 2 });
		expect(measured.nsPerContact).toHaveLength(2);
		expect(measured.gcNsPerContact).toHaveLength(2);
	});

	test.each(['form', 'json', 'xml'])('the webhook figure gets a 200 and a run with its own call_id for every %s callback', async (format) => {
		const result = await measureWebhook(project, { count: 200, format });
		expect(result.count).toBe(200);
		expect(result.perSecond).toBeGreaterThan(0);
	});

	test('paced single calls reach the sandbox one at a time, one request per item', async () => {
		const result = await runSingleCalls(project, { count: 4, callsPerSecond: 10, devBaseUrl: watched.sandbox.devBaseUrl });
		expect(result.outputItems).toBe(4);
		const pacing = pacingFromExchanges(watched.watch.exchanges);
		expect(pacing.requests).toBe(4);
		expect(pacing.maxInFlight).toBe(1);
		expect(watched.watch.maxInFlight).toBe(1);
	});
});

describe('the benchmark helpers', () => {
	test('pacing is read from arrivals: rate over the span, most overlapping requests', () => {
		const exchange = (arrivedMs: number, answeredMs: number) => ({ path: '/webservice/queuecall.php', arrivedMs, answeredMs });
		const paced = pacingFromExchanges([exchange(0, 10), exchange(200, 210), exchange(400, 410), exchange(600, 610)]);
		expect(paced.perSecond).toBeCloseTo(5, 9);
		expect(paced.maxInFlight).toBe(1);
		const overlapping = pacingFromExchanges([exchange(0, 300), exchange(200, 210), exchange(300, 310)]);
		expect(overlapping.maxInFlight).toBe(2);
	});

	test('contacts have unique numbers in mixed formats', () => {
		const phones = Array.from({ length: 16 }, (_unused, index) => humanPhone(index));
		expect(new Set(phones.map((phone) => String(phone).replace(/\D/g, ''))).size).toBe(16);
		expect(phones.some((phone) => typeof phone === 'number')).toBe(true);
		expect(phones.some((phone) => String(phone).startsWith('('))).toBe(true);
	});

	test('a worker process holding the input items reports its peak memory', async () => {
		const result = await runWorker('hold-items', { kind: 'campaign', count: CONTACTS });
		expect(result.heldItems).toBe(CONTACTS);
		expect(result.maxRssKb).toBeGreaterThan(1024);
	});

	test('page faults are counted for this process and for a child once it has exited', () => {
		const before = ownFaults();
		// 8 MB of fresh memory, written: at least a fault per 4 KB page unless the system maps huge pages.
		Buffer.alloc(8 * 1024 * 1024).fill(1);
		expect(ownFaults()).toBeGreaterThan(before);
		const reapedBefore = reapedChildFaults();
		if (reapedBefore === undefined) return; // no /proc here
		// A child touches memory of its own while it loads and runs.
		spawnSync(process.execPath, ['-e', 'Buffer.alloc(8 * 1024 * 1024).fill(1)']);
		expect(reapedChildFaults() - reapedBefore).toBeGreaterThan(1000);
		expect(faultCostUs(1)).toBeGreaterThan(0);
	});

	test('garbage collections are told apart by whether they started inside the run or after it', () => {
		const collection = (startTime: number, duration: number) => ({ startTime, duration });
		const entries = [collection(99, 40), collection(100, 1), collection(150, 2), collection(200, 4), collection(260, 8)];
		expect(sumCollections(entries, 100, 200)).toEqual({ duringMs: 3, afterMs: 12 });
		expect(sumCollections([], 100, 200)).toEqual({ duringMs: 0, afterMs: 0 });
	});

	test("V8's garbage collections are seen while a run allocates", async () => {
		const collections = watchCollections();
		// Short-lived objects by the million, each kept a moment where the test can see it, so V8 cannot optimise the
		// allocations away: the young generation fills and is collected. (Whether a collection also falls after the
		// run is V8's choice, so that is checked above on given entries, not here.)
		const kept: Array<Array<{ index: number }>> = [];
		const from = performance.now();
		const recent = new Array<{ index: number }>(1024);
		for (let index = 0; index < 3_000_000; index++) recent[index & 1023] = { index };
		kept.push(recent);
		const to = performance.now();
		expect(kept).toHaveLength(1);
		const { duringMs } = await collections.measure(from, to, 20);
		expect(duringMs).toBeGreaterThan(0);
		// An empty run has nothing inside it.
		const now = performance.now();
		expect((await watchCollections().measure(now, now, 20)).duringMs).toBe(0);
	});

	test("the per-item mappings are timed read by the node and by n8n's evaluator, and both read the same text", async () => {
		const project = loadProject(REPO_ROOT);
		const byNode = await measureMappings(project, { reader: 'node', engine: 'legacy', count: 50 });
		const byN8n = await measureMappings(project, { reader: 'n8n', engine: 'legacy', count: 50 });
		expect(byN8n.engine).toBe('legacy');
		for (const mapping of MAPPINGS) {
			expect(byNode.usPerItem[mapping]).toBeGreaterThan(0);
			expect(byN8n.usPerItem[mapping]).toBeGreaterThan(0);
			expect(byNode.textLengths[mapping]).toBeGreaterThan(0);
			expect(byNode.textLengths[mapping]).toBe(byN8n.textLengths[mapping]);
		}
	});

	test('the table lists every row with its verdict', () => {
		const table = renderTable([
			{ id: '1', figure: 'A', measured: '1 s', baseline: 'curl 1 s', ratio: 1, target: '≤ 1.5×', met: true },
			{ id: '2', figure: 'B', measured: '3 s', baseline: 'curl 1 s', ratio: 3, target: '≤ 1.5×', met: false },
		]);
		const lines = table.split('\n');
		expect(lines).toHaveLength(4);
		expect(lines[2]).toMatch(/\| 1\.00× .*\| yes/);
		expect(lines[3]).toMatch(/\| 3\.00× .*\| \*\*no\*\*/);
	});
});
