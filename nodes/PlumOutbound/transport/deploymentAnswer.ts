import type { INode } from 'n8n-workflow';

import { parseXmlSafely, PlumXmlError } from '../../shared/xml/parseXml';
import { looksLikeHtml } from './devAnswer';
import { plumApiError } from './plumErrors';
import type { PlumHttpAnswer } from './plumRequest';

export interface DeploymentIds {
	applicationId?: number;
	deploymentId?: number;
	callId?: string;
}

/** Parses a deployment API answer (JSON, or XML if Plum sends it) and maps HTTP errors to what to check. */
export function readDeploymentAnswer(
	node: INode,
	answer: PlumHttpAnswer,
	ids: DeploymentIds,
	itemIndex: number,
): Record<string, unknown> {
	const { body, problem } = parseBody(answer.body);
	if (answer.statusCode >= 200 && answer.statusCode < 300) {
		if (body === undefined && problem !== undefined) {
			throw plumApiError(
				node,
				`Plum's answer could not be read: ${problem}`,
				'Check the Deployment API Base URL in the Plum Voice API credential (for example https://fuse.plumvoice.com/api).',
				{ itemIndex, httpCode: String(answer.statusCode) },
			);
		}
		const reported = plumError(body);
		// Plum documents errors as HTTP codes, but an { "error" } with 200 must not pass for success either.
		if (reported !== undefined) {
			throw plumApiError(
				node,
				`Plum answered HTTP ${answer.statusCode} but reported an error: ${reported}`,
				'The request may not have been carried out. Check the deployment in Plum before running again.',
				{ itemIndex, httpCode: String(answer.statusCode) },
			);
		}
		return body ?? {};
	}
	const plumSays = plumError(body);
	const { message, check } = describeStatus(answer.statusCode, ids, looksLikeHtml(answer.body));
	throw plumApiError(node, plumSays ? `${message}: ${plumSays}` : message, check, {
		itemIndex,
		httpCode: String(answer.statusCode),
	});
}

function plumError(body: Record<string, unknown> | undefined): string | undefined {
	const error = body?.error;
	return typeof error === 'string' && error.trim() !== '' ? error.trim().slice(0, 500) : undefined;
}

interface ParsedBody {
	body?: Record<string, unknown>;
	/** Why a non-empty answer could not be read, for the error message. */
	problem?: string;
}

function parseBody(text: string): ParsedBody {
	const trimmed = text.trim();
	if (trimmed === '') return {};
	if (trimmed.startsWith('{')) {
		try {
			return { body: JSON.parse(trimmed) as Record<string, unknown> };
		} catch {
			return { problem: 'it is not complete JSON (cut off or malformed)' };
		}
	}
	if (looksLikeHtml(trimmed)) return { problem: 'it is a web page, not an API answer' };
	if (trimmed.startsWith('<')) {
		try {
			const parsed = parseXmlSafely(trimmed);
			// Plum's XML errors look like <result><error>…</error></result>.
			const root = Object.values(parsed)[0];
			return typeof root === 'object' && root !== null
				? { body: root as Record<string, unknown> }
				: { problem: 'its XML has no elements' };
		} catch (error) {
			return { problem: error instanceof PlumXmlError ? error.reason : 'it is not XML that can be read' };
		}
	}
	return { problem: 'it is neither JSON nor XML' };
}

function describeIds(ids: DeploymentIds): string {
	return `application ${ids.applicationId ?? '?'}, deployment ${ids.deploymentId ?? '?'}`;
}

function describeStatus(
	status: number,
	ids: DeploymentIds,
	isHtml: boolean,
): { message: string; check: string } {
	switch (status) {
		case 400:
			return {
				message: 'Plum rejected the request as invalid (HTTP 400)',
				check: 'Nothing was queued. Check the values Plum names, e.g. phone numbers, timestamps and the CSV columns.',
			};
		case 401:
			return {
				message: 'Plum refused the credentials (HTTP 401)',
				check: 'Check the e-mail and developer key in the Plum Voice API credential, and that the Plum account is active.',
			};
		case 403:
			return {
				message: 'This Plum user may not do this (HTTP 403)',
				check: 'Ask your Plum administrator to give this user outbound permissions for the deployment.',
			};
		case 404:
			return ids.callId !== undefined
				? {
						message: `Plum has no call with ID ${ids.callId} (HTTP 404)`,
						check: 'Check the Call ID: use the call_id returned by Queue a Call.',
					}
				: {
						message: `Plum found no deployment for ${describeIds(ids)} (HTTP 404)`,
						check: 'Check the Application ID and Deployment ID: both are shown on the deployment\'s Outbound page in Plum Fuse.',
					};
		case 405:
			return {
				message: 'Plum does not accept this method here (HTTP 405)',
				check: 'Check the Deployment API Base URL in the credential (for example https://fuse.plumvoice.com/api).',
			};
		case 409:
			return {
				message: `The Plum user, deployment or application was deleted (HTTP 409, ${describeIds(ids)})`,
				check: 'Point the node at a deployment that still exists, or ask your Plum administrator to restore it.',
			};
		default:
			return {
				message: `Plum's server failed (HTTP ${status})${isHtml ? ' with an error page' : ''}`,
				check: 'The request may or may not have been processed, so it was not sent again. Check the deployment in Plum before running again.',
			};
	}
}
