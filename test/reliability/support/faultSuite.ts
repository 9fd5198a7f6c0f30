/**
 * Drives operations through every sandbox fault in n8n's real engine and checks what must hold:
 * a clear error naming the cause, no hang, exactly one request per queue attempt, error items paired to
 * their inputs under Continue On Fail, and no secret anywhere n8n could show or save it.
 */
import * as net from 'node:net';

import { runPlumNode, itemsFrom, type PlumNodeRun } from '../../helpers/engine';
import { SANDBOX_SECRETS, startTestSandbox, type Sandbox } from '../../helpers/sandbox';
import { captureLogs, type LogCapture } from './capture';
import { credentialsFor, FAULTS, type FaultCase, type OperationCase } from './operations';
import { everythingAsText, secretsIn } from './secrets';
import { createTally } from './tally';

const SECRETS = [SANDBOX_SECRETS.pin, SANDBOX_SECRETS.developerKey];
const CONTINUE_ON_FAIL_ITEMS = 3;
// A fault case waits at most one 1 s timeout per item; anything near this limit is a hang the node let through.
const CASE_TIME_LIMIT_MS = 15000;

interface Counters {
	requests: number;
	queueRequests: number;
}

function countersOf(sandbox: Sandbox): Counters {
	return { requests: sandbox.requests.length, queueRequests: sandbox.queueRequestCount() };
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** Counts TCP connection attempts to a port (the sandbox cannot count requests that never connect). */
function countConnections(port: number): { readonly count: number; stop(): void } {
	const original = net.Socket.prototype.connect;
	let count = 0;
	net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
		// http's agent passes the normalised arguments, [options, callback], as the first argument.
		const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
		if (String((first as { port?: unknown } | undefined)?.port) === String(port)) count++;
		return (original as (...values: unknown[]) => net.Socket).apply(this, args);
	} as typeof original;
	return {
		get count() {
			return count;
		},
		stop() {
			net.Socket.prototype.connect = original;
		},
	};
}

export function describeFaults(suite: string, operations: OperationCase[]): void {
	describe(suite, () => {
		const tally = createTally(suite, ['cases', 'faults', 'requests', 'duplicates', 'leaks']);
		let sandbox: Sandbox;
		let logs: LogCapture;

		beforeAll(async () => {
			logs = captureLogs();
			sandbox = await startTestSandbox({ callProgressMs: 50 });
		});
		afterAll(async () => {
			logs.stop();
			await sandbox.close();
			tally.save();
		});
		beforeEach(() => sandbox.reset());

		/** Runs the node and checks the run for secrets; the counts go into the table. */
		async function run(operation: OperationCase, parameters: object, rows: object[], continueOnFail: boolean, credentials?: object) {
			const result = await runPlumNode({
				parameters: parameters as never,
				items: itemsFrom(rows as never),
				credentials: (credentials ?? credentialsFor(operation, sandbox)) as never,
				continueOnFail,
			});
			const leaks = secretsIn(everythingAsText(result.output, result.error, result.run), SECRETS);
			tally.add({ cases: 1, leaks: leaks.length > 0 ? 1 : 0 });
			expect(leaks).toEqual([]);
			return result;
		}

		function account(operation: OperationCase, before: Counters, expectedQueueRequests: number): Counters {
			const after = countersOf(sandbox);
			const delta = { requests: after.requests - before.requests, queueRequests: after.queueRequests - before.queueRequests };
			tally.add({ requests: delta.requests, duplicates: Math.max(0, delta.queueRequests - expectedQueueRequests) });
			return delta;
		}

		function faultsTaken(operation: OperationCase): number {
			return sandbox.requests.filter(
				(request) => request.endpoint === operation.endpoint && request.fault !== undefined,
			).length;
		}

		function expectError(result: PlumNodeRun, fault: FaultCase, operation: OperationCase): void {
			// n8n keeps the error as a plain copy, so the class shows in its name only.
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toMatch(fault.message(operation));
			expect(result.output).toEqual([]);
		}

		for (const operation of operations) {
			describe(operation.name, () => {
				for (const fault of FAULTS) {
					test(`${fault.name} stops the run with an error naming the cause, after exactly one request`, async () => {
						const { parameters, rows } = await operation.prepare(sandbox, 1);
						const before = countersOf(sandbox);
						sandbox.fail(operation.endpoint, fault.fault);
						tally.add({ faults: 1 });

						const result = await run(operation, parameters, rows, false);

						const delta = account(operation, before, operation.queues ? 1 : 0);
						expect(faultsTaken(operation)).toBe(1);
						expectError(result, fault, operation);
						expect(delta.requests).toBe(1);
						expect(delta.queueRequests).toBe(operation.queues ? 1 : 0);
					}, CASE_TIME_LIMIT_MS);

					test(`${fault.name} with Continue On Fail gives error items paired to their inputs`, async () => {
						const { parameters, rows } = await operation.prepare(sandbox, CONTINUE_ON_FAIL_ITEMS);
						const before = countersOf(sandbox);
						sandbox.fail(operation.endpoint, fault.fault);
						tally.add({ faults: 1 });

						const result = await run(operation, parameters, rows, true);

						const perItem = operation.kind === 'perItem';
						const requestsExpected = perItem ? CONTINUE_ON_FAIL_ITEMS : 1;
						const delta = account(operation, before, operation.queues ? requestsExpected : 0);
						expect(result.error).toBeUndefined();
						expect(result.output.map((item) => item.pairedItem)).toEqual(
							rows.map((_row, item) => ({ item })),
						);
						// The fault hits the first request: in a per-item operation that is item 0 alone; a batch
						// is all or nothing, so every item reports the failure.
						const failed = result.output.filter((item) => item.json.error !== undefined);
						expect(failed.map((item) => item.pairedItem)).toEqual(
							perItem ? [{ item: 0 }] : rows.map((_row, item) => ({ item })),
						);
						for (const item of failed) expect(String(item.json.error)).toMatch(fault.message(operation));
						if (!perItem) for (const item of failed) expect(item.json.queued).toBe(false);
						expect(delta.requests).toBe(requestsExpected);
						expect(delta.queueRequests).toBe(operation.queues ? requestsExpected : 0);
					}, CASE_TIME_LIMIT_MS);
				}

				test('a refused connection is retried twice, then named, and nothing else is ever resent', async () => {
					const { parameters, rows } = await operation.prepare(sandbox, 1);
					const port = await closedPort();
					const credentials = {
						...credentialsFor(operation, sandbox),
						devBaseUrl: `http://127.0.0.1:${port}/webservice`,
						deploymentBaseUrl: `http://127.0.0.1:${port}/api`,
					};
					const connections = countConnections(port);
					try {
						const result = await run(operation, parameters, rows, false, credentials);
						expect(result.error?.name).toBe('NodeApiError');
						expect(result.error?.message).toMatch(
							new RegExp(`Could not connect to Plum at 127\\.0\\.0\\.1:${port}: the connection was refused`),
						);
						expect(result.error?.description).toMatch(/Nothing was sent/);
					} finally {
						connections.stop();
						tally.add({ faults: 1, requests: connections.count });
					}
					const attempts = connections.count;
					expect(attempts).toBe(3);
				}, CASE_TIME_LIMIT_MS);
			});
		}

		describe('logs', () => {
			test('nothing n8n or the node logged during these runs holds a secret', () => {
				expect(logs.count()).toBeGreaterThan(0);
				const leaks = secretsIn(logs.text(), SECRETS);
				tally.add({ leaks: leaks.length > 0 ? 1 : 0 });
				expect(leaks).toEqual([]);
			});
		});
	});
}
