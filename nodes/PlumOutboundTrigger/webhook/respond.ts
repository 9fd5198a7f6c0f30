import type { ServerResponse } from 'http';
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

/**
 * The node answers Plum itself, at once, with a status and a short text, and tells n8n so
 * (noWebhookResponse). That is how n8n's own Webhook node refuses requests, and it gives the same
 * answer in every n8n version, whatever the instance's "respond immediately" defaults are.
 */
function answer(res: ServerResponse, statusCode: number, text: string): void {
	res.writeHead(statusCode, { 'Content-Type': 'text/plain; charset=utf-8' });
	res.end(text);
}

export const ACCEPTED_TEXT = 'OK';

export function answerWithoutRun(
	res: ServerResponse,
	statusCode: number,
	text: string,
): IWebhookResponseData {
	answer(res, statusCode, text);
	return { noWebhookResponse: true };
}

export function answerAndRun(res: ServerResponse, json: IDataObject): IWebhookResponseData {
	answer(res, 200, ACCEPTED_TEXT);
	return { noWebhookResponse: true, workflowData: [[{ json }]] };
}
