import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { redactSecrets } from '../../shared/xml/redactSecrets';

interface ErrorPlace {
	itemIndex: number;
	httpCode?: string;
}

/** A NodeApiError built from plain text only, so no request (PIN, Basic header) rides along in `cause`. */
export function plumApiError(
	node: INode,
	message: string,
	description: string,
	place: ErrorPlace,
): NodeApiError {
	const response: JsonObject = { message, description };
	if (place.httpCode !== undefined) response.httpCode = place.httpCode;
	return new NodeApiError(node, response, {
		message,
		description,
		itemIndex: place.itemIndex,
		httpCode: place.httpCode,
	});
}

function errorCodes(error: unknown): string[] {
	const codes: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string') codes.push(code);
		current = (current as { cause?: unknown }).cause;
	}
	return codes;
}

function errorMessages(error: unknown): string {
	const messages: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
		const message = (current as { message?: unknown }).message;
		if (typeof message === 'string') messages.push(message);
		current = (current as { cause?: unknown }).cause;
	}
	return messages.join(' | ');
}

/** True only when the TCP connection was refused: Plum never received a byte, so resending is safe. */
export function isRefusedBeforeSending(error: unknown): boolean {
	return errorCodes(error).includes('ECONNREFUSED');
}

export function connectionError(
	node: INode,
	error: unknown,
	request: { url: string; timeoutMs: number; itemIndex: number; secrets: string[] },
): NodeApiError {
	const codes = errorCodes(error);
	const text = errorMessages(error);
	const host = safeHost(request.url);
	const place = { itemIndex: request.itemIndex };
	const notRetried =
		'It was not sent again automatically, because Plum may already have queued it and a second request could dial the same person twice. Check the campaign in Plum before running again.';
	if (codes.includes('ECONNREFUSED')) {
		return plumApiError(
			node,
			`Could not connect to Plum at ${host}: the connection was refused`,
			'Nothing was sent. Check the base URL in the Plum Voice API credential and that the server is reachable from n8n.',
			place,
		);
	}
	if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
		return plumApiError(
			node,
			`Could not find the Plum server ${host}`,
			'Nothing was sent. Check the base URL in the Plum Voice API credential (for example http://outbound.vxml.sharpencx.com/webservice).',
			place,
		);
	}
	if (
		codes.includes('ECONNABORTED') ||
		codes.includes('ETIMEDOUT') ||
		/timeout/i.test(text)
	) {
		return plumApiError(
			node,
			`Plum did not answer within ${describeSeconds(request.timeoutMs)}`,
			`The request reached ${host} but no answer came back in time. ${notRetried} You can raise the Timeout option.`,
			place,
		);
	}
	if (codes.includes('ECONNRESET') || codes.includes('EPIPE') || /socket hang up|aborted/i.test(text)) {
		return plumApiError(
			node,
			`The connection to Plum at ${host} was cut before an answer arrived`,
			notRetried,
			place,
		);
	}
	const detail = redactSecrets(text, request.secrets).slice(0, 300);
	return plumApiError(
		node,
		`The request to Plum at ${host} failed: ${detail || 'unknown network error'}`,
		notRetried,
		place,
	);
}

/** "1.5 seconds", "2 seconds": a 1500 ms timeout must not be reported as 2 seconds. */
function describeSeconds(milliseconds: number): string {
	const seconds = Math.round(milliseconds / 100) / 10;
	return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

/** `limit`: the most characters the request allowed; reading stopped as soon as the answer passed it. */
export function tooLargeError(node: INode, limit: number, itemIndex: number): NodeApiError {
	const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.ceil(limit / 1024)} KB`;
	return plumApiError(
		node,
		`Plum's answer was too large to read (more than ${size})`,
		'The request may have been processed. Check the base URL points at Plum, and check the campaign in Plum before running again.',
		{ itemIndex },
	);
}

function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'the configured address';
	}
}
