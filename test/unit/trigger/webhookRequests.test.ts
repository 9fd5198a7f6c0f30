/**
 * The trigger's webhook() answering real HTTP requests (see triggerServer.ts): status code, whether a
 * workflow run starts, and the item it starts with.
 */
import {
	DEPLOYMENT_RESULT,
	DEPLOYMENT_RESULT_PHP_FORM,
	DEPLOYMENT_RESULT_XML,
	DEV_RESULT_FIELDS,
	devResultForm,
	FORM,
	JSON_TYPE,
	NORMALISED_DEPLOYMENT_FIELDS,
	XML_TYPE,
} from './fixtures';
import { startTriggerServer, type TriggerServer, type TriggerServerOptions } from './triggerServer';

const PATH = '/webhook/plum-result';
const SECRET = 'kT9-plum_result-4421';

async function withServer(
	options: TriggerServerOptions,
	run: (server: TriggerServer) => Promise<void>,
): Promise<void> {
	const server = await startTriggerServer(options);
	try {
		await run(server);
	} finally {
		await server.close();
	}
}

describe("Plum's GET check of result_url", () => {
	it('is answered with 200 and starts no run', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(`${PATH}?x=1`, { method: 'GET' });
			expect(exchange.status).toBe(200);
			expect(exchange.text).toBe('OK');
			expect(exchange.contentType).toMatch(/^text\/plain/);
			expect(exchange.started).toBe(false);
		});
	});

	it('starts a run when Run on URL Check is on, without the secret in the item', async () => {
		await withServer(
			{ parameters: { secret: SECRET, options: { runOnUrlCheck: true } } },
			async (server) => {
				const exchange = await server.send(`${PATH}?secret=${SECRET}&campaign=spring`, {
					method: 'GET',
				});
				expect(exchange.status).toBe(200);
				expect(exchange.started).toBe(true);
				expect(exchange.item).toEqual({
					url_check: true,
					method: 'GET',
					query: { campaign: 'spring' },
				});
			},
		);
	});

	it('is refused with 401 when the secret is wrong, so queueing fails at once', async () => {
		await withServer({ parameters: { secret: SECRET } }, async (server) => {
			const exchange = await server.send(`${PATH}?secret=nope`, { method: 'GET' });
			expect(exchange.status).toBe(401);
			expect(exchange.started).toBe(false);
		});
	});
});

describe('a DEV webservice result posted as form fields', () => {
	it('starts a run with every field kept and normalised fields on top', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, { headers: FORM, body: devResultForm() });
			expect(exchange.status).toBe(200);
			expect(exchange.text).toBe('OK');
			expect(exchange.started).toBe(true);
			expect(exchange.item).toEqual({
				call_id: '112850593',
				status: 'completed',
				result: 'answered',
				message_reference: 'order-42',
				call_parameters: 'lang=en',
				phone_number: 'tel:+16175551234;ani=8005551234',
				campaign_name: '',
				attempts: 1,
				max_retries: '2',
				duration: 37,
				queued_timestamp: 1475095892,
				queued_timestamp_iso: '2016-09-28T20:51:32.000Z',
				start_timestamp: 1475095925,
				start_timestamp_iso: '2016-09-28T20:52:05.000Z',
				end_timestamp: 1475095962,
				end_timestamp_iso: '2016-09-28T20:52:42.000Z',
				final: true,
				source: 'dev',
				raw: DEV_RESULT_FIELDS,
			});
		});
	});

	it('is read the same way when only n8n\'s parsed body is available', async () => {
		await withServer({ bodyHandling: 'parsedOnly' }, async (server) => {
			const exchange = await server.send(PATH, { headers: FORM, body: devResultForm() });
			expect(exchange.status).toBe(200);
			expect(exchange.item).toMatchObject({ call_id: '112850593', duration: 37, source: 'dev' });
			expect(exchange.item?.raw).toEqual(DEV_RESULT_FIELDS);
		});
	});

	it('is read from the request stream when n8n did not read the body', async () => {
		await withServer({ bodyHandling: 'stream' }, async (server) => {
			const exchange = await server.send(PATH, { headers: FORM, body: devResultForm() });
			expect(exchange.status).toBe(200);
			expect(exchange.item).toMatchObject({ call_id: '112850593', attempts: 1, source: 'dev' });
		});
	});

	it('starts a run for a status outside the four final ones when Other is chosen', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, {
				headers: FORM,
				body: devResultForm({ status: 'Expired' }),
			});
			expect(exchange.started).toBe(true);
			expect(exchange.item).toMatchObject({ status: 'expired', final: false });
		});
	});
});

