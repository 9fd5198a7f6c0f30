/**
 * Captures everything the node and n8n could log while a test file runs: n8n's LoggerProxy, console, and
 * raw writes to stdout/stderr (passed through, so jest still shows them).
 */
import { LoggerProxy } from 'n8n-workflow';

import { everythingAsText } from './secrets';

export interface LogCapture {
	/** Everything captured so far, as one text. */
	text(): string;
	/** Number of captured entries. */
	count(): number;
	stop(): void;
}

export function captureLogs(): LogCapture {
	const lines: string[] = [];
	const record = (source: string) => (...args: unknown[]) => {
		lines.push(`${source}: ${everythingAsText(...args)}`);
	};
	LoggerProxy.init({
		error: record('n8n.error'),
		warn: record('n8n.warn'),
		info: record('n8n.info'),
		debug: record('n8n.debug'),
	} as unknown as Parameters<typeof LoggerProxy.init>[0]);

	const restore: Array<() => void> = [];
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		const spy = jest.spyOn(console, method).mockImplementation(record(`console.${method}`));
		restore.push(() => spy.mockRestore());
	}
	// n8n's logger (winston) writes to console._stdout when there is one: under jest workers that is jest's own
	// console buffer, not process.stdout. Raw process output is passed through; the console's is only kept.
	const consoleStreams = console as unknown as { _stdout?: NodeJS.WritableStream; _stderr?: NodeJS.WritableStream };
	const streams = new Map<NodeJS.WritableStream, { name: string; passThrough: boolean }>([
		[process.stdout, { name: 'stdout', passThrough: true }],
		[process.stderr, { name: 'stderr', passThrough: true }],
	]);
	if (consoleStreams._stdout && !streams.has(consoleStreams._stdout)) streams.set(consoleStreams._stdout, { name: 'console._stdout', passThrough: false });
	if (consoleStreams._stderr && !streams.has(consoleStreams._stderr)) streams.set(consoleStreams._stderr, { name: 'console._stderr', passThrough: false });
	for (const [stream, { name, passThrough }] of streams) {
		const original = stream.write;
		stream.write = ((chunk: unknown, ...rest: unknown[]) => {
			lines.push(`${name}: ${Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk)}`);
			if (passThrough) return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
			const callback = rest.find((value) => typeof value === 'function') as (() => void) | undefined;
			callback?.();
			return true;
		}) as typeof stream.write;
		restore.push(() => {
			stream.write = original;
		});
	}
	return {
		text: () => lines.join('\n'),
		count: () => lines.length,
		stop: () => {
			for (const undo of restore.reverse()) undo();
		},
	};
}
