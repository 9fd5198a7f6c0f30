/**
 * The expressions the node reads without n8n's evaluator (helpers/fieldExpression.ts) must give exactly what n8n's
 * evaluator gives. Both are asked, inside n8n's engine, for the same items: a test node reads each item's parameter
 * once with getNodeParameter (n8n) and once with perItemParameter (ours). The test files run this against n8n's
 * legacy expression engine (fieldExpression.test.ts) and against the isolated-VM engine n8n 2.x uses by default
 * (fieldExpressionVm.test.ts).
 */
import fc from 'fast-check';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { PlumVoiceApi } from '../../credentials/PlumVoiceApi.credentials';
import { compileFieldExpression } from '../../nodes/PlumOutbound/helpers/fieldExpression';
import { perItemParameter } from '../../nodes/PlumOutbound/helpers/perItemParameter';
import { createEngine } from './n8nEngine';

const TYPE = 'test.readField';

const readFieldNode: INodeType = {
	description: {
		displayName: 'Read Field',
		name: 'readField',
		group: ['transform'],
		version: 1,
		description: 'Reads one parameter per item both ways',
		defaults: { name: 'Read Field' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Field', name: 'field', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		// The node's reader gets a context that counts the items it hands to n8n's evaluator.
		let askedN8n = 0;
		const counting = Object.create(this) as IExecuteFunctions;
		counting.getNodeParameter = ((...args: Parameters<IExecuteFunctions['getNodeParameter']>) => {
			askedN8n++;
			return this.getNodeParameter(...args);
		}) as IExecuteFunctions['getNodeParameter'];
		const ours = perItemParameter(counting, 'field', items);
		return [
			items.map((_item, index) => {
				const asked = askedN8n;
				// Wrapped, so undefined and NaN survive the engine's copy of the output.
				const json = { ours: exactly(() => ours(index)), askedN8n: askedN8n > asked, n8n: exactly(() => this.getNodeParameter('field', index)) };
				return { json, pairedItem: { item: index } };
			}),
		];
	},
};

/** typeof and the value, for exact comparison (NaN, -0, undefined included), or the error thrown. */
function exactly(read: () => unknown): IDataObject {
	let value: unknown;
	try {
		value = read();
	} catch (error) {
		return { error: error instanceof Error ? error.message : String(error) };
	}
	if (typeof value === 'number') return { type: 'number', text: Object.is(value, -0) ? '-0' : String(value) };
	if (value === undefined) return { type: 'undefined' };
	return { type: typeof value, json: JSON.stringify(value) };
}

const engine = createEngine({ nodeTypes: { [TYPE]: readFieldNode }, credentialType: new PlumVoiceApi() });

/** Items pass through CRM, then Sorted (which reverses them), before the reading node: $('CRM').item is paired back. */
const UPSTREAM = [{ name: 'CRM' }, { name: 'Sorted', reverse: true }];

async function readBothWays(field: string, rows: IDataObject[]): Promise<Array<{ n8n: unknown; ours: unknown; askedN8n: boolean }>> {
	const { output, error } = await engine.runNode({
		type: TYPE,
		parameters: { field },
		items: rows.map((json) => ({ json })),
		credentials: {},
		upstream: UPSTREAM,
	});
	if (error) throw error;
	return output.map((item) => item.json as { n8n: unknown; ours: unknown; askedN8n: boolean });
}

const FIELDS = ['first_name', 'n', 'first name', 'missing'];

const fieldValue = fc.oneof(
	fc.string({ maxLength: 8 }),
	fc.constantFrom('', ' ', '  padded  ', 'Ana', 'a,b', 'é', '0', 'false'),
	fc.integer({ min: -1000, max: 1000 }),
	fc.double({ noDefaultInfinity: false }),
	fc.constantFrom(0, -0, Number.NaN, 1e21, 0.1, true, false, null),
	fc.constant(undefined),
	fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null)), { maxLength: 3 }),
	fc.dictionary(fc.constantFrom('a', 'b'), fc.oneof(fc.integer(), fc.string({ maxLength: 3 })), { maxKeys: 2 }),
);

const nested = fc.oneof(
	fc.record({ phone: fieldValue, 'e mail': fieldValue }, { requiredKeys: [] }),
	fieldValue,
	fc.constant(new Date(0)),
);

const row = fc.record(
	{
		first_name: fieldValue,
		n: fieldValue,
		'first name': fieldValue,
		contact: nested,
		list: fc.array(fc.oneof(fieldValue, nested), { maxLength: 3 }),
	},
	{ requiredKeys: [] },
) as fc.Arbitrary<IDataObject>;

