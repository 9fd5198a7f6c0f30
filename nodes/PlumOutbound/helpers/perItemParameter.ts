import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

// `={{ $json.phone }}`, `={{ $json["first name"] }}`, `={{ $json['phone'] }}`
const PLAIN_JSON_FIELD = /^=\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\])\s*\}\}$/;

/**
 * Returns a reader for a parameter that is evaluated once per input item.
 *
 * A campaign can hold 100,000 items, and n8n evaluates an expression in roughly the time it takes to
 * validate a hundred phone numbers. The overwhelmingly common expression reads one field of the item
 * (`{{ $json.phone }}`), so that case reads the field directly, giving the same value n8n would; every
 * other expression goes through n8n's evaluator unchanged.
 */
export function perItemParameter(
	context: IExecuteFunctions,
	name: string,
	items: INodeExecutionData[],
): (itemIndex: number) => unknown {
	const raw = context.getNode().parameters[name];
	if (typeof raw === 'string') {
		if (!raw.startsWith('=')) return () => raw;
		const field = plainJsonField(context, name);
		if (field !== undefined) return (itemIndex) => items[itemIndex]?.json[field];
	}
	return (itemIndex) => context.getNodeParameter(name, itemIndex, '');
}

/** The item field a parameter reads when it is a plain `{{ $json.field }}` expression, else undefined. */
export function plainJsonField(context: IExecuteFunctions, name: string): string | undefined {
	const raw = context.getNode().parameters[name];
	if (typeof raw !== 'string') return undefined;
	const match = PLAIN_JSON_FIELD.exec(raw);
	return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}
