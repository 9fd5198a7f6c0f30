/** Typed access to the local Plum sandbox (plain JS in sandbox/) for the engine tests. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../../sandbox') as { startSandbox: (options?: Record<string, unknown>) => Promise<Sandbox> };

export interface SandboxRequest {
	method: string;
	path: string;
	endpoint: string;
	headers: Record<string, string>;
	contentType: string;
	fields: Record<string, string>;
	files: Record<string, { filename: string; contentType: string; content: string }>;
	rawBody?: Buffer;
	outcome?: { status: number; bodyPreview: string };
}

export interface Sandbox {
	url: string;
	devBaseUrl: string;
	deploymentBaseUrl: string;
	requests: SandboxRequest[];
	responsesSent: string[];
	calls: Map<string, Record<string, unknown>>;
	queueRequestCount(): number;
	fail(endpoint: string, fault: Record<string, unknown>, options?: { times?: number }): void;
	clearFaults(): void;
	reset(): void;
	callDetails(callId: string): Record<string, unknown>;
	sendResultCallback(callId: string, options: { format: 'form' | 'json' | 'xml'; url?: string; method?: string }): Promise<{ status: number; body: string }>;
	close(): Promise<void>;
}

export const SANDBOX_SECRETS = {
	login: 'engine-login',
	pin: 'Pin7731Secret',
	email: 'ops@example.com',
	developerKey: 'dk-Engine-Secret-9d8c',
};

export async function startTestSandbox(options: Record<string, unknown> = {}): Promise<Sandbox> {
	return await startSandbox({
		port: 0,
		login: SANDBOX_SECRETS.login,
		pin: SANDBOX_SECRETS.pin,
		email: SANDBOX_SECRETS.email,
		developerKey: SANDBOX_SECRETS.developerKey,
		deployments: [{ applicationId: 11, deploymentId: 22 }],
		...options,
	});
}

export function devCredentials(sandbox: Sandbox) {
	return {
		authMode: 'devLoginPin',
		login: SANDBOX_SECRETS.login,
		pin: SANDBOX_SECRETS.pin,
		devBaseUrl: sandbox.devBaseUrl,
	};
}

export function deploymentCredentials(sandbox: Sandbox) {
	return {
		authMode: 'deploymentApiKey',
		email: SANDBOX_SECRETS.email,
		developerKey: SANDBOX_SECRETS.developerKey,
		deploymentBaseUrl: sandbox.deploymentBaseUrl,
	};
}
