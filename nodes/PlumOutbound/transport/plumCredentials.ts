import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

export type PlumProduct = 'dev' | 'deployment';

export interface PlumConnection {
	baseUrl: string;
	/** Secret values to scrub from anything Plum echoes back. */
	secrets: string[];
}

const PRODUCT_MODE: Record<PlumProduct, { mode: string; label: string; baseUrlKey: string }> = {
	dev: { mode: 'devLoginPin', label: 'DEV Login and PIN', baseUrlKey: 'devBaseUrl' },
	deployment: {
		mode: 'deploymentApiKey',
		label: 'E-Mail and Developer Key',
		baseUrlKey: 'deploymentBaseUrl',
	},
};

/** Reads the base URL and the secrets to redact; the credential's `authenticate` applies the secrets. */
export async function getPlumConnection(
	context: IExecuteFunctions,
	product: PlumProduct,
): Promise<PlumConnection> {
	const credentials = await context.getCredentials('plumVoiceApi');
	const wanted = PRODUCT_MODE[product];
	if (credentials.authMode !== wanted.mode) {
		throw new NodeOperationError(
			context.getNode(),
			`This operation needs a Plum Voice API credential in "${wanted.label}" mode`,
			{
				description:
					product === 'dev'
						? 'Queue a Call and Queue a Campaign use the DEV outbound webservice, which authenticates with your login and PIN. Choose or create a credential with Authentication set to "DEV Login and PIN".'
						: 'The deployment operations use the Plum Fuse API, which authenticates with your e-mail and developer key. Choose or create a credential with Authentication set to "E-Mail and Developer Key".',
			},
		);
	}
	const baseUrl = String(credentials[wanted.baseUrlKey] ?? '').replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
		throw new NodeOperationError(
			context.getNode(),
			`The credential's base URL "${baseUrl}" is not an http(s) address`,
			{ description: 'Open the Plum Voice API credential and set the base URL, e.g. https://fuse.plumvoice.com/api' },
		);
	}
	const secrets = [credentials.pin, credentials.developerKey].filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
	return { baseUrl, secrets };
}
