'use strict';
// Everything the sandbox remembers between requests, in one place so reset() is obvious.
const { FaultBook } = require('./faults');
const { QUEUE_ENDPOINTS } = require('./routes');

const FIRST_CALL_ID = 112850593; // the call_id in Plum's own queuecall example

class SandboxState {
	constructor(options) {
		this.login = options.login ?? 'demo-login';
		this.pin = options.pin ?? '4321';
		this.email = options.email ?? 'ops@example.com';
		this.developerKey = options.developerKey ?? 'dk-sandbox-secret';
		this.defaultAni = options.defaultAni ?? '8005550100';
		this.callProgressMs = options.callProgressMs ?? 1000;
		this.checkUrlsWithGet = options.checkUrlsWithGet ?? false;
		this.recordBodies = options.recordBodies ?? true;
		this.now = options.now ?? Date.now;
		this.deployments = new Map();
		for (const deployment of options.deployments ?? [{ applicationId: 11, deploymentId: 22 }]) {
			this.deployments.set(deploymentKey(deployment.applicationId, deployment.deploymentId), { ...deployment });
		}
		this.faults = new FaultBook();
		this.timers = new Set();
		this.callCounter = FIRST_CALL_ID; // never reset, so ids stay unique across sb.reset()
		this.requestCounter = 0;
		this.reset();
	}

	reset() {
		this.requests = [];
		this.responsesSent = [];
		this.calls = new Map();
		this.campaignNames = new Set();
		this.queueRequests = 0;
		this.faults.clear();
	}

	nextCallId() {
		return String(this.callCounter++);
	}

	peekCallId() {
		return String(this.callCounter);
	}

	/** A delay that sb.close() cancels (the waiting request then never completes). */
	delay(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	clearTimers() {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	/** Adds the request to sb.requests on arrival; fields, files and outcome are filled in later. */
	recordRequest(req, url, endpoint) {
		if (QUEUE_ENDPOINTS.has(endpoint)) this.queueRequests++;
		const record = {
			id: ++this.requestCounter,
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			contentType: req.headers['content-type'] || '',
			fields: {},
			files: {},
			bodyLength: 0,
			endpoint,
			outcome: null,
		};
		this.requests.push(record);
		return record;
	}

	findDeployment(applicationId, deploymentId) {
		return this.deployments.get(deploymentKey(applicationId, deploymentId)) ?? null;
	}
}

function deploymentKey(applicationId, deploymentId) {
	return `${String(applicationId).trim()}/${String(deploymentId).trim()}`;
}

module.exports = { SandboxState, deploymentKey, FIRST_CALL_ID };
