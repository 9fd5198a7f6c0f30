import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { PlumInputError } from '../../shared/validation/InputProblem';
import { toNodeOperationError } from '../helpers/inputErrors';
import type { ItemOperation, PlumOperation } from './operationTypes';
import { callOperations } from './call';
import { deploymentCallOperations } from './deploymentCall';

const operationsByResource: Record<string, Record<string, PlumOperation>> = {
	call: callOperations,
	deploymentCall: deploymentCallOperations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operationsByResource[resource]?.[operationName];
	if (operation === undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not supported for resource "${resource}"`,
		);
	}
	if (operation.kind === 'batch') {
		return [await runBatch.call(this, operation.execute, items)];
	}
	return [await runPerItem.call(this, operation, items)];
}

async function runBatch(
	this: IExecuteFunctions,
	execute: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	try {
		return await execute.call(this, items);
	} catch (error) {
		const nodeError = toNodeError.call(this, error);
		if (!this.continueOnFail()) throw nodeError;
		// A campaign is all or nothing: every input item reports that it was not queued, and why.
		return items.map((_item, itemIndex) => ({
			json: { error: nodeError.message, description: nodeError.description ?? null, queued: false },
			pairedItem: { item: itemIndex },
		}));
	}
}

interface QueuedSoFar {
	itemIndex: number;
	result: IDataObject;
}

async function runPerItem(
	this: IExecuteFunctions,
	operation: ItemOperation,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const prepared: unknown[] = new Array(items.length);
	const invalid = new Map<number, PlumInputError>();

	// Every item is checked before the first request, so a bad row never leaves a list half sent.
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared[itemIndex] = operation.prepare.call(this, itemIndex);
		} catch (error) {
			if (!(error instanceof PlumInputError)) throw toNodeError.call(this, error, itemIndex);
			invalid.set(itemIndex, withItemIndex(error, itemIndex));
		}
	}
	if (invalid.size > 0 && !continueOnFail) {
		const problems = [...invalid.values()].flatMap((error) => error.problems);
		throw toNodeOperationError(this.getNode(), new PlumInputError(problems.slice(0, 10), invalid.size));
	}

	if (operation.manyItemsHint !== undefined && items.length > 1) {
		this.addExecutionHints({ message: operation.manyItemsHint, location: 'outputPane' });
	}
	const callsPerSecond = operation.callsPerSecond?.call(this);
	const pacer = createPacer(callsPerSecond);
	const output: INodeExecutionData[] = [];
	const queued: QueuedSoFar[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const inputError = invalid.get(itemIndex);
		if (inputError !== undefined) {
			const nodeError = toNodeOperationError(this.getNode(), inputError);
			output.push({ json: { error: nodeError.message }, pairedItem: { item: itemIndex } });
			continue;
		}
		await pacer();
		try {
			const result = await operation.send.call(this, prepared[itemIndex], itemIndex);
			queued.push({ itemIndex, result });
			output.push({ json: result, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = toNodeError.call(this, error, itemIndex);
			if (!continueOnFail) throw withProgress(nodeError, queued, items.length, itemIndex);
			output.push({
				json: { error: nodeError.message, description: nodeError.description ?? null },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return output;
}

function withItemIndex(error: PlumInputError, itemIndex: number): PlumInputError {
	return new PlumInputError(error.problems.map((problem) => ({ ...problem, itemIndex })));
}

function toNodeError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof PlumInputError) return toNodeOperationError(this.getNode(), error);
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(this.getNode(), message, { itemIndex });
}

/**
 * Items before the failure were really queued; saying which keeps them from being queued again blindly
 * (a retry of the whole run would dial those people twice).
 */
function withProgress<T extends NodeApiError | NodeOperationError>(
	error: T,
	queued: QueuedSoFar[],
	itemCount: number,
	failedIndex: number,
): T {
	if (queued.length === 0) return error;
	const ids = queued
		.slice(0, 20)
		.map(({ itemIndex, result }) => `item ${itemIndex}: ${String(result.call_id ?? 'done')}`)
		.join(', ');
	const notSent = itemCount - failedIndex - 1;
	error.description = [
		error.description,
		`${queued.length} item(s) before this one were already sent to Plum (${ids}${queued.length > 20 ? ', …' : ''}).`,
		notSent > 0 ? `${notSent} item(s) after it were not sent.` : '',
		'Do not simply re-run the whole workflow: remove the items already sent, or turn on Continue On Fail.',
	]
		.filter(Boolean)
		.join(' ');
	return error;
}

/** Spaces request starts evenly at `callsPerSecond`; requests never overlap because the loop awaits each. */
function createPacer(callsPerSecond: number | undefined): () => Promise<void> {
	if (callsPerSecond === undefined || callsPerSecond <= 0) return async () => {};
	const intervalMs = 1000 / callsPerSecond;
	let next = 0;
	return async () => {
		const now = Date.now();
		if (next === 0) next = now;
		const wait = next - now;
		if (wait > 0) await sleep(wait);
		next = Math.max(next, now) + intervalMs;
	};
}