describe('a deployment result (call_details)', () => {
	it('sent as JSON starts a run with numbers, unquoted phone, ISO times and ordered events', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, {
				headers: JSON_TYPE,
				body: JSON.stringify(DEPLOYMENT_RESULT),
			});
			expect(exchange.status).toBe(200);
			expect(exchange.started).toBe(true);
			expect(exchange.item).toEqual({ ...NORMALISED_DEPLOYMENT_FIELDS, raw: DEPLOYMENT_RESULT });
		});
	});

	it('wrapped in call_details, as the status API returns it, gives the same fields', async () => {
		const { call_id: callId, ...details } = DEPLOYMENT_RESULT;
		const body = { call_id: callId, call_details: details };
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, { headers: JSON_TYPE, body: JSON.stringify(body) });
			expect(exchange.status).toBe(200);
			expect(exchange.item).toEqual({ ...NORMALISED_DEPLOYMENT_FIELDS, raw: body });
		});
	});

	it('sent as XML starts a run with the same normalised fields', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, { headers: XML_TYPE, body: DEPLOYMENT_RESULT_XML });
			expect(exchange.status).toBe(200);
			expect(exchange.started).toBe(true);
			const { raw, ...normalised } = exchange.item ?? {};
			expect(normalised).toEqual(NORMALISED_DEPLOYMENT_FIELDS);
			// XML values are text: the originals stay text in raw.
			expect(raw).toMatchObject({ call_id: '7001', duration: '3', phone_number: "'6173720293'" });
		});
	});

	it('sent as PHP-style form fields (events[0][event]=…) gives nested events in order', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, { headers: FORM, body: DEPLOYMENT_RESULT_PHP_FORM });
			expect(exchange.status).toBe(200);
			const { raw, ...normalised } = exchange.item ?? {};
			expect(normalised).toEqual(NORMALISED_DEPLOYMENT_FIELDS);
			expect((raw as { events: unknown }).events).toEqual([
				{ event: 'queued', timestamp: '1475095892' },
				{ event: 'dialing', timestamp: '1475095893' },
				{ event: 'connected', timestamp: '1475095925' },
				{ event: 'disconnected', timestamp: '1475095928' },
			]);
		});
	});

	it('as PHP-style form fields is nested the same way from n8n\'s flat parse', async () => {
		await withServer({ bodyHandling: 'parsedOnly' }, async (server) => {
			const exchange = await server.send(PATH, { headers: FORM, body: DEPLOYMENT_RESULT_PHP_FORM });
			const { raw: _raw, ...normalised } = exchange.item ?? {};
			expect(normalised).toEqual(NORMALISED_DEPLOYMENT_FIELDS);
		});
	});

	it('without a content type is recognised by its first character', async () => {
		await withServer({ bodyHandling: 'stream' }, async (server) => {
			const exchange = await server.send(PATH, {
				headers: { 'Content-Type': 'text/plain' },
				body: JSON.stringify(DEPLOYMENT_RESULT),
			});
			expect(exchange.status).toBe(200);
			expect(exchange.item).toMatchObject({ call_id: '7001', source: 'deployment' });
		});
	});
});

