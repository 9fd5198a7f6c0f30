import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ASK_N8N, compileFieldExpression, plainFieldOf, type PairedItemJson } from './fieldExpression';

/**
 * Returns a reader for a parameter that is evaluated once per input item. Expressions that only join
 * item fields and text (the usual CRM column mapping) are read directly, with the value n8n would give;
 * every other expression, and any item the compiled one leaves to n8n, goes through n8n's evaluator unchanged.
 */
export function perItemParameter(
	context: IExecuteFunctions,
	name: string,
	items: INodeExecutionData[],
): (itemIndex: number) => unknown {
	const raw = context.getNode().parameters[name];
	if (typeof raw === 'string' && !raw.startsWith('=')) return () => raw;
	const compiled = compileFieldExpression(raw);
	if (compiled !== undefined) {
		const pairedJson = pairedItemJson(context);
		return (itemIndex) => {
			const value = compiled(items[itemIndex].json, itemIndex, pairedJson);
			return value === ASK_N8N ? context.getNodeParameter(name, itemIndex, '') : value;
		};
	}
	return (itemIndex) => context.getNodeParameter(name, itemIndex, '');
}

/**
 * `$('node').item.json` for an item, from n8n's own data proxy: `$('node').itemMatching(itemIndex)` is the same
 * paired-item lookup `.item` makes, and it is taken once per node instead of building n8n's data proxy and evaluating
 * an expression for every item. Where n8n cannot pair an item, its evaluator is asked, and reports why.
 */
function pairedItemJson(context: IExecuteFunctions): PairedItemJson {
	const lookups = new Map<string, ((itemIndex: number) => unknown) | undefined>();
	return (nodeName, itemIndex) => {
		if (!lookups.has(nodeName)) lookups.set(nodeName, itemMatching(context, nodeName));
		const matching = lookups.get(nodeName);
		if (matching === undefined) return ASK_N8N;
		try {
			const item = matching(itemIndex) as { json?: unknown } | null | undefined;
			return item?.json ?? ASK_N8N;
		} catch {
			return ASK_N8N;
		}
	};
}

function itemMatching(context: IExecuteFunctions, nodeName: string): ((itemIndex: number) => unknown) | undefined {
	try {
		const matching: unknown = context.getWorkflowDataProxy(0).$(nodeName).itemMatching;
		return typeof matching === 'function' ? (matching as (itemIndex: number) => unknown) : undefined;
	} catch {
		return undefined;
	}
}

/** The item field a parameter reads when it is a plain `{{ $json.field }}` expression, else undefined. */
export function plainJsonField(context: IExecuteFunctions, name: string): string | undefined {
	return plainFieldOf(context.getNode().parameters[name]);
}
