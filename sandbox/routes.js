'use strict';
// Maps a request path to the endpoint name used in sb.requests, sb.fail() and the handlers.

const ROUTES = [
	{ pattern: /^\/webservice\/queuecall\.php$/, endpoint: 'queuecall', method: 'POST' },
	{ pattern: /^\/webservice\/queuecalls\.php$/, endpoint: 'queuecalls', method: 'POST' },
	{ pattern: /^\/api\/apps\/([^/]+)\/([^/]+)\/queue\/?$/, endpoint: 'deploymentQueue', method: 'POST' },
	{ pattern: /^\/api\/apps\/([^/]+)\/([^/]+)\/bulk_queue\/?$/, endpoint: 'bulkQueue', method: 'POST' },
	{ pattern: /^\/api\/apps\/([^/]+)\/([^/]+)\/cancel\/?$/, endpoint: 'cancel', method: 'DELETE' },
	{ pattern: /^\/api\/outbound\/([^/]+)\/?$/, endpoint: 'callStatus', method: 'GET' },
];

const QUEUE_ENDPOINTS = new Set(['queuecall', 'queuecalls', 'deploymentQueue', 'bulkQueue']);

/** -> { endpoint, method (the one allowed), params } ; endpoint 'control' for /_sandbox, 'other' otherwise. */
function classify(pathname) {
	const path = pathname.replace(/\/{2,}/g, '/');
	if (path === '/_sandbox' || path.startsWith('/_sandbox/')) return { endpoint: 'control', params: {} };
	for (const route of ROUTES) {
		const match = route.pattern.exec(path);
		if (!match) continue;
		const params =
			route.endpoint === 'callStatus'
				? { callId: safeDecode(match[1]) }
				: match[1] !== undefined
					? { applicationId: safeDecode(match[1]), deploymentId: safeDecode(match[2]) }
					: {};
		return { endpoint: route.endpoint, method: route.method, params };
	}
	return { endpoint: 'other', params: {} };
}

function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

module.exports = { classify, QUEUE_ENDPOINTS };
