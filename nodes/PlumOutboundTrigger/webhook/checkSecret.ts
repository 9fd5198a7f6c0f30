import { createHash, timingSafeEqual } from 'crypto';

import { WebhookRejection } from './WebhookRejection';

/**
 * Plum cannot sign callbacks or add headers (PLUM-API.md §5): the only thing a user controls is the
 * result_url itself, so the shared secret travels in its query string or in a path segment.
 */
export type SecretLocation = 'query' | 'path';

export interface SecretSettings {
	/** Empty means "no secret": every caller is accepted. */
	secret: string;
	location: SecretLocation;
	/** Query parameter that carries the secret when location is 'query'. */
	parameterName: string;
}

/** Route parameter used in the webhook path when the secret is part of the path. */
export const SECRET_PATH_PARAMETER = 'secret';

export function givenSecret(
	settings: SecretSettings,
	query: Record<string, unknown>,
	pathParameters: Record<string, unknown>,
): unknown {
	return settings.location === 'path'
		? pathParameters[SECRET_PATH_PARAMETER]
		: query[settings.parameterName];
}

function sha256(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Constant-time comparison. Comparing SHA-256 digests gives timingSafeEqual two buffers of equal
 * length whatever was sent, so neither the secret's content nor its length leaks through timing.
 */
export function secretMatches(expected: string, given: unknown): boolean {
	if (typeof given !== 'string') return false;
	return timingSafeEqual(sha256(expected), sha256(given));
}

export function checkSecret(
	settings: SecretSettings,
	query: Record<string, unknown>,
	pathParameters: Record<string, unknown>,
): void {
	if (settings.secret === '') return;
	if (!secretMatches(settings.secret, givenSecret(settings, query, pathParameters))) {
		const where =
			settings.location === 'path'
				? 'in place of :secret in the URL path'
				: `as ?${settings.parameterName}=… in the URL`;
		throw new WebhookRejection(
			401,
			`Unauthorized: the secret is missing or wrong. Put the node's secret ${where} given to Plum as result_url.`,
		);
	}
}
