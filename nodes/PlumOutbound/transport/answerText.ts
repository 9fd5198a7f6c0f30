/*
 * Reads an answer body from its stream as text, in pieces of about 256 KB. A 100,000-call answer is 12 MB. Read
 * whole by n8n's helper, it cost the chunks, their concatenation and an external copy of the text: 36 MB outside
 * V8's heap, enough to start a full garbage collection in the middle of reading the calls. Kept as pieces, the
 * DEV answer reader scans the calls without joining them (one copy of the text instead of two).
 */

// Chunks are decoded in groups of about this many bytes. A string this long is a large object with a memory page
// of its own, which the young generation's collector promotes without copying, and it leaves the space where the
// output items are then built free (decoded chunk by chunk, the answer filled that space and forced a collection
// that copied those items). Node makes strings of 1 MB and more external copies, which count against V8's
// external memory limit.
const GROUP_BYTES = 256 * 1024;

/** The part of a readable stream this module uses (an HTTP response body, possibly decompressed). */
export interface AnswerStream {
	on(event: 'data', listener: (chunk: unknown) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error', listener: (error: unknown) => void): unknown;
	destroy(error?: Error): unknown;
}

export class AnswerTooLargeError extends Error {
	constructor(readonly characters: number) {
		super(`the answer is longer than ${characters} characters`);
		this.name = 'AnswerTooLargeError';
	}
}

/** Thrown when the stream closes before its end (a connection cut mid-answer); `code` as Node's own has it. */
export class AnswerCutError extends Error {
	readonly code = 'ERR_STREAM_PREMATURE_CLOSE';

	constructor() {
		super('the connection closed before the answer ended');
		this.name = 'AnswerCutError';
	}
}

/** Thrown when the deadline passes before the whole answer arrived; `code` as Node's own timeouts have it. */
export class AnswerTimeoutError extends Error {
	readonly code = 'ETIMEDOUT';

	constructor() {
		super('timeout while reading the answer');
		this.name = 'AnswerTimeoutError';
	}
}

export function isAnswerStream(body: unknown): body is AnswerStream {
	return (
		typeof body === 'object' &&
		body !== null &&
		typeof (body as Partial<AnswerStream>).on === 'function' &&
		typeof (body as Partial<AnswerStream>).destroy === 'function'
	);
}

/**
 * The body as UTF-8 text, in pieces (none for an empty body; one for an answer shorter than 256 KB). Stops
 * reading (and destroys the stream) once the text passes `maxCharacters`, throwing AnswerTooLargeError, so an
 * endless or foreign answer is never held whole; and when `deadline` aborts, throwing AnswerTimeoutError.
 */
export async function readAnswerPieces(
	stream: AnswerStream,
	{ maxCharacters, deadline }: { maxCharacters: number; deadline: AbortSignal },
): Promise<string[]> {
	const decoder = new TextDecoder('utf-8');
	const pieces: string[] = [];
	// One buffer, reused for every group: concatenating each group anew left 12 MB of buffers per 100,000 calls for
	// the garbage collector.
	let group: Buffer | undefined;
	let groupBytes = 0;
	let characters = 0;
	const decode = (bytes: Uint8Array, last: boolean) => {
		// `stream` keeps a character cut between two groups for the next one.
		const piece = decoder.decode(bytes, { stream: !last });
		characters += piece.length;
		if (characters > maxCharacters) throw new AnswerTooLargeError(maxCharacters);
		if (piece) pieces.push(piece);
	};
	const add = (bytes: Uint8Array) => {
		if (groupBytes + bytes.length > GROUP_BYTES && groupBytes > 0) {
			decode((group as Buffer).subarray(0, groupBytes), false);
			groupBytes = 0;
		}
		if (bytes.length >= GROUP_BYTES) {
			decode(bytes, false);
		} else {
			group ??= Buffer.allocUnsafe(GROUP_BYTES);
			group.set(bytes, groupBytes);
			groupBytes += bytes.length;
		}
	};
	const stopAtDeadline = () => stream.destroy(new AnswerTimeoutError());
	if (deadline.aborted) stopAtDeadline();
	deadline.addEventListener('abort', stopAtDeadline);
	try {
		// Chunks as the stream emits them, not through its async iterator: n8n's HTTP client already hands the body
		// on through two layers of promises, and a third cost a promise per 64 KB chunk, about 190 for a campaign.
		await new Promise<void>((resolve, reject) => {
			let ended = false;
			stream.on('data', (chunk) => {
				try {
					add(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Uint8Array));
				} catch (error) {
					stream.destroy();
					reject(error);
				}
			});
			stream.on('end', () => {
				ended = true;
				resolve();
			});
			stream.on('error', reject);
			stream.on('close', () => {
				if (!ended) reject(new AnswerCutError());
			});
		});
	} finally {
		deadline.removeEventListener('abort', stopAtDeadline);
	}
	decode(group === undefined ? new Uint8Array(0) : group.subarray(0, groupBytes), true);
	return pieces;
}
