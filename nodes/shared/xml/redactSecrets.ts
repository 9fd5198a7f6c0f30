export const REDACTED = '[redacted]';

/**
 * Replaces every non-empty secret in the text with '[redacted]', in the forms it can take in an answer or
 * a request: as written, XML-escaped (named or numeric references, as PHP writes them), and URL-encoded
 * (encodeURIComponent, PHP's urlencode with '+' for spaces).
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	return redactForms(text, secretForms(secrets));
}

/**
 * The distinct searchable forms of the secrets, longest first so a form that contains another is replaced
 * whole. Compute once when redacting many strings.
 */
export function secretForms(secrets: readonly string[]): string[] {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret === '') continue;
		forms.add(secret);
		const textEscaped = secret.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
		forms.add(textEscaped);
		forms.add(textEscaped.replaceAll('"', '&quot;').replaceAll("'", '&apos;'));
		forms.add(textEscaped.replaceAll('"', '&#34;').replaceAll("'", '&#39;'));
		forms.add(textEscaped.replaceAll('"', '&#034;').replaceAll("'", '&#039;'));
		const uriEncoded = encodeURIComponent(secret);
		forms.add(uriEncoded);
		const phpEncoded = uriEncoded
			.replaceAll('!', '%21')
			.replaceAll("'", '%27')
			.replaceAll('(', '%28')
			.replaceAll(')', '%29')
			.replaceAll('*', '%2A')
			.replaceAll('%20', '+');
		forms.add(phpEncoded);
	}
	return [...forms].sort((a, b) => b.length - a.length);
}

/** redactSecrets with forms already computed by secretForms. */
export function redactForms(text: string, forms: readonly string[]): string {
	let result = text;
	for (const form of forms) {
		if (result.indexOf(form) !== -1) result = result.split(form).join(REDACTED);
	}
	return result;
}
