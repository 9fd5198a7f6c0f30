import { itemsFrom, runPlumNode } from '../helpers/engine';
import { deploymentCredentials, devCredentials, startTestSandbox, type Sandbox } from '../helpers/sandbox';

const ids = { applicationId: 11, deploymentId: 22 };
const ops: Array<{ name: string; endpoint: string; dev: boolean; parameters: Record<string, unknown>; rows: any[] }> = [
	{ name: 'call.queue', endpoint: 'queuecall', dev: true, parameters: { resource: 'call', operation: 'queue', phoneNumber: '6175550101', startUrl: 'https://ivr.example.com/s.vxml', options: { timeout: 1500 } }, rows: [{}] },
	{ name: 'call.queueMany', endpoint: 'queuecalls', dev: true, parameters: { resource: 'call', operation: 'queueMany', campaignName: '={{ "c" + $now.toMillis() }}', startUrl: 'https://ivr.example.com/s.vxml', source: 'items', phoneNumber: '={{ $json.phone }}', options: { timeout: 1500 } }, rows: [{ phone: '6175550101' }, { phone: '6175550102' }] },
	{ name: 'deploymentCall.queue', endpoint: 'deploymentQueue', dev: false, parameters: { resource: 'deploymentCall', operation: 'queue', ...ids, phoneNumber: '6175550101', options: { timeout: 1500 } }, rows: [{}] },
	{ name: 'deploymentCall.queueMany', endpoint: 'bulkQueue', dev: false, parameters: { resource: 'deploymentCall', operation: 'queueMany', ...ids, source: 'items', phoneNumber: '={{ $json.phone }}', columns: 'all', options: { timeout: 1500 } }, rows: [{ phone: '6175550101' }, { phone: '6175550102' }] },
	{ name: 'deploymentCall.getStatus', endpoint: 'callStatus', dev: false, parameters: { resource: 'deploymentCall', operation: 'getStatus', callId: '112850593', options: { timeout: 1500 } }, rows: [{}] },
	{ name: 'deploymentCall.cancelPending', endpoint: 'cancel', dev: false, parameters: { resource: 'deploymentCall', operation: 'cancelPending', ...ids }, rows: [{}] },
];
const faults: Array<[string, Record<string, unknown>]> = [
	['xmlStatus', { type: 'xmlStatus' }],
	['http500', { type: 'http', status: 500 }],
	['http401', { type: 'http', status: 401 }],
	['http404', { type: 'http', status: 404 }],
	['html502', { type: 'html', status: 502 }],
	['slow', { type: 'slow', ms: 3000 }],
	['hang', { type: 'hang' }],
	['drop', { type: 'drop' }],
	['reset', { type: 'resetDuringUpload' }],
	['malformed', { type: 'malformedXml' }],
	['doctype', { type: 'doctype' }],
	['huge', { type: 'huge' }],
];

describe('explore', () => {
	let sandbox: Sandbox;
	beforeAll(async () => { sandbox = await startTestSandbox(); });
	afterAll(async () => sandbox.close());
	for (const op of ops) {
		for (const [fname, fault] of faults) {
			if (op.name.endsWith('cancelPending') && fname === 'hang') continue;
			test(`${op.name} ${fname}`, async () => {
				sandbox.reset();
				sandbox.fail(op.endpoint, fault);
				const t = Date.now();
				const r = await runPlumNode({ parameters: op.parameters, items: itemsFrom(op.rows), credentials: op.dev ? devCredentials(sandbox) : deploymentCredentials(sandbox) });
				console.log(`${op.name} ${fname} ${Date.now() - t}ms q=${sandbox.queueRequestCount()} req=${sandbox.requests.length}\n  ERR: ${r.error?.message}\n  DESC: ${r.error?.description}\n  OUT: ${JSON.stringify(r.output).slice(0, 200)}`);
			});
		}
	}
});
