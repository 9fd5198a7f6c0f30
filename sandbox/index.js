'use strict';
// Local stand-in for Plum's two outbound APIs (DEV webservice and deployment API), for tests, the
// benchmark and the demo. See README.md beside this file for what is documented and what is invented.
const http = require('node:http');
const { SandboxState } = require('./state');
const { createRequestHandler } = require('./server');
const { sendResultCallback } = require('./callbacks');

class Sandbox {
	constructor(state, server) {
		this.state = state;
		this.server = server;
		const { port } = server.address();
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		this.devBaseUrl = `${this.url}/webservice/`;
		this.deploymentBaseUrl = `${this.url}/api`;
	}

	/** Every request to a Plum endpoint, in arrival order (control requests are not kept). */
	get requests() {
		return this.state.requests;
	}

	/** Response bodies sent back (each truncated to 64 KB), for leak checks. */
	get responsesSent() {
		return this.state.responsesSent;
	}

	/** Map<call_id, call record> for both products. */
	get calls() {
		return this.state.calls;
	}

	/** Requests that reached queuecall, queuecalls, queue or bulk_queue, even failed or faulted ones. */
	queueRequestCount() {
		return this.state.queueRequests;
	}

	fail(endpoint, fault, options) {
		this.state.faults.add(endpoint, fault, options);
		return this;
	}

	clearFaults() {
		this.state.faults.clear();
	}

	/** Forgets requests, responses, calls, campaign names and faults (call ids keep increasing). */
	reset() {
		this.state.reset();
	}

	/** The call_details object GET /api/outbound/{id} would return now (also for DEV calls), or null. */
	callDetails(callId) {
		const call = this.state.calls.get(String(callId));
		return call ? call.callDetails(this.state.now()) : null;
	}

	sendResultCallback(callId, options) {
		return sendResultCallback(this.state, callId, options);
	}

	close() {
		this.state.clearTimers();
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			// Hanging ('hang', 'slow') and keep-alive connections would otherwise hold close() open.
			this.server.closeAllConnections();
		});
	}
}

/**
 * Starts a sandbox on 127.0.0.1. Options: port (0 = any free port), login, pin, email, developerKey,
 * deployments [{ applicationId, deploymentId, deleted?, forbidden? }], callProgressMs, checkUrlsWithGet,
 * recordBodies, defaultAni (caller ID added to DEV numbers without ;ani=), now (clock in ms, for tests).
 */
async function startSandbox(options = {}) {
	const state = new SandboxState(options);
	let sandbox = null;
	const handler = createRequestHandler(state, {
		get devBaseUrl() {
			return sandbox.devBaseUrl;
		},
		get deploymentBaseUrl() {
			return sandbox.deploymentBaseUrl;
		},
	});
	const server = http.createServer(handler);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	sandbox = new Sandbox(state, server);
	return sandbox;
}

module.exports = { startSandbox, Sandbox };
