'use strict';
// The sandbox's own outgoing HTTP: the GET checks of start_url/result_url that the DEV platform makes
// before queueing [doc: outbound calling guide], and result callbacks.
const http = require('node:http');
const https = require('node:https');

const TIMEOUT_MS = 10000;
const KEPT_BODY_CHARS = 64 * 1024;

/** Resolves to { status, body } (body truncated to 64 KB); rejects on network errors and timeouts. */
function request(url, { method = 'GET', headers = {}, body, timeoutMs = TIMEOUT_MS } = {}) {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const client = target.protocol === 'https:' ? https : http;
		const sent = client.request(
			target,
			{ method, headers: { 'User-Agent': 'Plum-Sandbox/1.0', ...headers }, timeout: timeoutMs },
			(res) => {
				const chunks = [];
				let length = 0;
				res.on('data', (chunk) => {
					if (length < KEPT_BODY_CHARS) chunks.push(chunk);
					length += chunk.length;
				});
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8').slice(0, KEPT_BODY_CHARS);
					resolve({ status: res.statusCode, body: text });
				});
				res.on('error', reject);
			},
		);
		sent.on('timeout', () => sent.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		sent.on('error', reject);
		sent.end(body);
	});
}

/** null when the URL answers a GET with 200, else why not (without the URL, which may hold a secret). */
async function problemWithGet(name, url) {
	try {
		const { status } = await request(url);
		return status === 200 ? null : `${name} answered HTTP ${status} to a GET check; it must answer 200`;
	} catch (error) {
		return `${name} could not be reached by a GET check (${error.code || error.message})`;
	}
}

module.exports = { request, problemWithGet };