describe('the secret', () => {
	const parameters = { secret: SECRET };

	it('missing from the URL: 401 and no run', async () => {
		await withServer({ parameters }, async (server) => {
			const exchange = await server.send(PATH, { headers: FORM, body: devResultForm() });
			expect(exchange.status).toBe(401);
			expect(exchange.started).toBe(false);
			expect(exchange.text).toContain('?secret=');
		});
	});

	it('wrong: 401 and no run, and the answer does not contain the secret', async () => {
		await withServer({ parameters }, async (server) => {
			const exchange = await server.send(`${PATH}?secret=${SECRET.slice(0, -1)}`, {
				headers: FORM,
				body: devResultForm(),
			});
			expect(exchange.status).toBe(401);
			expect(exchange.started).toBe(false);
			expect(exchange.text).not.toContain(SECRET.slice(0, -1));
		});
	});

	it('given twice in the query: 401', async () => {
		await withServer({ parameters }, async (server) => {
			const exchange = await server.send(`${PATH}?secret=${SECRET}&secret=${SECRET}`, {
				headers: FORM,
				body: devResultForm(),
			});
			expect(exchange.status).toBe(401);
		});
	});

	it('right: the run starts and its item does not contain the secret', async () => {
		await withServer({ parameters }, async (server) => {
			const exchange = await server.send(`${PATH}?secret=${SECRET}`, {
				headers: FORM,
				body: devResultForm(),
			});
			expect(exchange.status).toBe(200);
			expect(exchange.started).toBe(true);
			expect(JSON.stringify(exchange.item)).not.toContain(SECRET);
		});
	});

	it('under another query parameter name is read from that parameter', async () => {
		await withServer(
			{ parameters: { secret: SECRET, queryParameterName: 'token' } },
			async (server) => {
				const right = await server.send(`${PATH}?token=${SECRET}`, { headers: FORM, body: devResultForm() });
				const wrongName = await server.send(`${PATH}?secret=${SECRET}`, {
					headers: FORM,
					body: devResultForm(),
				});
				expect(right.status).toBe(200);
				expect(wrongName.status).toBe(401);
			},
		);
	});

	it('in the path: the right segment starts a run, a wrong one gets 401', async () => {
		await withServer({ parameters: { secret: SECRET, secretLocation: 'path' } }, async (server) => {
			const right = await server.send(`${PATH}/${SECRET}`, { headers: FORM, body: devResultForm() });
			const wrong = await server.send(`${PATH}/guess`, { headers: FORM, body: devResultForm() });
			expect(right.status).toBe(200);
			expect(right.started).toBe(true);
			expect(wrong.status).toBe(401);
			expect(wrong.started).toBe(false);
		});
	});
});

describe('bodies that are refused with 400 and start no run', () => {
	it('a body over Max Body Size', async () => {
		await withServer({ parameters: { options: { maxBodyKb: 1 } } }, async (server) => {
			const exchange = await server.send(PATH, {
				headers: FORM,
				body: devResultForm({ call_parameters: 'x'.repeat(2048) }),
			});
			expect(exchange.status).toBe(400);
			expect(exchange.text).toContain('1 KB');
			expect(exchange.started).toBe(false);
		});
	});

	it.each([
		['read by n8n into rawBody', 'n8n'],
		['read by the node from the stream', 'stream'],
	] as const)('a body over the limit sent without Content-Length, %s', async (_label, bodyHandling) => {
		await withServer(
			{ bodyHandling, parameters: { options: { maxBodyKb: 1 } } },
			async (server) => {
				const chunk = new TextEncoder().encode(`${devResultForm()}&filler=${'y'.repeat(600)}`);
				const stream = new ReadableStream<Uint8Array>({
					start(controller) {
						controller.enqueue(chunk);
						controller.enqueue(chunk);
						controller.close();
					},
				});
				const response = await fetch(`${server.url}${PATH}`, {
					method: 'POST',
					headers: { ...FORM, 'x-test-exchange': 'streamed' },
					body: stream,
					duplex: 'half',
				} as RequestInit);
				expect(response.status).toBe(400);
				expect(await response.text()).toContain('1 KB');
			},
		);
	});

	it('an empty body', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, { headers: FORM, body: '' });
			expect(exchange.status).toBe(400);
			expect(exchange.text).toContain('empty');
			expect(exchange.started).toBe(false);
		});
	});

	it('text that is neither form fields, JSON nor XML', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, {
				headers: { 'Content-Type': 'text/plain' },
				body: 'call finished fine',
			});
			expect(exchange.status).toBe(400);
			expect(exchange.started).toBe(false);
		});
	});

	it('form fields without any value', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, { headers: FORM, body: 'status=&call_id=' });
			expect(exchange.status).toBe(400);
			expect(exchange.started).toBe(false);
		});
	});

	it('broken JSON that n8n left to the node', async () => {
		await withServer({ bodyHandling: 'stream' }, async (server) => {
			const exchange = await server.send(PATH, { headers: JSON_TYPE, body: '{"status": "completed"' });
			expect(exchange.status).toBe(400);
			expect(exchange.text).toContain('not valid JSON');
			expect(exchange.started).toBe(false);
		});
	});

	it('a JSON array instead of an object', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, {
				headers: JSON_TYPE,
				body: JSON.stringify([DEPLOYMENT_RESULT]),
			});
			expect(exchange.status).toBe(400);
			expect(exchange.started).toBe(false);
		});
	});

	it('XML with a DOCTYPE (entity declarations are refused before parsing)', async () => {
		const body = `<?xml version="1.0"?>
<!DOCTYPE call_details [<!ENTITY leak SYSTEM "file:///etc/passwd">]>
<call_details><status>&leak;</status><call_id>1</call_id></call_details>`;
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, { headers: XML_TYPE, body });
			expect(exchange.status).toBe(400);
			expect(exchange.text).toContain('DOCTYPE');
			expect(exchange.started).toBe(false);
		});
	});

	it('XML that is not well-formed', async () => {
		await withServer({}, async (server) => {
			const exchange = await server.send(PATH, {
				headers: XML_TYPE,
				body: '<call_details><status>completed</call_details>',
			});
			expect(exchange.status).toBe(400);
			expect(exchange.started).toBe(false);
		});
	});
});

