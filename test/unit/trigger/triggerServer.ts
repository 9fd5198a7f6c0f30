/**
 * A real HTTP server on 127.0.0.1 that hands each request to the trigger's webhook() the way n8n
 * does: a context around the real IncomingMessage and ServerResponse, the body read beforehand
 * into `req.rawBody` and parsed into `req.body` (n8n 2.41's parseBody for version-1 nodes), and the
 * answer written by n8n when the node did not write it (noWebhookResponse unset).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';

import { WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICheckProcessedOptions,
	type IDataObject,
	type IDeduplicationOutput,
	type INode,
	type INodeParameters,
	type INodeTypes,
	type IWebhookData,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { PlumOutboundTrigger } from '../../../nodes/PlumOutboundTrigger/PlumOutboundTrigger.node';

/**
 * - 'n8n': rawBody and body set, as n8n 2.41 does for every non-multipart request to a version-1 node
 *   (XML is parsed by n8n with xml2js, which is not installed here: its body stays {}; the node reads
 *   rawBody anyway);
 * - 'parsedOnly': body parsed, no rawBody (a host that keeps no raw bytes);
 * - 'stream': nothing read; the node must read the request stream itself.
 */
export type BodyHandling = 'n8n' | 'parsedOnly' | 'stream';

export interface TriggerServerOptions {
	parameters?: IDataObject;
	bodyHandling?: BodyHandling;
	/** 'helper': this.helpers.checkProcessedAndRecord exists; 'staticData': it does not (n8n 2.41). */
	deduplication?: 'helper' | 'staticData';
	/**
	 * 'fake': the small context below. 'n8n-core': n8n-core's own WebhookContext around a real Workflow
	 * (parameter defaults, expressions and static data as n8n handles them; no deduplication helper).
	 */
	context?: 'fake' | 'n8n-core';
}

export interface Exchange {
	status: number;
	text: string;
	contentType: string | null;
	/** What webhook() returned; undefined when it was not called or threw. */
	result: IWebhookResponseData | undefined;
	/** Whether webhook() asked n8n to start a workflow run. */
	started: boolean;
	/** The first item of the run, when one started. */
	item: IDataObject | undefined;
	/** What webhook() threw, if anything. */
	error: unknown;
}

