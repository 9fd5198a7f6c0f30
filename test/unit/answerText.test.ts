import { Readable } from 'node:stream';

import {
	AnswerTimeoutError,
	AnswerTooLargeError,
	isAnswerStream,
	readAnswerPieces,
} from '../../nodes/PlumOutbound/transport/answerText';
import { rejectionOf } from '../helpers/thrownBy';

const NO_DEADLINE = new AbortController().signal;

/** A stream of these chunks that records how many were pulled and whether it was destroyed. */
function chunkStream(chunks: Array<Buffer | string>) {
	const seen = { pulled: 0 };
	const stream = new Readable({
		read() {
			const chunk = chunks[seen.pulled++];
			this.push(chunk === undefined ? null : chunk);
		},
	});
	return { stream, seen };
}

/** A stream that gives `chunk` for ever. */
function endlessStream(chunk: Buffer) {
	const seen = { pulled: 0 };
	const stream = new Readable({
		read() {
			seen.pulled++;
			this.push(chunk);
		},
	});
	return { stream, seen };
}

/** The whole text readAnswerPieces gives. */
async function readAnswerText(...args: Parameters<typeof readAnswerPieces>): Promise<string> {
	return (await readAnswerPieces(...args)).join('');
}

describe('readAnswerPieces', () => {
	it('joins the chunks into the text, a character split between two chunks included', async () => {
		const bytes = Buffer.from('<queuecall status="queued">Chloé ☎ 𝄞</queuecall>', 'utf8');
		// Cut inside 'é' (2 bytes), '☎' (3 bytes) and '𝄞' (4 bytes).
		const cuts = [bytes.indexOf('é') + 1, bytes.indexOf('☎') + 1, bytes.indexOf('☎') + 2, bytes.indexOf('𝄞') + 2];
		const chunks = [0, ...cuts].map((start, index) => bytes.subarray(start, [...cuts, bytes.length][index]));
		const { stream } = chunkStream(chunks);
		await expect(readAnswerText(stream, { maxCharacters: 1000, deadline: NO_DEADLINE })).resolves.toBe(
			bytes.toString('utf8'),
		);
	});

	it('keeps a character whole when it is cut where one 256 KB group of chunks ends, and reads chunks larger than a group', async () => {
		const groupBytes = 256 * 1024;
		const text = `${'a'.repeat(groupBytes - 1)}é${'b'.repeat(10)}☎${'c'.repeat(300 * 1024)}𝄞`;
		const bytes = Buffer.from(text, 'utf8');
		// Chunks of 64 KB, the size a socket gives, so 'é' (bytes 262143 and 262144) is cut between two groups;
		// then one chunk larger than a group.
		const cuts = [65536, 131072, 196608, 262144, 262144 + 20, bytes.length];
		const chunks = cuts.map((end, index) => bytes.subarray(index === 0 ? 0 : cuts[index - 1], end));
		const { stream } = chunkStream(chunks);
		const read = await readAnswerText(stream, { maxCharacters: bytes.length, deadline: NO_DEADLINE });
		expect(read.length).toBe(text.length);
		expect(read === text).toBe(true);
	});

	it('gives the text in pieces of about 256 KB, and a short answer as one piece', async () => {
		const chunk = Buffer.alloc(64 * 1024, 'a');
		const { stream } = chunkStream(Array.from({ length: 18 }, () => chunk));
		const pieces = await readAnswerPieces(stream, { maxCharacters: 2e6, deadline: NO_DEADLINE });
		expect(pieces.map((piece) => piece.length)).toEqual([262144, 262144, 262144, 262144, 131072]);
		const short = chunkStream([Buffer.from('<queuecall status="queued"/>')]);
		expect(await readAnswerPieces(short.stream, { maxCharacters: 100, deadline: NO_DEADLINE })).toEqual([
			'<queuecall status="queued"/>',
		]);
	});

	it('gives an empty text for an empty body', async () => {
		const { stream } = chunkStream([]);
		await expect(readAnswerText(stream, { maxCharacters: 10, deadline: NO_DEADLINE })).resolves.toBe('');
	});

	it('reads an answer of exactly the limit', async () => {
		const { stream } = chunkStream([Buffer.from('12345'), Buffer.from('67890')]);
		await expect(readAnswerText(stream, { maxCharacters: 10, deadline: NO_DEADLINE })).resolves.toBe('1234567890');
	});

	it('stops reading an endless answer as soon as it passes the limit, and destroys the stream', async () => {
		const { stream, seen } = endlessStream(Buffer.alloc(64 * 1024, 'a'));
		const error = await rejectionOf(
			() => readAnswerText(stream, { maxCharacters: 1024 * 1024, deadline: NO_DEADLINE }),
			AnswerTooLargeError,
		);
		expect(error.message).toBe('the answer is longer than 1048576 characters');
		// 16 chunks fill the limit; the 17th passes it. A few more may be buffered, never the endless rest.
		expect(seen.pulled).toBeLessThan(40);
		expect(stream.destroyed).toBe(true);
	});

	it('gives up when the deadline passes before the answer ends, and destroys the stream', async () => {
		const stalled = new Readable({ read() {} });
		stalled.push('<queuecalls status="success">');
		const deadline = new AbortController();
		const reading = readAnswerText(stalled, { maxCharacters: 1000, deadline: deadline.signal });
		deadline.abort();
		const error = await rejectionOf(() => reading, AnswerTimeoutError);
		// The code Node gives its own timeouts, which the transport's error mapping reads.
		expect(error.code).toBe('ETIMEDOUT');
		expect(stalled.destroyed).toBe(true);
	});

	it('fails, giving no partial text, when the stream is closed before its end (a connection cut mid-answer)', async () => {
		const cut = new Readable({ read() {} });
		cut.push('<queuecalls status="success">');
		const reading = readAnswerText(cut, { maxCharacters: 1000, deadline: NO_DEADLINE });
		cut.destroy();
		// Node's own error, made outside Jest's realm (so no instanceof here); the transport maps it by its code.
		await expect(reading).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
	});

	it('gives up at once when the deadline has already passed', async () => {
		const { stream } = chunkStream([Buffer.from('late')]);
		await rejectionOf(() => readAnswerText(stream, { maxCharacters: 1000, deadline: AbortSignal.abort() }), AnswerTimeoutError);
		expect(stream.destroyed).toBe(true);
	});
});

describe('isAnswerStream', () => {
	it('knows a readable stream from the text, buffers and objects other helpers give', () => {
		expect(isAnswerStream(Readable.from(['x']))).toBe(true);
		expect(isAnswerStream('<queuecall/>')).toBe(false);
		expect(isAnswerStream(Buffer.from('x'))).toBe(false);
		expect(isAnswerStream({ status: 'queued' })).toBe(false);
		expect(isAnswerStream(null)).toBe(false);
	});
});