describe('the Statuses filter', () => {
	it('answers 200 and starts no run for a status not chosen', async () => {
		await withServer({ parameters: { statuses: ['completed'] } }, async (server) => {
			const exchange = await server.send(PATH, {
				headers: FORM,
				body: devResultForm({ status: 'failed', result: 'busy' }),
			});
			expect(exchange.status).toBe(200);
			expect(exchange.started).toBe(false);
		});
	});

	it('starts a run for a chosen status whatever its case', async () => {
		await withServer({ parameters: { statuses: ['failed'] } }, async (server) => {
			const exchange = await server.send(PATH, {
				headers: FORM,
				body: devResultForm({ status: 'FAILED' }),
			});
			expect(exchange.started).toBe(true);
			expect(exchange.item).toMatchObject({ status: 'failed', final: true });
		});
	});

	it('counts a result without a status as Other', async () => {
		await withServer({ parameters: { statuses: ['completed'] } }, async (server) => {
			const exchange = await server.send(PATH, { headers: FORM, body: 'call_id=9&result=answered' });
			expect(exchange.status).toBe(200);
			expect(exchange.started).toBe(false);
		});
	});
});

describe('Drop Duplicate Callbacks', () => {
	const parameters = { options: { dropDuplicates: true } };

	it("drops a repeated callback using n8n's deduplication store, scoped to the node", async () => {
		await withServer({ parameters, deduplication: 'helper' }, async (server) => {
			const first = await server.send(PATH, { headers: FORM, body: devResultForm() });
			const again = await server.send(PATH, { headers: FORM, body: devResultForm() });
			expect(first.started).toBe(true);
			expect(again.status).toBe(200);
			expect(again.started).toBe(false);
			expect(server.processed.size).toBe(1);
			expect([...server.processed][0]).toMatch(/^node:[0-9a-f]{32}$/);
		});
	});

	it('lets the same call through again with another status', async () => {
		await withServer({ parameters, deduplication: 'helper' }, async (server) => {
			await server.send(PATH, { headers: FORM, body: devResultForm({ status: 'failed' }) });
			const next = await server.send(PATH, { headers: FORM, body: devResultForm() });
			expect(next.started).toBe(true);
		});
	});

	it('falls back to the workflow static data when the store is not offered (n8n 2.41 webhooks)', async () => {
		await withServer({ parameters, deduplication: 'staticData' }, async (server) => {
			const body = JSON.stringify(DEPLOYMENT_RESULT);
			const first = await server.send(PATH, { headers: JSON_TYPE, body });
			const again = await server.send(PATH, { headers: JSON_TYPE, body });
			expect(first.started).toBe(true);
			expect(again.started).toBe(false);
			expect(server.staticData.plumCallbackKeys).toHaveLength(1);
			expect(JSON.stringify(server.staticData)).not.toContain('7001');
		});
	});

	it('tells callbacks without call_id apart by message_reference', async () => {
		await withServer({ parameters, deduplication: 'helper' }, async (server) => {
			const first = await server.send(PATH, {
				headers: FORM,
				body: 'status=completed&message_reference=a-1&duration=5',
			});
			const other = await server.send(PATH, {
				headers: FORM,
				body: 'status=completed&message_reference=a-2&duration=5',
			});
			const repeat = await server.send(PATH, {
				headers: FORM,
				body: 'status=completed&message_reference=a-1&duration=6',
			});
			expect([first.started, other.started, repeat.started]).toEqual([true, true, false]);
		});
	});

	it('is off by default: a repeated callback starts a second run', async () => {
		await withServer({}, async (server) => {
			await server.send(PATH, { headers: FORM, body: devResultForm() });
			const again = await server.send(PATH, { headers: FORM, body: devResultForm() });
			expect(again.started).toBe(true);
		});
	});
});
