import { PlumInputError, shortenValue } from '../validation/InputProblem';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** Always double-quotes (Plum's bulk CSV example quotes every field), doubling quotes inside. */
export function quoteCsvField(value: string): string {
	return `"${value.indexOf('"') === -1 ? value : value.replaceAll('"', '""')}"`;
}

export interface CsvRows {
	rows: string[][];
	/** 1-based line on which each row starts (rows can span lines inside quotes). */
	lines: number[];
}

/** RFC 4180 parser; see parseCsvWithLines. */
export function parseCsv(text: string): string[][] {
	return parseCsvWithLines(text).rows;
}

/**
 * RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; rows end with CRLF, LF (or a lone
 * CR, as old Mac exports do); a BOM is dropped; a final line break does not make an empty row. A blank line
 * in the middle is a row with one empty field. Liberal where it costs nothing: spaces around a quoted
 * field are ignored, and a quote inside an unquoted field is kept as written.
 * Throws PlumInputError (field 'CSV File', line) for an unclosed quote or text after a closing quote.
 */
export function parseCsvWithLines(text: string): CsvRows {
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const length = source.length;
	const rows: string[][] = [];
	const lines: number[] = [];
	if (length === 0) return { rows, lines };

	let position = 0;
	let line = 1;
	let row: string[] = [];
	let rowLine = 1;
	for (;;) {
		let quoteAt = position;
		while (quoteAt < length && (source.charCodeAt(quoteAt) === SPACE || source.charCodeAt(quoteAt) === TAB)) quoteAt++;

		if (quoteAt < length && source.charCodeAt(quoteAt) === QUOTE) {
			const fieldLine = line;
			let value = '';
			let start = quoteAt + 1;
			for (;;) {
				const close = source.indexOf('"', start);
				if (close === -1) throw unclosedQuote(fieldLine);
				line += countLineBreaks(source, start, close);
				if (source.charCodeAt(close + 1) === QUOTE) {
					value += source.slice(start, close + 1);
					start = close + 2;
				} else {
					value += source.slice(start, close);
					position = close + 1;
					break;
				}
			}
			while (position < length && (source.charCodeAt(position) === SPACE || source.charCodeAt(position) === TAB)) position++;
			if (position < length) {
				const next = source.charCodeAt(position);
				if (next !== COMMA && next !== LF && next !== CR) throw textAfterQuote(line, value);
			}
			row.push(value);
		} else {
			let end = position;
			while (end < length) {
				const code = source.charCodeAt(end);
				if (code === COMMA || code === LF || code === CR) break;
				end++;
			}
			row.push(source.slice(position, end));
			position = end;
		}

		if (position >= length) {
			rows.push(row);
			lines.push(rowLine);
			break;
		}
		const separator = source.charCodeAt(position);
		if (separator === COMMA) {
			position++;
			continue;
		}
		position += separator === CR && source.charCodeAt(position + 1) === LF ? 2 : 1;
		line++;
		rows.push(row);
		lines.push(rowLine);
		if (position >= length) break;
		row = [];
		rowLine = line;
	}
	return { rows, lines };
}

function countLineBreaks(source: string, start: number, end: number): number {
	let count = 0;
	for (let index = start; index < end; index++) {
		const code = source.charCodeAt(index);
		if (code === LF || (code === CR && source.charCodeAt(index + 1) !== LF)) count++;
	}
	return count;
}

function unclosedQuote(line: number): PlumInputError {
	return new PlumInputError({
		field: 'CSV File',
		rule: 'has a quoted value that is never closed',
		fix: 'Close the quote, and double any quote inside a value, e.g. "Steve ""The Voice"" Smith".',
		line,
	});
}

function textAfterQuote(line: number, value: string): PlumInputError {
	return new PlumInputError({
		field: 'CSV File',
		rule: 'has text after the closing quote of a value',
		fix: 'Put the whole value inside the quotes and double the quotes within it, e.g. "say ""hi"" now".',
		value: shortenValue(value),
		line,
	});
}
