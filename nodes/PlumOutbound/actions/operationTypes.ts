import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * One request per input item (Queue a Call, Get Call Status...). The router validates every item with
 * `prepare` before the first `send`, so one bad row stops the run before anything is dialed.
 */
export interface ItemOperation<Prepared = unknown> {
	kind: 'perItem';
	description: INodeProperties[];
	/** Reads and validates the item's parameters; throws PlumInputError for what the user typed. */
	prepare(this: IExecuteFunctions, itemIndex: number): Prepared;
	/** Sends one request. Never retried once it may have reached Plum. */
	send(this: IExecuteFunctions, prepared: Prepared, itemIndex: number): Promise<IDataObject>;
	/** Shown in the output pane when the operation ran for more than one item. */
	manyItemsHint?: string;
	/** Requests per second for this operation (read once per run), or undefined for no pacing. */
	callsPerSecond?(this: IExecuteFunctions): number | undefined;
}

/** One request for the whole run (Queue a Campaign, Bulk Queue): all items or none. */
export interface BatchOperation {
	kind: 'batch';
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type PlumOperation = ItemOperation | BatchOperation;
