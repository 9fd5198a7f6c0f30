/**
 * Result callbacks under load in a real n8n: 1,000 callbacks, 50 at a time, to a published Plum Outbound Trigger
 * must each start exactly one run (none lost, none doubled); 100 with a wrong secret must start none.
 */
import { randomUUID } from 'node:crypto';

import { connect, examples, waitFor, type Execution, type N8n } from './harness';

const { sendCallbacks, percentile } = require('../../scripts/callbackLoad') as {
	sendCallbacks: (options: Record<string, unknown>) => Promise<LoadResult>;
	percentile: (latencies: number[], p: number) => number;
};

interface LoadResult {
	sent: number;
	statuses: Record<string, number>;
	latencies: number[];
	failures: Array<{ index: number; status: number; error?: string }>;
}

const SECRET = 'e2e-load-secret-5c09';
const CALLBACKS = 1000;
const CONCURRENCY = 50;
const WRONG_SECRET_CALLBACKS = 100;
const TRIGGER_NODE = 'Plum Outbound Trigger';

/** The three shapes Plum may post: the deployment API's call_details (JSON), DEV form fields, and XML. */
function callback(index: number): { body: string; contentType: string } {
	const callId = `load-${index}`;
	switch (index % 3) {
		case 0:
			return {
				contentType: 'application/json',
				body: JSON.stringify({ call_id: callId, status: 'completed', attempts: '1', max_attempts: '1', phone_number: "'6175550101'", duration: 12 }),
			};
		case 1:
			return {
				contentType: 'application/x-www-form-urlencoded',
				body: new URLSearchParams({ call_id: callId, status: 'completed', message_reference: `LOAD-${index}`, phone_number: 'tel:+16175550101' }).toString(),
			};
		default:
			return {
				contentType: 'application/xml',
				body: `<?xml version="1.0"?><result><call_id>${callId}</call_id><status>completed</status><attempts>1</attempts></result>`,
			};
	}
}

describe('result callbacks under load in a real n8n', () => {
	let n8n: N8n;
	let workflowId: string;
	let productionUrl: string;
	const summary = { sent: 0, accepted: 0, runs: 0, lost: 0, duplicates: 0, wrongSecretSent: 0, wrongSecretRuns: 0, p50: 0, p95: 0 };

	beforeAll(async () => {
		n8n = connect();
		const webhookId = randomUUID();
		productionUrl = examples.resultUrlFor(n8n.baseUrl, webhookId, SECRET);
		const workflow = await n8n.createWorkflow(examples.triggerWorkflow({ webhookId, secret: SECRET, name: 'e2e: callbacks under load' }));
		workflowId = workflow.id;
		await n8n.publishWorkflow(workflow.id);
		await waitFor(async () => ((await fetch(productionUrl)).status === 200 ? true : undefined), 'the production webhook');
	});

	afterAll(() => {
		const rows = [
			['callbacks sent', summary.sent],
			['answered 2xx', summary.accepted],
			['runs started', summary.runs],
			['lost', summary.lost],
			['duplicates', summary.duplicates],
			['wrong-secret callbacks sent', summary.wrongSecretSent],
			['wrong-secret runs', summary.wrongSecretRuns],
			['latency p50 / p95 (ms)', `${summary.p50.toFixed(0)} / ${summary.p95.toFixed(0)}`],
		];
		const width = Math.max(...rows.map(([name]) => String(name).length));
		process.stdout.write(`\nWebhook load (${CONCURRENCY} at a time)\n${rows.map(([name, value]) => `  ${String(name).padEnd(width)}  ${value}`).join('\n')}\n`);
	});

	/** Every run of the load workflow (the public API pages by cursor, at most 250 a page). */
	async function runs(includeData: boolean): Promise<Execution[]> {
		const all: Execution[] = [];
		let cursor: string | undefined;
		do {
			const query = new URLSearchParams({ workflowId, includeData: String(includeData), limit: '250' });
			if (cursor) query.set('cursor', cursor);
			const page = (await n8n.api('GET', `/executions?${query}`)) as { data: Execution[]; nextCursor?: string | null };
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}

	/** Waits until `expected` runs have finished, or until the count stops growing for 60 s (a loaded machine saves runs slowly). */
	async function settledRuns(expected: number): Promise<Execution[]> {
		let last = -1;
		let lastChange = Date.now();
		for (;;) {
			const found = await runs(false);
			const finished = found.filter((execution) => execution.status !== 'running' && execution.status !== 'new');
			if (finished.length >= expected && finished.length === found.length) return await runs(true);
			if (found.length !== last) {
				last = found.length;
				lastChange = Date.now();
			} else if (Date.now() - lastChange > 60000) {
				return await runs(true);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	it(`starts exactly one run for each of ${CALLBACKS} callbacks sent ${CONCURRENCY} at a time`, async () => {
		const load = await sendCallbacks({
			url: productionUrl,
			count: CALLBACKS,
			concurrency: CONCURRENCY,
			bodyFor: (index: number) => callback(index).body,
			contentType: (index: number) => callback(index).contentType,
		});
		summary.sent = load.sent;
		summary.accepted = Object.entries(load.statuses)
			.filter(([status]) => Number(status) >= 200 && Number(status) < 300)
			.reduce((sum, [, count]) => sum + count, 0);
		summary.p50 = percentile(load.latencies, 50);
		summary.p95 = percentile(load.latencies, 95);

		const executions = await settledRuns(CALLBACKS);
		const callIds = executions.map((execution) => {
			const runData = execution.data.resultData.runData[TRIGGER_NODE];
			return String(runData?.[0]?.data?.main[0]?.[0]?.json.call_id);
		});
		const distinct = new Set(callIds);
		summary.runs = executions.length;
		summary.duplicates = callIds.length - distinct.size;
		summary.lost = Array.from({ length: CALLBACKS }, (_, index) => `load-${index}`).filter((id) => !distinct.has(id)).length;

		expect(load.failures).toEqual([]);
		expect(load.statuses).toEqual({ 200: CALLBACKS });
		expect(summary.lost).toBe(0);
		expect(summary.duplicates).toBe(0);
		expect(executions).toHaveLength(CALLBACKS);
		expect(executions.filter((execution) => execution.status !== 'success')).toEqual([]);
	});

	it(`refuses ${WRONG_SECRET_CALLBACKS} callbacks with a wrong secret without starting a run`, async () => {
		const before = (await runs(false)).length;
		const wrong = await sendCallbacks({
			url: productionUrl.replace(encodeURIComponent(SECRET), 'not-the-secret'),
			count: WRONG_SECRET_CALLBACKS,
			concurrency: CONCURRENCY,
			bodyFor: (index: number) => callback(CALLBACKS + index).body,
			contentType: (index: number) => callback(CALLBACKS + index).contentType,
		});
		summary.wrongSecretSent = wrong.sent;
		// Runs are started before the answer is sent; a moment more covers any stragglers.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		summary.wrongSecretRuns = (await runs(false)).length - before;

		expect(wrong.statuses).toEqual({ 401: WRONG_SECRET_CALLBACKS });
		expect(summary.wrongSecretRuns).toBe(0);
	});
});
