'use strict';
// RFC 4180 CSV parser for the deployment bulk_queue upload: quoted fields may hold commas,
// doubled quotes ("") and line breaks (CRLF or LF); records end with CRLF, LF or CR.

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

class CsvError extends Error {
	constructor(message, line) {
		super(message);
		this.line = line;
	}
}

/**
 * Returns { rows: string[][], lines: number[] } where lines[i] is the 1-based line on which rows[i] starts.
 * Empty lines are skipped (a line holding only `""` is a record with one empty field).
 * Throws CsvError for a stray quote, text after a closing quote, or an unclosed quoted field.
 */
function parseCsv(input) {
	const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
	const length = text.length;
	const rows = [];
	const lines = [];
	let i = 0;
	let line = 1;
	while (i < length) {
		const rowLine = line;
		const row = [];
		let quotedAny = false;
		for (;;) {
			let value;
			if (text.charCodeAt(i) === QUOTE) {
				quotedAny = true;
				const fieldLine = line;
				let done = '';
				let segmentStart = ++i;
				for (;;) {
					const quote = text.indexOf('"', i);
					if (quote < 0) throw new CsvError(`a quoted field opened on line ${fieldLine} is never closed`, fieldLine);
					line += countLineFeeds(text, i, quote);
					if (text.charCodeAt(quote + 1) === QUOTE) {
						done += text.slice(segmentStart, quote + 1);
						i = segmentStart = quote + 2;
						continue;
					}
					value = done + text.slice(segmentStart, quote);
					i = quote + 1;
					break;
				}
				const next = text.charCodeAt(i);
				if (i < length && next !== COMMA && next !== CR && next !== LF) {
					throw new CsvError(`line ${line} has text after the closing quote of a field`, line);
				}
			} else {
				let end = i;
				while (end < length) {
					const code = text.charCodeAt(end);
					if (code === COMMA || code === CR || code === LF) break;
					if (code === QUOTE) {
						throw new CsvError(`line ${line} has a double quote inside an unquoted field; quote the field and double the quote ("")`, line);
					}
					end++;
				}
				value = text.slice(i, end);
				i = end;
			}
			row.push(value);
			if (i >= length) break;
			const code = text.charCodeAt(i);
			if (code === COMMA) {
				i++;
				continue;
			}
			i += code === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
			line++;
			break;
		}
		if (row.length === 1 && row[0] === '' && !quotedAny) continue;
		rows.push(row);
		lines.push(rowLine);
	}
	return { rows, lines };
}

function countLineFeeds(text, from, to) {
	let count = 0;
	for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) count++;
	return count;
}

module.exports = { CsvError, parseCsv };
