/**
 * Field expressions read without n8n's evaluator, against the isolated-VM expression engine that n8n 2.x servers use
 * by default (N8N_EXPRESSION_ENGINE=vm). isolated-vm ships prebuilt for Node 24's ABI only; it needs Node started with
 * --no-node-snapshot, and n8n loads the engine with a dynamic import, which Jest allows only with
 * --experimental-vm-modules. CI's Node 24 pass sets both (.ci/run) and PLUM_REQUIRE_VM_ENGINE=1, so there this cannot
 * be skipped; under Node 20 it is.
 */
import { Expression } from 'n8n-workflow';

import { compareFieldExpressionsWithN8n } from '../helpers/fieldExpressionComparison';

const NODE_24_ABI = '137';
const NODE_FLAGS = ['--no-node-snapshot', '--experimental-vm-modules'];
const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
const vmEngineCanStart = process.versions.modules === NODE_24_ABI && NODE_FLAGS.every((flag) => flags.includes(flag));

if (vmEngineCanStart) {
	describe("field expressions read without n8n's evaluator give what n8n's VM engine gives", () => {
		beforeAll(async () => {
			await Expression.initExpressionEngine({
				engine: 'vm',
				bridgeTimeout: 5000,
				bridgeMemoryLimit: 128,
				maxCodeCacheSize: 1024,
				poolSize: 1,
			});
		});
		afterAll(async () => {
			await Expression.disposeExpressionEngine();
		});

		test('the VM engine is the one evaluating', () => {
			expect(Expression.getActiveImplementation()).toBe('vm');
		});
		compareFieldExpressionsWithN8n();
	});
} else if (process.env.PLUM_REQUIRE_VM_ENGINE === '1') {
	test("n8n's VM expression engine can be started here", () => {
		throw new Error(`needs Node 24 (ABI ${NODE_24_ABI}, this is ${process.versions.modules}) and NODE_OPTIONS="${NODE_FLAGS.join(' ')}"`);
	});
} else {
	describe.skip("field expressions against n8n's VM engine (Node 24 with NODE_OPTIONS flags only; see above)", () => {
		test('skipped', () => undefined);
	});
}