export interface TriggerServer {
	url: string;
	send(path: string, init?: { method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Exchange>;
	/** Keys n8n's deduplication store holds, as `scope:key`. */
	processed: Set<string>;
	staticData: IDataObject;
	/** The Workflow behind the 'n8n-core' context. */
	workflow: Workflow;
	close(): Promise<void>;
}

type N8nRequest = IncomingMessage & {
	rawBody?: Buffer;
	body?: unknown;
	contentType?: string;
	encoding?: BufferEncoding;
};

interface Settled {
	result?: IWebhookResponseData;
	error?: unknown;
}

const EXCHANGE_HEADER = 'x-test-exchange';

const NODE_NAME = 'Plum Outbound Trigger';

function readAll(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** n8n's parseIncomingMessage + parseBody (packages/cli/src/middlewares/body-parser.ts). */
async function prepareBody(req: N8nRequest, handling: BodyHandling): Promise<'ok' | 'unprocessable'> {
	const header = req.headers['content-type'] ?? '';
	req.contentType = header.split(';')[0].trim().toLowerCase() || undefined;
	req.encoding = 'utf-8';
	if (handling === 'stream') return 'ok';

	const rawBody = await readAll(req);
	const text = rawBody.toString('utf8');
	let body: unknown = {};
	if (rawBody.length > 0) {
		try {
			if (req.contentType === 'application/json') body = JSON.parse(text);
			else if (req.contentType === 'application/x-www-form-urlencoded') {
				body = { ...parseQueryString(text, undefined, undefined, { maxKeys: 1000 }) };
			} else if (req.contentType === 'text/plain') body = text;
		} catch {
			// n8n answers 422 ("Failed to parse request body") before any node runs.
			return 'unprocessable';
		}
	}
	req.body = body;
	if (handling === 'n8n') req.rawBody = rawBody;
	return 'ok';
}

function queryOf(req: IncomingMessage): IDataObject {
	const query: IDataObject = {};
	for (const [name, value] of new URL(req.url ?? '/', 'http://127.0.0.1').searchParams) {
		const existing = query[name];
		if (existing === undefined) query[name] = value;
		else query[name] = Array.isArray(existing) ? [...existing, value] : [existing as string, value];
	}
	return query;
}

/** n8n fills req.params from the `:secret` segment of the registered path `plum-result/:secret`. */
function pathParametersOf(req: IncomingMessage): IDataObject {
	const segments = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.split('/').filter(Boolean);
	const at = segments.indexOf('plum-result');
	return at >= 0 && segments[at + 1] !== undefined ? { secret: decodeURIComponent(segments[at + 1]) } : {};
}

function createContext(
	req: N8nRequest,
	res: ServerResponse,
	parameters: IDataObject,
	processed: Set<string> | undefined,
	staticData: IDataObject,
): IWebhookFunctions {
	const node: INode = {
		id: 'trigger-under-test',
		name: NODE_NAME,
		type: 'n8n-nodes-plumvoice.plumOutboundTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
	};
	const helpers: IDataObject = {};
	if (processed) {
		// n8n's DataDeduplicationService in 'entries' mode: unseen items are new and get recorded.
		helpers.checkProcessedAndRecord = async (
			items: Array<string | number>,
			scope: string,
			options: ICheckProcessedOptions,
		): Promise<IDeduplicationOutput> => {
			if (options.mode !== 'entries') throw new Error(`unexpected deduplication mode ${options.mode}`);
			const outcome: IDeduplicationOutput = { new: [], processed: [] };
			for (const item of items) {
				const key = `${scope}:${String(item)}`;
				if (processed.has(key)) outcome.processed.push(item);
				else {
					processed.add(key);
					outcome.new.push(item);
				}
			}
			return outcome;
		};
	}
	const context = {
		getNode: () => node,
		getMode: () => 'webhook',
		getNodeParameter: (name: string, fallback?: unknown) => {
			if (name in parameters) return parameters[name];
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
		getRequestObject: () => req,
		getResponseObject: () => res,
		getBodyData: () => (req.body ?? {}) as IDataObject,
		getHeaderData: () => req.headers,
		getQueryData: () => queryOf(req),
		getParamsData: () => pathParametersOf(req),
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error(`unexpected static data type ${type}`);
			return staticData;
		},
		getWebhookName: () => 'default',
		helpers,
	};
	return context as unknown as IWebhookFunctions;
}

/** n8n-core's WebhookContext, as n8n's WebhookService.runWebhook builds it for a production call. */
function createN8nCoreContext(
	req: N8nRequest,
	res: ServerResponse,
	workflow: Workflow,
	trigger: PlumOutboundTrigger,
): IWebhookFunctions {
	const request = req as N8nRequest & { query?: IDataObject; params?: IDataObject };
	// Express and n8n's LiveWebhooks fill these before the node runs.
	request.query = queryOf(req);
	request.params = pathParametersOf(req);
	const node = workflow.getNode(NODE_NAME) as INode;
	const webhookDescription = (trigger.description.webhooks ?? []).find(
		(webhook) => webhook.httpMethod === req.method,
	);
	const additionalData = { httpRequest: req, httpResponse: res } as unknown as IWorkflowExecuteAdditionalData;
	const webhookData = {
		httpMethod: req.method,
		node: NODE_NAME,
		path: 'plum-result',
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
	} as unknown as IWebhookData;
	return new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
}

export async function startTriggerServer(options: TriggerServerOptions = {}): Promise<TriggerServer> {
	const trigger = new PlumOutboundTrigger();
	const parameters = options.parameters ?? {};
	const handling = options.bodyHandling ?? 'n8n';
	const processed = new Set<string>();
	const staticData: IDataObject = {};
	const settled = new Map<string, (outcome: Settled) => void>();
	const nodeTypes: INodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => trigger,
		getKnownTypes: () => ({}),
	};
	// One Workflow for the server's life, so its static data outlives each request as n8n's does.
	const workflow = new Workflow({
		id: 'workflow-under-test',
		nodes: [
			{
				id: 'trigger-under-test',
				name: NODE_NAME,
				type: 'n8n-nodes-plumvoice.plumOutboundTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: parameters as INodeParameters,
				webhookId: 'c0ffee00-0000-4000-8000-000000000001',
			},
		],
		connections: {},
		active: true,
		nodeTypes,
		staticData: {},
	});

	const handle = async (req: N8nRequest, res: ServerResponse) => {
		const exchangeId = String(req.headers[EXCHANGE_HEADER]);
		const finish = settled.get(exchangeId) ?? (() => undefined);
		if ((await prepareBody(req, handling)) === 'unprocessable') {
			res.writeHead(422, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ message: 'Failed to parse request body' }));
			finish({});
			return;
		}
		const context =
			options.context === 'n8n-core'
				? createN8nCoreContext(req, res, workflow, trigger)
				: createContext(
						req,
						res,
						parameters,
						options.deduplication === 'staticData' ? undefined : processed,
						staticData,
					);
		try {
			const result = await trigger.webhook.call(context);
			if (result.noWebhookResponse !== true && !res.headersSent) {
				// n8n's onReceived answer when the node leaves it to n8n.
				const body = result.webhookResponse ?? { message: 'Workflow was started' };
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(typeof body === 'string' ? body : JSON.stringify(body));
			}
			finish({ result });
		} catch (error) {
			if (!res.headersSent) {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ message: 'Workflow Webhook Error: Workflow could not be started!' }));
			}
			finish({ error });
		}
	};

	const server: Server = createServer((req, res) => {
		void handle(req as N8nRequest, res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	let exchanges = 0;

	return {
		url,
		processed,
		staticData,
		workflow,
		async send(path, init = {}) {
			exchanges += 1;
			const exchangeId = String(exchanges);
			const outcome = new Promise<Settled>((resolve) => settled.set(exchangeId, resolve));
			const response = await fetch(`${url}${path}`, {
				method: init.method ?? 'POST',
				headers: { [EXCHANGE_HEADER]: exchangeId, ...init.headers },
				body: init.body,
			});
			const text = await response.text();
			const { result, error } = await outcome;
			const item = result?.workflowData?.[0]?.[0]?.json;
			return {
				status: response.status,
				text,
				contentType: response.headers.get('content-type'),
				result,
				started: result?.workflowData !== undefined,
				item,
				error,
			};
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
