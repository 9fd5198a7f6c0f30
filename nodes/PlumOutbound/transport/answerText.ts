/*
 * Reads an answer body from its stream into one string. Each chunk is decoded as it arrives and the pieces are
 * joined once at the end: a 100,000-call answer (12 MB) then costs one string inside V8's heap. Read whole by
 * n8n's helper, it cost the chunks, their concatenation and an external copy of the text, 36 MB outside the heap,
 * enough to start a full garbage collection while the answer was being read.
 */

/** The part of a readable stream this module uses (an HTTP response body, possibly decompressed). */
export interface AnswerStream extends AsyncIterable<unknown> {
	destroy(error?: Error): unknown;
}

export class AnswerTooLargeError extends Error {
	constructor(readonly characters: number) {
		super(`the answer is longer than ${characters} characters`);
		this.name = 'AnswerTooLargeError';
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
		typeof (body as Partial<AnswerStream>)[Symbol.asyncIterator] === 'function' &&
		typeof (body as Partial<AnswerStream>).destroy === 'function'
	);
}

/**
 * The body as UTF-8 text. Stops reading (and destroys the stream) once the text passes `maxCharacters`,
 * throwing AnswerTooLargeError, so an endless or foreign answer is never held whole; and when `deadline`
 * aborts, throwing AnswerTimeoutError.
 */
export async function readAnswerText(
	stream: AnswerStream,
	{ maxCharacters, deadline }: { maxCharacters: number; deadline: AbortSignal },
): Promise<string> {
	const decoder = new TextDecoder('utf-8');
	const pieces: string[] = [];
	let characters = 0;
	const stopAtDeadline = () => stream.destroy(new AnswerTimeoutError());
	if (deadline.aborted) stopAtDeadline();
	deadline.addEventListener('abort', stopAtDeadline);
	try {
		for await (const chunk of stream) {
			const piece = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
			characters += piece.length;
			if (characters > maxCharacters) throw new AnswerTooLargeError(maxCharacters);
			pieces.push(piece);
		}
	} finally {
		deadline.removeEventListener('abort', stopAtDeadline);
	}
	const rest = decoder.decode();
	if (rest) pieces.push(rest);
	return pieces.length === 1 ? pieces[0] : pieces.join('');
}
