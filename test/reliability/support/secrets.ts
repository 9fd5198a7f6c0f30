/** Looks for a secret in any text n8n kept or showed, in every encoding scripts/scan-secrets.js knows. */
const { secretForms } = require('../../../scripts/scan-secrets.js') as {
	secretForms: (secret: string) => Array<{ name: string; bytes: Buffer }>;
};

/** The forms ("plain", "URL-encoded", "base64"...) in which any of the secrets occurs in the text. */
export function secretsIn(text: string, secrets: readonly string[]): string[] {
	const haystack = Buffer.from(text, 'utf8');
	const found: string[] = [];
	secrets.forEach((secret, index) => {
		for (const form of secretForms(secret)) {
			if (haystack.indexOf(form.bytes) !== -1) found.push(`secret #${index + 1} ${form.name}`);
		}
	});
	return found;
}

/** JSON of anything, cycles and errors included (n8n errors carry their node and cause). */
export function everythingAsText(...values: unknown[]): string {
	const seen = new WeakSet<object>();
	return values
		.map((value) =>
			JSON.stringify(value, (_key, entry: unknown) => {
				if (entry instanceof Error) {
					const own: Record<string, unknown> = { name: entry.name, message: entry.message, stack: entry.stack };
					for (const key of Object.getOwnPropertyNames(entry)) own[key] = (entry as unknown as Record<string, unknown>)[key];
					return own;
				}
				if (typeof entry === 'object' && entry !== null) {
					if (seen.has(entry)) return '[circular]';
					seen.add(entry);
				}
				if (typeof entry === 'bigint') return String(entry);
				return entry;
			}) ?? String(value),
		)
		.join('\n');
}
