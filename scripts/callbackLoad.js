// Sends many result callbacks (as Plum would) to a webhook, a fixed number at a time, and reports what came back.
// Used by test/e2e/webhookLoad.test.ts against a real n8n; usable on its own:
//   node scripts/callbackLoad.js <url> [count=1000] [concurrency=50]
'use strict';

const http = require('node:http');
const https = require('node:https');

/**
 * sendCallbacks({ url, count, concurrency, bodyFor, contentType, method, timeoutMs })
 *   url:          the webhook URL, or (index) => URL
 *   count:        how many requests (default 1000)
 *   concurrency:  how many are in flight at once (default 50)
 *   bodyFor:      (index) => string | Buffer | object (objects are sent as JSON); default a call_details-like JSON
 *   contentType:  string, or (index) => string (default application/json)
 *   method:       default 'POST'
 *   timeoutMs:    per request (default 30000); a request without an answer by then counts as status 0
 * Resolves to { sent, statuses: { [status]: count }, latencies: number[] (ms, by index), failures: [{ index, status, error }] }.
 * Status 0 means no HTTP answer (connection refused, reset, timeout). Never rejects for a failed request.
 */
async function sendCallbacks(options) {
	const { url, count = 1000, concurrency = 50, bodyFor = defaultBody, contentType = 'application/json', method = 'POST', timeoutMs = 30000 } = options;
	if (!url) throw new Error('sendCallbacks needs a url');
	if (!Number.isInteger(count) || count < 0) throw new Error('count must be a whole number');
	if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('concurrency must be at least 1');
	const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: concurrency }), 'https:': new https.Agent({ keepAlive: true, maxSockets: concurrency }) };
	const result = { sent: 0, statuses: {}, latencies: new Array(count), failures: [] };
	let next = 0;

	async function worker() {
		for (;;) {
			const index = next++;
			if (index >= count) return;
			const target = typeof url === 'function' ? url(index) : url;
			const rawBody = bodyFor(index);
			const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody));
			const type = typeof contentType === 'function' ? contentType(index) : contentType;
			const started = process.hrtime.bigint();
			const answer = await sendOne(target, { method, body, contentType: type, timeoutMs, agents });
			result.latencies[index] = Number(process.hrtime.bigint() - started) / 1e6;
			result.sent++;
			result.statuses[answer.status] = (result.statuses[answer.status] ?? 0) + 1;
			if (answer.status < 200 || answer.status >= 300) result.failures.push({ index, status: answer.status, error: answer.error });
		}
	}

	try {
		await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	} finally {
		agents['http:'].destroy();
		agents['https:'].destroy();
	}
	return result;
}

function sendOne(target, { method, body, contentType, timeoutMs, agents }) {
	return new Promise((resolve) => {
		let settled = false;
		const finish = (answer) => {
			if (!settled) {
				settled = true;
				resolve(answer);
			}
		};
		let parsed;
		try {
			parsed = new URL(target);
		} catch (error) {
			finish({ status: 0, error: `bad URL: ${error.message}` });
			return;
		}
		const client = parsed.protocol === 'https:' ? https : http;
		const request = client.request(
			parsed,
			{ method, agent: agents[parsed.protocol], headers: { 'Content-Type': contentType, 'Content-Length': body.length } },
			(response) => {
				// Drain the answer so the keep-alive socket can be reused.
				response.on('data', () => {});
				response.on('end', () => finish({ status: response.statusCode }));
				response.on('error', (error) => finish({ status: response.statusCode ?? 0, error: error.message }));
			},
		);
		request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		request.on('error', (error) => finish({ status: 0, error: error.message }));
		request.end(body);
	});
}

/** A result like the deployment API posts (call_details), with a call id unique to the index. */
function defaultBody(index) {
	const now = Math.floor(Date.now() / 1000);
	return {
		call_id: `load-${index}`,
		status: 'completed',
		attempts: '1',
		max_attempts: '1',
		phone_number: `'617555${String(index % 10000).padStart(4, '0')}'`,
		queued_timestamp: String(now - 60),
		start_timestamp: String(now - 30),
		end_timestamp: String(now),
		duration: 30,
		events: [
			{ event: 'queued', timestamp: now - 60 },
			{ event: 'connected', timestamp: now - 30 },
			{ event: 'disconnected', timestamp: now },
		],
	};
}

/** The p-th percentile (0-100) of the latencies, in ms. */
function percentile(latencies, p) {
	const sorted = latencies.filter((value) => typeof value === 'number').sort((a, b) => a - b);
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

if (require.main === module) {
	const [url, count = '1000', concurrency = '50'] = process.argv.slice(2);
	if (!url) {
		process.stderr.write('Usage: node scripts/callbackLoad.js <url> [count=1000] [concurrency=50]\n');
		process.exitCode = 2;
	} else {
		sendCallbacks({ url, count: Number(count), concurrency: Number(concurrency) }).then((result) => {
			process.stdout.write(
				`${JSON.stringify({ sent: result.sent, statuses: result.statuses, p50Ms: percentile(result.latencies, 50), p95Ms: percentile(result.latencies, 95), failures: result.failures.slice(0, 10) }, null, 2)}\n`,
			);
			process.exitCode = result.failures.length > 0 ? 1 : 0;
		});
	}
}

module.exports = { sendCallbacks, percentile, defaultBody };
