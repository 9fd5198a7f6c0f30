import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ASK_N8N, compileFieldExpression, plainFieldOf } from './fieldExpression';

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
		return (itemIndex) => {
			const value = compiled(items[itemIndex].json);
			return value === ASK_N8N ? context.getNodeParameter(name, itemIndex, '') : value;
		};
	}
	return (itemIndex) => context.getNodeParameter(name, itemIndex, '');
}

/** The item field a parameter reads when it is a plain `{{ $json.field }}` expression, else undefined. */
export function plainJsonField(context: IExecuteFunctions, name: string): string | undefined {
	return plainFieldOf(context.getNode().parameters[name]);
}
