import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/** The subset of form-data's FormData that authentication needs (avoids a type import at this seam). */
interface AppendableForm {
	append(name: string, value: string): void;
	getHeaders?: () => Record<string, string>;
}

function isAppendableForm(body: unknown): body is AppendableForm {
	return typeof body === 'object' && body !== null && typeof (body as AppendableForm).append === 'function';
}

/**
 * The two Plum products authenticate differently: the DEV webservice wants `login` and `pin` as form fields in
 * every request body (url-encoded or multipart); the deployment API wants HTTP Basic (e-mail, developer key).
 */
export async function applyPlumAuthentication(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (credentials.authMode === 'deploymentApiKey') {
		return {
			...requestOptions,
			auth: { username: String(credentials.email ?? ''), password: String(credentials.developerKey ?? '') },
		};
	}
	const login = String(credentials.login ?? '');
	const pin = String(credentials.pin ?? '');
	const body = requestOptions.body;
	if (isAppendableForm(body)) {
		body.append('login', login);
		body.append('pin', pin);
		return requestOptions;
	}
	const fields = typeof body === 'object' && body !== null && !Buffer.isBuffer(body) ? body : {};
	return {
		...requestOptions,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...requestOptions.headers },
		body: { ...(fields as Record<string, unknown>), login, pin },
	};
}
