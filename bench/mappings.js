'use strict';
// What one per-item mapping costs a Queue a Campaign run: read by the node itself (perItemParameter, for the
// mappings it compiles, see nodes/PlumOutbound/helpers/fieldExpression.ts) or by n8n's evaluator, on n8n's legacy
// expression engine or on the isolated-VM engine that n8n 2.x servers use by default. Not a figure of the issue; it
// shows what a 100,000-contact campaign would pay per field for a mapping the node left to n8n.
const { performance } = require('node:perf_hooks');
const { Expression } = require('n8n-workflow');

const { createEngine: createNodeEngine } = require('../test/helpers/n8nEngine');

// The README's own mappings: a template, a field of a nested object, and a field of an earlier node's paired item
// (the items pass through a node named CRM first).
const MAPPINGS = ['=first_name={{ $json.first_name }}', '={{ $json.contact.phone }}', "={{ $('CRM').item.json.contact.phone }}"];

const TYPE = 'bench.readMapping';

/** A node that reads its one parameter for every item, the way `reader` says, and reports the time per item. */
function readingNode(project, reader, timing) {
	return {
		description: {
			displayName: 'Read Mapping',
			name: 'readMapping',
			group: ['transform'],
			version: 1,
			description: 'Reads one parameter per item',
			defaults: { name: 'Read Mapping' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [{ displayName: 'Mapping', name: 'mapping', type: 'string', default: '' }],
		},
		async execute() {
			const items = this.getInputData();
			const read = reader === 'node' ? project.perItemParameter(this, 'mapping', items) : (index) => this.getNodeParameter('mapping', index, '');
			const started = performance.now();
			let length = 0;
			for (let index = 0; index < items.length; index++) length += String(read(index)).length;
			timing.usPerItem = ((performance.now() - started) * 1000) / items.length;
			timing.textLength = length;
			return [[{ json: { length }, pairedItem: { item: 0 } }]];
		},
	};
}

/**
 * µs per item for each mapping, read by `reader` ('node' or 'n8n') with `engine` ('legacy' or 'vm'; the VM engine needs
 * Node 24 started with --no-node-snapshot). `count` items, after one untimed run of the same size. textLengths: the
 * characters of all values read, per mapping (both readers must agree).
 */
async function measureMappings(project, { reader, engine, count }) {
	if (engine === 'vm') {
		await Expression.initExpressionEngine({ engine: 'vm', bridgeTimeout: 5000, bridgeMemoryLimit: 128, maxCodeCacheSize: 1024, poolSize: 1 });
	}
	try {
		const timing = {};
		const { runNode } = createNodeEngine({ nodeTypes: { [TYPE]: readingNode(project, reader, timing) }, credentialType: new project.PlumVoiceApi() });
		const results = {};
		const textLengths = {};
		for (const mapping of MAPPINGS) {
			const items = Array.from({ length: count }, (_unused, index) => ({
				json: { first_name: `N${index}`, contact: { phone: `617555${String(index).padStart(4, '0')}` } },
			}));
			for (let round = 0; round < 2; round++) {
				const { error } = await runNode({ type: TYPE, parameters: { mapping }, items, credentials: {}, upstream: [{ name: 'CRM' }] });
				if (error) throw new Error(`reading ${mapping} failed: ${error.message}`);
			}
			results[mapping] = timing.usPerItem;
			textLengths[mapping] = timing.textLength;
		}
		return { engine: Expression.getActiveImplementation(), usPerItem: results, textLengths };
	} finally {
		await Expression.disposeExpressionEngine();
	}
}

module.exports = { measureMappings, MAPPINGS };