const fieldRead = fc.oneof(
	fc.constantFrom(...FIELDS).map((name) => (/^\w+$/.test(name) ? `$json.${name}` : `$json["${name}"]`)),
	fc.constantFrom(
		'$json.contact.phone',
		'$json.contact["e mail"]',
		"$json['contact'].phone",
		'$json.list[0]',
		'$json.list[1].phone',
		'$json.list.length',
		'$json.first_name.length',
		'$json.missing.phone',
		"$('CRM').item.json.first_name",
		'$("CRM").item.json.contact.phone',
		"$('Sorted').item.json.n",
		"$('Nowhere').item.json.n",
	),
);
const literal = fc.stringMatching(/^[a-z_= &,.:-]{0,6}$/).map((text) => `'${text}'`);
const term = fc.oneof(fieldRead, fieldRead, literal);
const code = fc.array(term, { minLength: 1, maxLength: 3 }).map((terms) => ` ${terms.join(' + ')} `);
const text = fc.stringMatching(/^[a-z_= &,.:%-]{0,6}$/);

/** Templates: text and {{ code }} in turn, e.g. 'first_name={{ $json.first_name }}&n={{ $json.n }}'. */
const template = fc
	.array(fc.tuple(text, code), { minLength: 1, maxLength: 3 })
	.chain((parts) => text.map((tail) => `=${parts.map(([before, body]) => `${before}{{${body}}}`).join('')}${tail}`));
/** Whole expressions: '={{ … }}'. */
const whole = code.map((body) => `={{${body}}}`);

/** The tests, under the expression engine the calling test file has selected. */
export function compareFieldExpressionsWithN8n(): void {
	test('the CRM mappings of the README, on typical and odd values', async () => {
		const rows: IDataObject[] = [
			{ first_name: 'Ana', n: 3 },
			{ first_name: '  Ben ', n: 0 },
			{ first_name: null, n: Number.NaN },
			{ n: false },
			{ first_name: { a: 1 }, n: [1, null, 2] },
			{ first_name: '', n: -0 },
			{ contact: { phone: '6175550101' }, list: [{ phone: 1 }] },
			{ contact: 'text', list: [] },
		];
		for (const field of [
			'={{ $json.first_name }}',
			"={{ 'first_name=' + $json.first_name }}",
			'=first_name={{ $json.first_name }}',
			'=first_name={{ $json.first_name }}&n={{ $json.n }}',
			'={{ $json.first_name }} {{ $json.n }}',
			'={{ $json.contact.phone }}',
			'=first={{ $json.list[0].phone }}',
			"={{ $('CRM').item.json.contact.phone }}",
			"=n={{ $('CRM').item.json.n }}&first={{ $json.first_name }}",
			"={{ $('Nowhere').item.json.n }}",
		]) {
			expect(compileFieldExpression(field)).toBeDefined();
			for (const { n8n, ours } of await readBothWays(field, rows)) expect(ours).toEqual(n8n);
		}
	});

	test("an earlier node's paired item is read by the node itself, and one n8n cannot pair is left to n8n", async () => {
		const rows: IDataObject[] = [{ n: 1, contact: { phone: 'a' } }, { n: 2, contact: { phone: 'b' } }, { n: 3 }];
		const read = await readBothWays("={{ $('CRM').item.json.contact.phone }}", rows);
		// Sorted reversed the items; each is paired back to its own row in CRM.
		expect(read.map(({ ours }) => ours)).toEqual([{ type: 'undefined' }, { type: 'string', json: '"b"' }, { type: 'string', json: '"a"' }]);
		// The row without a contact is a missing step on the path: n8n's to answer.
		expect(read.map(({ askedN8n }) => askedN8n)).toEqual([true, false, false]);
		for (const { n8n, ours } of read) expect(ours).toEqual(n8n);
		const nowhere = await readBothWays("={{ $('Nowhere').item.json.n }}", rows);
		expect(nowhere.every(({ askedN8n }) => askedN8n)).toBe(true);
		for (const { n8n, ours } of nowhere) expect(ours).toEqual(n8n);
	});

	test('any template or joined expression of fields and text, on any values', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(template, whole), fc.array(row, { minLength: 1, maxLength: 6 }), async (field, rows) => {
				// Only what the node compiles is compared; the rest goes to n8n's evaluator anyway.
				fc.pre(compileFieldExpression(field) !== undefined);
				for (const { n8n, ours } of await readBothWays(field, rows)) expect(ours).toEqual(n8n);
			}),
			{ numRuns: 150 },
		);
	});
}
