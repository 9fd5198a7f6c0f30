import type { IncomingMessage } from 'http';

import { WebhookRejection } from './WebhookRejection';

/**
 * What the request carried. n8n normally reads the body before the node runs and keeps the bytes
 * in `req.rawBody` next to its own parse in `req.body`; the bytes are preferred, so form fields
 * with PHP-style names and XML go through this node's own (safe) parsers.
 */
export type ReceivedBody =
	| { kind: 'raw'; bytes: Buffer; contentType: string | undefined; charset: string | undefined }
	| { kind: 'parsed'; value: unknown; contentType: string | undefined };

/** n8n's request: an IncomingMessage that may carry the body n8n read (`rawBody`) and parsed (`body`). */
export type WebhookRequest = IncomingMessage & { body?: unknown };

export const DEFAULT_MAX_BODY_KB = 256;

function tooLarge(maxBytes: number): WebhookRejection {
	return new WebhookRejection(
		400,
		`Request body is larger than ${Math.floor(maxBytes / 1024)} KB, the limit set in the node's Max Body Size option.`,
	);
}

function headerParameter(header: string, name: string): string | undefined {
	for (const part of header.split(';').slice(1)) {
		const [key, value] = part.split('=');
		if (key?.trim().toLowerCase() === name && value !== undefined) {
			return value.trim().replace(/^"|"$/g, '').toLowerCase();
		}
	}
	return undefined;
}

function contentTypeOf(req: WebhookRequest): string | undefined {
	const header = req.headers['content-type'];
	if (typeof header !== 'string' || header.trim() === '') return undefined;
	return header.split(';')[0].trim().toLowerCase();
}

function charsetOf(req: WebhookRequest): string | undefined {
	const header = req.headers['content-type'];
	return typeof header === 'string' ? headerParameter(header, 'charset') : undefined;
}

function hasContent(body: unknown): boolean {
	if (typeof body === 'string') return body.length > 0;
	if (Buffer.isBuffer(body)) return body.length > 0;
	return typeof body === 'object' && body !== null && Object.keys(body).length > 0;
}

function sizeOf(body: unknown): number {
	if (typeof body === 'string') return Buffer.byteLength(body, 'utf8');
	if (Buffer.isBuffer(body)) return body.length;
	return Buffer.byteLength(JSON.stringify(body) ?? '', 'utf8');
}

/** n8n parses multipart/form-data into `{ data: fields, files }`; the fields are what Plum sent. */
function fieldsOfParsedBody(body: unknown, contentType: string | undefined): unknown {
	if (contentType === 'multipart/form-data' && typeof body === 'object' && body !== null) {
		const data = (body as { data?: unknown }).data;
		if (data !== undefined) return data;
	}
	return body;
}

/** Reads the body from the stream, refusing it as soon as it passes the limit. */
function readStream(req: WebhookRequest, maxBytes: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const settle = (finish: () => void) => {
			if (settled) return;
			settled = true;
			finish();
		};
		// After a refusal the listener stays attached, so the rest of the upload is read and
		// dropped and the connection can still carry the 400 answer.
		req.on('data', (chunk: Buffer | string) => {
			if (settled) return;
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += buffer.length;
			if (size > maxBytes) {
				chunks.length = 0;
				settle(() => reject(tooLarge(maxBytes)));
				return;
			}
			chunks.push(buffer);
		});
		req.on('end', () => settle(() => resolve(Buffer.concat(chunks))));
		req.on('error', (error) => settle(() => reject(error)));
		req.on('close', () =>
			settle(() => reject(new WebhookRejection(400, 'The request ended before its body was complete.'))),
		);
	});
}

/**
 * The body as bytes (n8n's `rawBody`, or read from the stream) or, when only n8n's parse is left
 * (multipart, or a host that keeps no raw body), as that parsed value. Over the limit: 400.
 */
export async function readBody(req: WebhookRequest, maxBytes: number): Promise<ReceivedBody> {
	const contentType = contentTypeOf(req);
	const charset = charsetOf(req);

	// The declared length is checked first so an oversized upload is refused without reading it.
	// (With gzip it is the compressed size, which is never larger than what it unpacks to.)
	const declaredLength = Number(req.headers['content-length']);
	if (Number.isFinite(declaredLength) && declaredLength > maxBytes) throw tooLarge(maxBytes);

	const rawBody: unknown = (req as { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(rawBody)) {
		if (rawBody.length > maxBytes) throw tooLarge(maxBytes);
		return { kind: 'raw', bytes: rawBody, contentType, charset };
	}

	if (hasContent(req.body)) {
		if (sizeOf(req.body) > maxBytes) throw tooLarge(maxBytes);
		return { kind: 'parsed', value: fieldsOfParsedBody(req.body, contentType), contentType };
	}

	if (req.readable && !req.readableEnded) {
		return { kind: 'raw', bytes: await readStream(req, maxBytes), contentType, charset };
	}

	return { kind: 'raw', bytes: Buffer.alloc(0), contentType, charset };
}
