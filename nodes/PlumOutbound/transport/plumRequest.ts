import {
	sleep,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import { redactSecrets } from '../../shared/xml/redactSecrets';
import { AnswerTooLargeError, isAnswerStream, readAnswerPieces } from './answerText';
import { connectionError, isRefusedBeforeSending, tooLargeError } from './plumErrors';
import type { PlumConnection } from './plumCredentials';

/** What Plum sent back, as text; secrets are scrubbed from it unless the request said who does it. */
export interface PlumHttpAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	/** The whole text, joined from `pieces` when first asked for. */
	readonly body: string;
	/** The text as it was decoded: pieces of about 256 KB (one for a short answer, none for an empty one). */
	readonly pieces: readonly string[];
}

export interface PlumHttpRequest {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, e.g. '/queuecall.php'. */
	path: string;
	/** A factory, so a request refused before connecting can be rebuilt (a multipart stream is single-use). */
	body?: () => IHttpRequestOptions['body'];
	headers?: Record<string, string>;
	timeoutMs: number;
	itemIndex: number;
	/**
	 * The longest answer this request can sensibly get; longer ones are refused as not Plum's. Default 1 MB:
	 * only queuecalls.php answers grow with the request (about 110 characters per queued call).
	 */
	maxAnswerCharacters?: number;
	/**
	 * Who removes the secrets from the answer. 'transport' (the default) replaces them everywhere in the body.
	 * 'devAnswerReader' leaves the body as Plum sent it for readDevWebserviceAnswer, which cuts out Plum's echo
	 * of the PIN and redacts every field it gives, but keeps call ids and phone numbers exact: a PIN of digits
	 * (Plum's own example is 98765432) can occur inside them by chance, and replacing it there corrupts them.
	 */
	secretsRemovedBy?: 'transport' | 'devAnswerReader';
}

// A queued call, a status, a count or an error is a few KB; 1 MB leaves room for echoes of long fields.
const DEFAULT_MAX_ANSWER_CHARACTERS = 1024 * 1024;
// Never more than this, whatever the request: the largest real answer (100,000 queued calls) is about 11 MB.
const MAX_ANSWER_CHARACTERS = 64 * 1024 * 1024;
// Only a refused connection is retried: Plum provably never saw the request, so nobody can be dialed twice.
const REFUSED_RETRIES = 2;
const REFUSED_RETRY_WAIT_MS = 500;

/** The one place that talks HTTP to Plum: auth through the credential, no retries that could dial twice. */
export async function sendPlumRequest(
	context: IExecuteFunctions,
	connection: PlumConnection,
	request: PlumHttpRequest,
): Promise<PlumHttpAnswer> {
	const limit = Math.min(request.maxAnswerCharacters ?? DEFAULT_MAX_ANSWER_CHARACTERS, MAX_ANSWER_CHARACTERS);
	for (let attempt = 0; ; attempt++) {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${connection.baseUrl}${request.path}`,
			headers: request.headers,
			body: request.body?.(),
			timeout: request.timeoutMs,
			// Read here (answerText.ts): the size limit applies while reading, and large answers stay in V8's heap.
			encoding: 'stream',
			json: false,
			returnFullResponse: true,
			// Status codes are mapped here, and n8n must not resend a refused request on its own.
			ignoreHttpStatusErrors: true,
		};
		// n8n's timeout covers the wait for the answer's headers; after them only an idle socket is cut, so an answer
		// trickling in could last for ever. The whole answer must arrive within the timeout.
		const deadline = AbortSignal.timeout(request.timeoutMs);
		let response: { statusCode: number; headers: Record<string, unknown> };
		let pieces: string[];
		try {
			const answer = await context.helpers.httpRequestWithAuthentication.call(context, 'plumVoiceApi', options);
			response = answer;
			pieces = isAnswerStream(answer.body)
				? await readAnswerPieces(answer.body, { maxCharacters: limit, deadline })
				: [wholeBodyText(answer.body, limit)];
		} catch (error) {
			if (error instanceof AnswerTooLargeError) throw tooLargeError(context.getNode(), limit, request.itemIndex);
			if (isRefusedBeforeSending(error) && attempt < REFUSED_RETRIES) {
				await sleep(REFUSED_RETRY_WAIT_MS);
				continue;
			}
			throw connectionError(context.getNode(), error, {
				url: options.url,
				timeoutMs: request.timeoutMs,
				itemIndex: request.itemIndex,
				secrets: connection.secrets,
			});
		}
		if (request.secretsRemovedBy !== 'devAnswerReader') pieces = [redactSecrets(pieces.join(''), connection.secrets)];
		return answerOf(response.statusCode, response.headers ?? {}, pieces);
	}
}

function answerOf(statusCode: number, headers: Record<string, unknown>, pieces: readonly string[]): PlumHttpAnswer {
	let body: string | undefined;
	return {
		statusCode,
		headers,
		pieces,
		get body() {
			body ??= pieces.join('');
			return body;
		},
	};
}

/** A body n8n gave whole instead of as a stream, as text, held to the same size limit as a stream. */
function wholeBodyText(body: unknown, maxCharacters: number): string {
	let text: string;
	if (body === undefined || body === null) text = '';
	else if (Buffer.isBuffer(body)) text = body.toString('utf8');
	else text = typeof body === 'object' ? JSON.stringify(body) : String(body);
	if (text.length > maxCharacters) throw new AnswerTooLargeError(maxCharacters);
	return text;
}
