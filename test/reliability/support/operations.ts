/** The six operations of Plum Outbound, as the fault suites drive them against the sandbox. */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { SandboxFault } from '../../../sandbox';

import { itemsFrom, runPlumNode } from '../../helpers/engine';
import { deploymentCredentials, devCredentials, type Sandbox } from '../../helpers/sandbox';

export const DEPLOYMENT_IDS = { applicationId: 11, deploymentId: 22 };
/** The shortest timeout the node accepts: a hang costs one second. */
export const TIMEOUT_MS = 1000;

let campaignCounter = 0;

export interface OperationCase {
	/** resource.operation, e.g. 'call.queueMany'. */
	name: string;
	/** The sandbox endpoint the operation calls, for sandbox.fail(). */
	endpoint: 'queuecall' | 'queuecalls' | 'deploymentQueue' | 'bulkQueue' | 'callStatus' | 'cancel';
	product: 'dev' | 'deployment';
	/** One request per item ('perItem') or one for all items ('batch'). */
	kind: 'perItem' | 'batch';
	/** Whether each request queues calls (counted by sandbox.queueRequestCount()). */
	queues: boolean;
	/** What a 404 from this endpoint must say. */
	notFound: RegExp;
	/**
	 * Node parameters and input rows for `count` items; may prepare the sandbox (getStatus needs real calls,
	 * queued with `credentials`, default the test sandbox's).
	 */
	prepare(sandbox: Sandbox, count: number, credentials?: ICredentialDataDecryptedObject): Promise<{ parameters: IDataObject; rows: IDataObject[] }>;
}

const phones = (count: number): IDataObject[] =>
	Array.from({ length: count }, (_, index) => ({ phone: `(617) 555-${String(1000 + index).padStart(4, '0')}` }));

export const OPERATIONS: OperationCase[] = [
	{
		name: 'call.queue',
		endpoint: 'queuecall',
		product: 'dev',
		kind: 'perItem',
		queues: true,
		notFound: /Plum has no webservice at this address \(HTTP 404\)/,
		prepare: async (_sandbox, count) => ({
			parameters: {
				resource: 'call',
				operation: 'queue',
				phoneNumber: '={{ $json.phone }}',
				startUrl: 'https://ivr.example.com/start.vxml',
				options: { timeout: TIMEOUT_MS, callsPerSecond: 10 },
			},
			rows: phones(count),
		}),
	},
	{
		name: 'call.queueMany',
		endpoint: 'queuecalls',
		product: 'dev',
		kind: 'batch',
		queues: true,
		notFound: /Plum has no webservice at this address \(HTTP 404\)/,
		prepare: async (_sandbox, count) => ({
			parameters: {
				resource: 'call',
				operation: 'queueMany',
				// Plum refuses a campaign name it has seen, so every run gets its own.
				campaignName: `reliability ${process.pid} ${++campaignCounter}`,
				startUrl: 'https://ivr.example.com/start.vxml',
				source: 'items',
				phoneNumber: '={{ $json.phone }}',
				options: { timeout: TIMEOUT_MS },
			},
			rows: phones(count),
		}),
	},
	{
		name: 'deploymentCall.queue',
		endpoint: 'deploymentQueue',
		product: 'deployment',
		kind: 'perItem',
		queues: true,
		notFound: /Plum found no deployment for application 11, deployment 22 \(HTTP 404\)/,
		prepare: async (_sandbox, count) => ({
			parameters: {
				resource: 'deploymentCall',
				operation: 'queue',
				...DEPLOYMENT_IDS,
				phoneNumber: '={{ $json.phone }}',
				options: { timeout: TIMEOUT_MS },
			},
			rows: phones(count),
		}),
	},
	{
		name: 'deploymentCall.queueMany',
		endpoint: 'bulkQueue',
		product: 'deployment',
		kind: 'batch',
		queues: true,
		notFound: /Plum found no deployment for application 11, deployment 22 \(HTTP 404\)/,
		prepare: async (_sandbox, count) => ({
			parameters: {
				resource: 'deploymentCall',
				operation: 'queueMany',
				...DEPLOYMENT_IDS,
				source: 'items',
				phoneNumber: '={{ $json.phone }}',
				columns: 'all',
				options: { timeout: TIMEOUT_MS },
			},
			rows: phones(count),
		}),
	},
	{
		name: 'deploymentCall.getStatus',
		endpoint: 'callStatus',
		product: 'deployment',
		kind: 'perItem',
		queues: false,
		notFound: /Plum has no call with ID \d+ \(HTTP 404\)/,
		prepare: async (sandbox, count, credentials) => {
			// Real calls, so the items the fault does not hit succeed.
			const queued = await runPlumNode({
				parameters: { resource: 'deploymentCall', operation: 'queue', ...DEPLOYMENT_IDS, phoneNumber: '={{ $json.phone }}' },
				items: itemsFrom(phones(count)),
				credentials: credentials ?? deploymentCredentials(sandbox),
			});
			if (queued.error) throw new Error(`could not queue calls to read back: ${queued.error.message}`);
			return {
				parameters: {
					resource: 'deploymentCall',
					operation: 'getStatus',
					callId: '={{ $json.call_id }}',
					options: { timeout: TIMEOUT_MS },
				},
				rows: queued.output.map((item) => ({ call_id: item.json.call_id })),
			};
		},
	},
	{
		name: 'deploymentCall.cancelPending',
		endpoint: 'cancel',
		product: 'deployment',
		kind: 'perItem',
		queues: false,
		notFound: /Plum found no deployment for application 11, deployment 22 \(HTTP 404\)/,
		prepare: async (_sandbox, count) => ({
			parameters: { resource: 'deploymentCall', operation: 'cancelPending', ...DEPLOYMENT_IDS, options: { timeout: TIMEOUT_MS } },
			rows: Array.from({ length: count }, () => ({})),
		}),
	},
];

