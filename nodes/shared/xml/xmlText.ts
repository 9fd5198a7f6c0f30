/*
 * XML text helpers: decode what the parser leaves encoded (processEntities is off for safety) and escape
 * text the way an XML writer would (so a secret can be found in its escaped form too).
 */

const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g;

const NEEDS_ESCAPING = /[&<>"']/;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and numeric character references; anything else stays as written. */
export function decodeXmlText(value: string): string {
	if (value.indexOf('&') === -1) return value;
	return value.replace(REFERENCE, (reference: string, name?: string, decimal?: string, hex?: string) => {
		if (name !== undefined) return PREDEFINED[name];
		const codePoint = decimal !== undefined ? Number(decimal) : parseInt(hex as string, 16);
		return isXmlChar(codePoint) ? String.fromCodePoint(codePoint) : reference;
	});
}

/** Escapes the characters XML writers escape in text and attribute values. */
export function escapeXmlText(value: string): string {
	if (!NEEDS_ESCAPING.test(value)) return value;
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&apos;');
}

// XML 1.0 "Char" production: a reference to anything else (NUL, lone surrogates) is not a character.
function isXmlChar(codePoint: number): boolean {
	return (
		codePoint === 0x9 ||
		codePoint === 0xa ||
		codePoint === 0xd ||
		(codePoint >= 0x20 && codePoint <= 0xd7ff) ||
		(codePoint >= 0xe000 && codePoint <= 0xfffd) ||
		(codePoint >= 0x10000 && codePoint <= 0x10ffff)
	);
}
