/*
 * Writes a file straight into UTF-8 bytes. A 100,000-row bulk CSV built as strings made a short-lived string per
 * field and line (and a larger one per join) and was then encoded once more; writing the bytes directly does neither.
 * ASCII, nearly all of a contact list, is copied a character at a time; other text goes through Buffer.write.
 */

const QUOTE = 0x22;
const MIN_CAPACITY = 256;

export class Utf8Writer {
	private bytes: Buffer;

	private length = 0;

	/** `expectedBytes`: a guess of the final size; the buffer grows when it is too small. */
	constructor(expectedBytes = MIN_CAPACITY) {
		this.bytes = Buffer.alloc(Math.max(MIN_CAPACITY, Math.ceil(expectedBytes)));
	}

	get byteLength(): number {
		return this.length;
	}

	/** One ASCII character by its code, e.g. 0x2c for ','. */
	byte(code: number): void {
		if (this.length === this.bytes.length) this.reserve(1);
		this.bytes[this.length++] = code;
	}

	/** The text as it is. */
	text(value: string): void {
		const count = value.length;
		this.reserve(count);
		const bytes = this.bytes;
		let at = this.length;
		for (let index = 0; index < count; index++) {
			const code = value.charCodeAt(index);
			if (code >= 0x80) {
				this.length = at;
				this.encodeRest(value, index);
				return;
			}
			bytes[at++] = code;
		}
		this.length = at;
	}

	/** An RFC 4180 field: in double quotes, a quote inside written twice. */
	quotedField(value: string): void {
		const count = value.length;
		// Room for the quotes and for every character doubled.
		this.reserve(count * 2 + 2);
		const bytes = this.bytes;
		let at = this.length;
		bytes[at++] = QUOTE;
		for (let index = 0; index < count; index++) {
			const code = value.charCodeAt(index);
			if (code >= 0x80) {
				this.length = at;
				this.encodeRest(value.slice(index).replaceAll('"', '""'), 0);
				this.byte(QUOTE);
				return;
			}
			if (code === QUOTE) bytes[at++] = QUOTE;
			bytes[at++] = code;
		}
		bytes[at++] = QUOTE;
		this.length = at;
	}

	/** The bytes written; the buffer is copied to its exact size when much of it is unused. */
	toBuffer(): Buffer {
		const written = this.bytes.subarray(0, this.length);
		return this.length * 1.25 >= this.bytes.length ? written : Buffer.from(written);
	}

	/** Writes value from `index` on, whatever it holds (UTF-16 becomes UTF-8; a lone surrogate becomes U+FFFD). */
	private encodeRest(value: string, index: number): void {
		const rest = index === 0 ? value : value.slice(index);
		// At most 3 bytes per UTF-16 unit.
		this.reserve(rest.length * 3);
		this.length += this.bytes.write(rest, this.length, 'utf8');
	}

	private reserve(extraBytes: number): void {
		const needed = this.length + extraBytes;
		if (needed <= this.bytes.length) return;
		const grown = Buffer.alloc(Math.max(needed, this.bytes.length * 2));
		this.bytes.copy(grown, 0, 0, this.length);
		this.bytes = grown;
	}
}
