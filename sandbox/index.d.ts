// Types for the sandbox (plain CommonJS JavaScript), so TypeScript tests and scripts can import it.
/// <reference types="node" />

export type SandboxEndpoint = 'queuecall' | 'queuecalls' | 'deploymentQueue' | 'bulkQueue' | 'callStatus' | 'cancel' | 'other';

export type SandboxFault =
	| { type: 'xmlStatus'; status?: string; message?: string }
	| { type: 'http'; status?: number; body?: string; contentType?: string }
	| { type: 'html'; status?: number }
	| { type: 'slow'; ms?: number }
	| { type: 'hang' }
	| { type: 'drop' }
	| { type: 'resetDuringUpload' }
	| { type: 'malformedXml' }
	| { type: 'doctype' }
	| { type: 'huge'; bytes?: number }
	| { type: 'stallBody' }
	| { type: 'cutBody' }
	| { type: 'trickle'; everyMs?: number };

export interface SandboxDeployment {
	applicationId: number | string;
	deploymentId: number | string;
	/** Answer 409 (deployment or application deleted). */
	deleted?: boolean;
	/** Answer 403 (no permission). */
	forbidden?: boolean;
}

export interface SandboxOptions {
	/** 0 (default) picks a free port; the sandbox listens on 127.0.0.1 only. */
	port?: number;
	login?: string;
	pin?: string;
	email?: string;
	developerKey?: string;
	deployments?: SandboxDeployment[];
	/** Milliseconds per step queued -> dialing -> connected -> completed (default 1000). */
	callProgressMs?: number;
	/** GET start_url and result_url before accepting a DEV queue request, as Plum does (default false). */
	checkUrlsWithGet?: boolean;
	/** Keep raw request bodies and uploaded file text (default true). */
	recordBodies?: boolean;
	/** Caller ID added to DEV numbers sent without ;ani= (default '8005550100'; '' for none). */
	defaultAni?: string;
	/** Clock in milliseconds (default Date.now), for tests that step time themselves. */
	now?: () => number;
}

export interface RecordedFile {
	filename: string;
	contentType: string;
	size: number;
	/** The file as UTF-8 text; absent when recordBodies is false. */
	content?: string;
}

export interface RecordedRequest {
	id: number;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	contentType: string;
	fields: Record<string, string>;
	files: Record<string, RecordedFile>;
	bodyLength: number;
	rawBody?: Buffer;
	endpoint: SandboxEndpoint;
	/** The fault type that answered this request, if any. */
	fault?: SandboxFault['type'];
	/** null while unanswered; status 0 when the request was dropped, reset or left hanging. */
	outcome: { status: number; bodyPreview: string } | null;
}

export interface CallDetails {
	max_attempts: string;
	attempts: string;
	events: Array<{ event: string; timestamp: number }>;
	phone_number: string;
	status: string;
	queued_timestamp: string;
	start_timestamp: string;
	end_timestamp: string;
	last_attempt_timestamp: string;
	reattempt_wait: string;
	duration: number;
}

export interface SandboxCall {
	readonly callId: string;
	readonly product: 'dev' | 'deployment';
	/** DEV: tel:+16175551234;ani=...; deployment: the destination as sent. */
	readonly phoneNumber: string;
	readonly phoneText: string;
	readonly number: string;
	readonly messageReference?: string;
	readonly callParameters?: string;
	readonly resultUrl: string;
	readonly status: string;
	readonly outcome: 'completed' | 'failed' | 'rejected';
	readonly variables: Record<string, unknown>;
	readonly settings: Record<string, unknown>;
	callDetails(nowMs: number): CallDetails;
}

export interface CallbackOptions {
	format?: 'form' | 'json' | 'xml';
	url?: string;
	method?: string;
}

export interface Sandbox {
	readonly port: number;
	readonly url: string;
	readonly devBaseUrl: string;
	readonly deploymentBaseUrl: string;
	readonly requests: RecordedRequest[];
	readonly responsesSent: string[];
	readonly calls: Map<string, SandboxCall>;
	queueRequestCount(): number;
	fail(endpoint: SandboxEndpoint | '*', fault: SandboxFault, options?: { times?: number }): Sandbox;
	clearFaults(): void;
	reset(): void;
	callDetails(callId: string | number): CallDetails | null;
	sendResultCallback(callId: string | number, options?: CallbackOptions): Promise<{ status: number; body: string }>;
	close(): Promise<void>;
}

export function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
