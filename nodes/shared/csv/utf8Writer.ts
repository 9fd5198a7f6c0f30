/*
 * Writes a file straight into UTF-8 bytes. A 100,000-row bulk CSV built as strings made a short-lived string per
 * field and line (and a larger one per join) and was then encoded once more; writing the bytes directly does neither.
 * ASCII, and any quoted field without surrogates, is encoded a character at a time; the rest goes through
 * Buffer.write.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const MIN_CAPACITY = 256;
// Numbers below this with 1 to 3 decimals are written without String(): their decimal text is the only one with
// that few decimals that rounds to the number (a double's spacing there is far below 0.001), so it is the text
// JavaScript gives. Larger or finer numbers go through String().
const DECIMAL_LIMIT = 1e9;
const MAX_DECIMALS = 3;

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

	/**
	 * The text as it is. Returns whether it holds a character a CSV field must quote (comma, double quote, CR, LF),
	 * so a file that cannot quote (Plum's phone list) learns it in the same pass over the text.
	 */
	text(value: string): boolean {
		const count = value.length;
		this.reserve(count);
		const bytes = this.bytes;
		let at = this.length;
		let delimiter = false;
		for (let index = 0; index < count; index++) {
			const code = value.charCodeAt(index);
			if (code >= 0x80) {
				this.length = at;
				this.encodeRest(value, index);
				return delimiter || hasCsvDelimiter(value, index);
			}
			// All four are at or below the comma: most characters of a contact list are not.
			if (code <= COMMA && isDelimiter(code)) delimiter = true;
			bytes[at++] = code;
		}
		this.length = at;
		return delimiter;
	}

	/**
	 * The number as String(value) writes it. Amounts and counts (integers, or up to 3 decimals) are written digit
	 * by digit: String() of a fractional number costs about 100 ns and a string per value, most of a bulk CSV's
	 * number column.
	 */
	number(value: number): void {
		if (Number.isSafeInteger(value)) {
			// -0 is written '0', as String(-0) gives.
			this.decimal(value, 0, 1);
			return;
		}
		if (value > -DECIMAL_LIMIT && value < DECIMAL_LIMIT) {
			for (let decimals = 1, scale = 10; decimals <= MAX_DECIMALS; decimals++, scale *= 10) {
				const scaled = Math.round(value * scale);
				// The division is exact to the nearest double, so equality means this text reads back as value.
				if (scaled / scale === value) {
					this.decimal(scaled, decimals, scale);
					return;
				}
			}
		}
		this.text(String(value));
	}

	/**
	 * An RFC 4180 field: in double quotes, a quote inside written twice. Accented letters and other characters
	 * below U+D800 are encoded here (names in a contact list have them); only surrogates go through Buffer.write.
	 */
	quotedField(value: string): void {
		const count = value.length;
		// Room for the quotes and 3 bytes per character (a doubled quote takes 2).
		this.reserve(count * 3 + 2);
		const bytes = this.bytes;
		let at = this.length;
		bytes[at++] = QUOTE;
		for (let index = 0; index < count; index++) {
			const code = value.charCodeAt(index);
			if (code < 0x80) {
				if (code === QUOTE) bytes[at++] = QUOTE;
				bytes[at++] = code;
			} else if (code < 0x800) {
				bytes[at++] = 0xc0 | (code >> 6);
				bytes[at++] = 0x80 | (code & 0x3f);
			} else if (code < 0xd800 || code >= 0xe000) {
				bytes[at++] = 0xe0 | (code >> 12);
				bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
				bytes[at++] = 0x80 | (code & 0x3f);
			} else {
				this.length = at;
				this.encodeRest(value.slice(index).replaceAll('"', '""'), 0);
				this.byte(QUOTE);
				return;
			}
		}
		bytes[at++] = QUOTE;
		this.length = at;
	}

	/** The bytes written; the buffer is copied to its exact size when much of it is unused. */
	toBuffer(): Buffer {
		const written = this.bytes.subarray(0, this.length);
		return this.length * 1.25 >= this.bytes.length ? written : Buffer.from(written);
	}

	/** Writes the integer `scaled` (below 2^53) with a point before its last `decimals` digits (`scale` = 10^decimals). */
	private decimal(scaled: number, decimals: number, scale: number): void {
		// A sign, up to 16 digits and a point.
		this.reserve(18);
		const bytes = this.bytes;
		let at = this.length;
		let rest = scaled;
		if (rest < 0) {
			bytes[at++] = MINUS;
			rest = -rest;
		}
		const whole = Math.floor(rest / scale);
		let fraction = rest - whole * scale;
		let count = 1;
		for (let limit = 10; whole >= limit; limit *= 10) count++;
		let end = at + count;
		at = end;
		let left = whole;
		do {
			bytes[--end] = ZERO + (left % 10);
			left = Math.floor(left / 10);
		} while (left > 0);
		if (decimals > 0) {
			bytes[at] = DOT;
			for (let index = at + decimals; index > at; index--) {
				bytes[index] = ZERO + (fraction % 10);
				fraction = Math.floor(fraction / 10);
			}
			at += decimals + 1;
		}
		this.length = at;
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

function isDelimiter(code: number): boolean {
	return code === COMMA || code === QUOTE || code === CR || code === LF;
}

/** Whether the text (from `from` on) holds a comma, double quote, CR or LF, which a CSV field must quote. */
export function hasCsvDelimiter(value: string, from = 0): boolean {
	for (let index = from; index < value.length; index++) {
		if (isDelimiter(value.charCodeAt(index))) return true;
	}
	return false;
}