export function credentialsFor(operation: OperationCase, sandbox: Sandbox) {
	return operation.product === 'dev' ? devCredentials(sandbox) : deploymentCredentials(sandbox);
}

export interface FaultCase {
	name: string;
	fault: SandboxFault;
	/** What the error must say for this operation. */
	message(operation: OperationCase): RegExp;
}

const CUT = /The connection to Plum at 127\.0\.0\.1:\d+ was cut before an answer arrived/;
const NO_ANSWER = /Plum did not answer within 1 second\b/;

/** Every fault the sandbox can inject, with the words the node must use for it. */
export const FAULTS: FaultCase[] = [
	{
		name: 'a failure status in a 200 answer',
		fault: { type: 'xmlStatus' },
		message: (operation) =>
			operation.product === 'dev'
				? /Plum did not queue the calls? \(status "failed"\): Request could not be processed/
				: /Plum answered HTTP 200 but reported an error: Request could not be processed/,
	},
	{ name: 'HTTP 500', fault: { type: 'http', status: 500 }, message: () => /Plum's server failed \(HTTP 500\)/ },
	{
		name: 'HTTP 401',
		fault: { type: 'http', status: 401 },
		message: (operation) =>
			operation.product === 'dev' ? /Plum refused the login \(HTTP 401\)/ : /Plum refused the credentials \(HTTP 401\)/,
	},
	{ name: 'HTTP 404', fault: { type: 'http', status: 404 }, message: (operation) => operation.notFound },
	{
		name: 'a 502 error page',
		fault: { type: 'html', status: 502 },
		message: () => /Plum's server failed \(HTTP 502\) with an error page/,
	},
	{ name: 'an answer later than the timeout', fault: { type: 'slow', ms: 2500 }, message: () => NO_ANSWER },
	{ name: 'no answer at all', fault: { type: 'hang' }, message: () => NO_ANSWER },
	{ name: 'an answer that stops after its first line', fault: { type: 'stallBody' }, message: () => NO_ANSWER },
	{ name: 'an answer cut off after its first line', fault: { type: 'cutBody' }, message: () => CUT },
	{ name: 'an answer that trickles in for ever', fault: { type: 'trickle', everyMs: 200 }, message: () => NO_ANSWER },
	{ name: 'a dropped connection', fault: { type: 'drop' }, message: () => CUT },
	{ name: 'a reset during the upload', fault: { type: 'resetDuringUpload' }, message: () => CUT },
	{
		name: 'malformed XML',
		fault: { type: 'malformedXml' },
		message: (operation) =>
			operation.product === 'dev'
				? /Plum's XML answer could not be read: Expected closing tag/
				: /Plum's answer could not be read: it is not complete JSON/,
	},
	{
		name: 'a DOCTYPE with entity bombs',
		fault: { type: 'doctype' },
		message: (operation) =>
			operation.product === 'dev'
				? /Plum's XML answer could not be read: contains a DOCTYPE or entity declaration, which is refused for safety/
				: /Plum's answer could not be read: contains a DOCTYPE or entity declaration, which is refused for safety/,
	},
	{ name: 'a 50 MB answer', fault: { type: 'huge' }, message: () => /Plum's answer was too large to read \(more than \d+ MB\)/ },
];
