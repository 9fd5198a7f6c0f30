import type { INode } from 'n8n-workflow';

import { readDevAnswer, type DevAnswer } from '../../shared/xml/plumAnswers';
import { PlumXmlError } from '../../shared/xml/parseXml';
import { plumApiError } from './plumErrors';
import type { PlumHttpAnswer } from './plumRequest';

const SUCCESS_STATUSES = new Set(['queued', 'success']);

/** Reads a DEV webservice answer; anything but status "queued"/"success" becomes a NodeApiError. */
export function readDevWebserviceAnswer(
	node: INode,
	answer: PlumHttpAnswer,
	secrets: string[],
	itemIndex: number,
): DevAnswer {
	const place = { itemIndex, httpCode: String(answer.statusCode) };
	if (answer.statusCode !== 200) throw devHttpError(node, answer, place);
	// The start of the answer is enough to tell a web page; joining a large answer's pieces is not needed.
	if (looksLikeHtml(answer.pieces[0] ?? '')) {
		throw plumApiError(
			node,
			'Plum answered with a web page instead of its XML answer',
			'Check the Webservice Base URL in the Plum Voice API credential: it should end in /webservice (for example http://outbound.vxml.sharpencx.com/webservice).',
			place,
		);
	}
	let parsed: DevAnswer;
	try {
		parsed = readDevAnswer(answer.pieces, secrets);
	} catch (error) {
		// The reason alone: PlumXmlError's message repeats "could not be read".
		const reason = error instanceof PlumXmlError ? error.reason : 'it is not XML';
		throw plumApiError(
			node,
			`Plum's XML answer could not be read: ${reason}`,
			'The request may have been processed. Check the campaign in Plum before running again, and check the Webservice Base URL in the credential.',
			place,
		);
	}
	if (!SUCCESS_STATUSES.has(parsed.status.toLowerCase())) {
		const said = parsed.message ? `: ${parsed.message}` : '';
		throw plumApiError(
			node,
			`Plum did not queue the call${parsed.root === 'queuecalls' ? 's' : ''} (status "${parsed.status || 'missing'}")${said}`,
			describeDevFailure(parsed.message),
			place,
		);
	}
	return parsed;
}

function describeDevFailure(message: string | undefined): string {
	if (message && /login|pin|auth/i.test(message)) {
		return 'Check the login and PIN in the Plum Voice API credential. Outbound PINs are issued by Plum account management.';
	}
	return 'Plum refused the request, so nothing was queued. Check the values Plum names above.';
}

function devHttpError(node: INode, answer: PlumHttpAnswer, place: { itemIndex: number; httpCode: string }) {
	const status = answer.statusCode;
	if (status === 401 || status === 403) {
		return plumApiError(
			node,
			`Plum refused the login (HTTP ${status})`,
			'Check the login and PIN in the Plum Voice API credential.',
			place,
		);
	}
	if (status === 404) {
		return plumApiError(
			node,
			'Plum has no webservice at this address (HTTP 404)',
			'Check the Webservice Base URL in the Plum Voice API credential; it should end in /webservice.',
			place,
		);
	}
	const page = looksLikeHtml(answer.body) ? ' with an error page' : '';
	return plumApiError(
		node,
		`Plum's server failed (HTTP ${status})${page}`,
		'The request may or may not have been queued, so it was not sent again. Check the campaign in Plum, then run again if nothing was queued.',
		place,
	);
}

export function looksLikeHtml(body: string): boolean {
	const start = body.slice(0, 200).trimStart().toLowerCase();
	return start.startsWith('<!doctype html') || start.startsWith('<html');
}
