/** The local Plum sandbox with the credentials the engine tests use. */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

export type { Sandbox };

export const SANDBOX_SECRETS = {
	login: 'engine-login',
	pin: 'Pin7731Secret',
	email: 'ops@example.com',
	developerKey: 'dk-Engine-Secret-9d8c',
};

export async function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
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
