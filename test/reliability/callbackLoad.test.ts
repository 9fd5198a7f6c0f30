/**
 * scripts/callbackLoad.js, the load generator of the webhook load test (test/e2e/webhookLoad.test.ts),
 * against a local server: it sends exactly what it says, never more at once than asked, and reports failures.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { createTally } from './support/tally';

const { sendCallbacks } = require('../../scripts/callbackLoad.js') as {
	sendCallbacks: (options: Record<string, unknown>) => Promise<{
		sent: number;
		statuses: Record<string, number>;
		latencies: number[];
		failures: Array<{ index: number; status: number }>;
	}>;
};

const tally = createTally('callback load generator (local server)', ['cases', 'requests', 'duplicates', 'lost']);
afterAll(() => tally.save());

async function startServer(answer: (body: string) => number) {
	const received: string[] = [];
	let inFlight = 0;
	let mostInFlight = 0;
	const server = http.createServer((request, response) => {
		inFlight++;
		mostInFlight = Math.max(mostInFlight, inFlight);
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			received.push(body);
			// A little delay, so requests overlap as they do against n8n.
			setTimeout(() => {
				inFlight--;
				response.writeHead(answer(body)).end('{}');
			}, 2);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/x/plum-result?secret=s`;
	return { server, url, received, mostInFlight: () => mostInFlight };
}

test('1,000 callbacks at 50 at a time all arrive once, and never more than 50 are in flight', async () => {
	const local = await startServer(() => 200);
	try {
		const result = await sendCallbacks({ url: local.url, count: 1000, concurrency: 50 });
		const ids = local.received.map((body) => (JSON.parse(body) as { call_id: string }).call_id);
		const unique = new Set(ids);
		tally.add({ cases: 1, requests: local.received.length, duplicates: ids.length - unique.size, lost: 1000 - unique.size });
		expect(result.sent).toBe(1000);
		expect(result.statuses).toEqual({ 200: 1000 });
		expect(unique.size).toBe(1000);
		expect(ids).toHaveLength(1000);
		expect(local.mostInFlight()).toBeLessThanOrEqual(50);
		expect(result.latencies.every((latency) => latency >= 0)).toBe(true);
	} finally {
		local.server.close();
	}
});

test('reports refusals (401) and unreachable servers (status 0) as failures, one per request', async () => {
	const local = await startServer(() => 401);
	try {
		const refused = await sendCallbacks({ url: local.url, count: 100, concurrency: 10, bodyFor: (index: number) => `call_id=${index}`, contentType: 'application/x-www-form-urlencoded' });
		expect(refused.statuses).toEqual({ 401: 100 });
		expect(refused.failures).toHaveLength(100);
		expect(local.received[0]).toMatch(/^call_id=\d+$/);
	} finally {
		await new Promise((resolve) => local.server.close(resolve));
	}
	const unreachable = await sendCallbacks({ url: local.url, count: 5, concurrency: 5 });
	expect(unreachable.statuses).toEqual({ 0: 5 });
	tally.add({ cases: 2, requests: 100 });
});
