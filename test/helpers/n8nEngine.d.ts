import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeExecutionData, INodeType, IRun } from 'n8n-workflow';

export interface EngineRunOptions {
	type: string;
	parameters: IDataObject;
	items: INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Nodes the items pass through first (in reverse order when `reverse`), readable with $('name'). */
	upstream?: Array<{ name: string; reverse?: boolean }>;
}

export interface EngineRun {
	output: INodeExecutionData[];
	error?: { message: string; description?: string | null; httpCode?: string; context?: IDataObject; [key: string]: unknown };
	run: IRun;
}

export declare const NODE_NAME: string;

export declare function createEngine(options: {
	nodeTypes: Record<string, INodeType>;
	credentialType: ICredentialType;
	credentialName?: string;
}): { runNode(options: EngineRunOptions): Promise<EngineRun> };
