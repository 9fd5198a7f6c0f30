import { InputProblem, PlumInputError, shortenValue } from '../validation/InputProblem';
import { TEL_PLUS } from '../validation/phoneNumber';
import { checkColumnNames, DESTINATION_HEADER } from './columnNames';
import { ProblemCollector } from './problemCollector';
import { parseCsvWithLines, quoteCsvField } from './rfc4180';
import { Utf8Writer } from './utf8Writer';

/*
 * The deployment API's bulk_queue file (Plum docs: contacts-csv-formatting): a header row is required, the
 * first column is 'destination', every further column becomes a variable inside the call.
 */

/** One CSV column: the item field it is read from, and the header it gets. */
export interface BulkColumn {
	source: string;
	header: string;
}

interface BulkRowFields {
	values: Record<string, unknown>;
	/** The row's line in an uploaded file; problems then name it (rows of items are named by their index). */
	line?: number;
}

/** One call with its number as it is to be sent, e.g. 'tel:+16175551234'. */
export interface BulkRowWithDestination extends BulkRowFields {
	destination: string;
	telDigits?: undefined;
	telSuffix?: undefined;
}

/**
 * One call with its number in the parts normalizePhoneParts gives (sent as tel:+ digits suffix): the node's
 * own rows, which need no joined string per number.
 */
export interface BulkRowWithParts extends BulkRowFields {
	destination?: undefined;
	telDigits: string;
	telSuffix: string;
}

/** One call: the already normalised number, whole or in parts, and the item's fields. */
export type BulkRow = BulkRowWithDestination | BulkRowWithParts;

const ROW_END = '\r\n'; // RFC 4180
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;

/**
 * 'all': every field any row has, in first-seen order, named as the field. A field called 'destination'
 * (any case) is left out: that name is the phone number column, which is always written first.
 * 'chosen': the given columns as they are (checked by buildBulkCsv).
 */
export function chooseColumns(rows: readonly BulkRow[], mode: 'all' | 'chosen', chosen?: readonly BulkColumn[]): BulkColumn[] {
	if (mode === 'chosen') return (chosen ?? []).map((column) => ({ source: column.source, header: column.header }));
	const seen = new Set<string>();
	const columns: BulkColumn[] = [];
	// Rows of one export mostly have the same fields in the same order: comparing against the last row's
	// fields is cheaper than looking every field up.
	let lastKeys: string[] = [];
	// Indexed: for-of makes a result object per row until V8 optimises the loop.
	for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
		const row = rows[rowIndex];
		if (hasKeysInOrder(row.values, lastKeys)) continue;
		const keys: string[] = [];
		for (const key in row.values) {
			if (!Object.prototype.hasOwnProperty.call(row.values, key)) continue;
			keys.push(key);
			if (seen.has(key)) continue;
			seen.add(key);
			if (key.toLowerCase() !== DESTINATION_HEADER) columns.push({ source: key, header: key });
		}
		lastKeys = keys;
	}
	return columns;
}

/** Whether the object's enumerable keys (own and inherited) are exactly `keys`, in that order. */
function hasKeysInOrder(values: Record<string, unknown>, keys: readonly string[]): boolean {
	let index = 0;
	for (const key in values) {
		if (key !== keys[index]) return false;
		index++;
	}
	return index === keys.length;
}

/**
 * Builds the bulk_queue CSV as UTF-8 bytes: header row, then one row per call, every field double-quoted, rows
 * ending CRLF. Checks column names, empty and duplicate destinations first; up to 10 problems go into one
 * PlumInputError.
 */
export function buildBulkCsv(rows: readonly BulkRow[], columns: readonly BulkColumn[]): Buffer {
	const collector = new ProblemCollector();
	for (const problem of checkColumnNames(columns.map((column) => column.header))) collector.add(problem);
	checkDestinations(rows, collector);
	collector.throwIfAny();

	const sources = columns.map((column) => column.source);
	const columnCount = sources.length;
	const csv = new Utf8Writer(expectedSize(rows, sources));
	csv.text([DESTINATION_HEADER, ...columns.map((column) => column.header)].map(quoteCsvField).join(','));
	csv.text(ROW_END);
	for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
		const row = rows[rowIndex];
		if (row.telDigits === undefined) {
			csv.quotedField(row.destination);
		} else {
			// Digits and Plum's option characters: nothing to double inside the quotes.
			csv.byte(QUOTE);
			csv.text(TEL_PLUS);
			csv.text(row.telDigits);
			if (row.telSuffix !== '') csv.text(row.telSuffix);
			csv.byte(QUOTE);
		}
		for (let columnIndex = 0; columnIndex < columnCount; columnIndex++) {
			csv.byte(COMMA);
			const value = row.values[sources[columnIndex]];
			if (typeof value === 'number') {
				// A number needs no quotes doubled, and the writer makes no string for most.
				csv.byte(QUOTE);
				csv.number(value);
				csv.byte(QUOTE);
			} else {
				csv.quotedField(typeof value === 'string' ? value : cellText(row.values, sources[columnIndex]));
			}
		}
		csv.byte(CR);
		csv.byte(LF);
	}
	return csv.toBuffer();
}

/** The size of the file if every row is as long as the first few, plus a little; the writer grows past it. */
function expectedSize(rows: readonly BulkRow[], sources: readonly string[]): number {
	const sample = Math.min(rows.length, 16);
	let sampleBytes = 0;
	for (let rowIndex = 0; rowIndex < sample; rowIndex++) {
		sampleBytes += destinationOf(rows[rowIndex]).length + 4;
		for (const source of sources) sampleBytes += cellText(rows[rowIndex].values, source).length + 3;
	}
	const perRow = sample === 0 ? 0 : sampleBytes / sample;
	return 1024 + perRow * rows.length * 1.1;
}

function checkDestinations(rows: readonly BulkRow[], collector: ProblemCollector): void {
	if (!hasEmptyOrDuplicateDestination(rows)) return;
	// The exact check, naming each row (an item, or a line of an uploaded file); the earlier row is looked up
	// only for a duplicate.
	const seen = new Set<string>();
	for (let rowIndex = 0; rowIndex < rows.length && !collector.isFull; rowIndex++) {
		const { line } = rows[rowIndex];
		const destination = destinationOf(rows[rowIndex]);
		const place = line === undefined ? { itemIndex: rowIndex } : { line };
		if (isEmptyDestination(destination)) {
			collector.add({
				field: 'Phone Number',
				rule: 'is empty',
				fix: 'Map Phone Number to a field that holds the number, e.g. +16175551234.',
				...place,
			});
			continue;
		}
		const known = seen.size;
		seen.add(destination);
		if (seen.size === known) {
			const first = firstRowWith(rows, destination);
			const firstLine = rows[first].line;
			collector.add({
				field: 'Phone Number',
				rule: `is the same number as ${firstLine === undefined ? `item ${first}` : `line ${firstLine}`}`,
				fix:
					line === undefined
						? "Remove duplicates, e.g. with n8n's Remove Duplicates node on the phone number field."
						: 'Remove the repeated line from the file.',
				value: shortenValue(destination),
				...place,
			});
		}
	}
}

/*
 * The quick answer for the usual list, where every destination is a plain tel:+digits: each number goes into a
 * hash set of digit pairs held in typed arrays, with no object per number (unlike a Set of strings) and no sort.
 * A repeat found this way may be a false one (leading zeros); the exact check above decides.
 */
function hasEmptyOrDuplicateDestination(rows: readonly BulkRow[]): boolean {
	const numbers = new DigitPairSet(rows.length);
	const tel = new PlainTelReader();
	let others: Set<string> | undefined;
	for (let itemIndex = 0; itemIndex < rows.length; itemIndex++) {
		const row = rows[itemIndex];
		// A plain tel:+digits number is not empty, so only the other forms need the emptiness check.
		if (row.telDigits === undefined ? tel.read(row.destination) : row.telSuffix === '' && tel.readDigits(row.telDigits)) {
			if (!numbers.add(tel.high, tel.low)) return true;
			continue;
		}
		const destination = destinationOf(row);
		if (isEmptyDestination(destination)) return true;
		others ??= new Set<string>();
		const known = others.size;
		others.add(destination);
		if (others.size === known) return true;
	}
	return false;
}

function isEmptyDestination(destination: unknown): boolean {
	if (typeof destination !== 'string' || destination.length === 0) return true;
	// Only a value that starts with white space can be all white space (trim() first copies a joined string).
	const first = destination.charCodeAt(0);
	return (first <= 0x20 || first === 0xa0 || first >= 0x1680) && destination.trim() === '';
}

// The last 8 digits are read apart from the rest: both parts stay small integers, which V8 keeps unboxed even
// before it optimises this code (a 15-digit running total would allocate a number per digit).
const LOW_DIGITS = 8;

/** Reads 'tel:+16175551234' as the digit pair high 161, low 75551234. */
class PlainTelReader {
	high = 0;

	low = 0;

	/** False for anything but tel:+ and 1 to 15 digits (options, other forms); high and low are then stale. */
	read(destination: unknown): boolean {
		if (typeof destination !== 'string' || !destination.startsWith(TEL_PLUS)) return false;
		return this.readFrom(destination, TEL_PLUS.length);
	}

	/** The same for the digits alone, e.g. '16175551234'. */
	readDigits(digits: string): boolean {
		return this.readFrom(digits, 0);
	}

	private readFrom(text: string, start: number): boolean {
		const length = text.length;
		if (length <= start || length > start + 15) return false;
		const lowStart = Math.max(start, length - LOW_DIGITS);
		let high = 0;
		let low = 0;
		for (let index = start; index < length; index++) {
			const digit = text.charCodeAt(index) - 48;
			if (digit < 0 || digit > 9) return false;
			if (index < lowStart) high = high * 10 + digit;
			else low = low * 10 + digit;
		}
		this.high = high;
		this.low = low;
		return true;
	}
}

/** A set of numbers given as digit pairs (each part below 10^8), in open addressing over two Int32Arrays. */
class DigitPairSet {
	private readonly highs: Int32Array;

	private readonly lows: Int32Array;

	private readonly mask: number;

	constructor(expected: number) {
		// At most half full, so a probe ends after a slot or two.
		let size = 16;
		while (size < expected * 2) size *= 2;
		this.highs = new Int32Array(size).fill(-1);
		this.lows = new Int32Array(size);
		this.mask = size - 1;
	}

	/** Adds the pair; false when it was there already. */
	add(high: number, low: number): boolean {
		const mixed = Math.imul(high ^ Math.imul(low, 0x85ebca6b), 0x9e3779b1);
		let slot = (mixed ^ (mixed >>> 15)) & this.mask;
		for (;;) {
			const stored = this.highs[slot];
			if (stored === -1) {
				this.highs[slot] = high;
				this.lows[slot] = low;
				return true;
			}
			if (stored === high && this.lows[slot] === low) return false;
			slot = (slot + 1) & this.mask;
		}
	}
}

function firstRowWith(rows: readonly BulkRow[], destination: string): number {
	let index = 0;
	while (destinationOf(rows[index]) !== destination) index++;
	return index;
}

/** The number as it is sent (joined from its parts for a row that has them). */
function destinationOf(row: BulkRow): string {
	return row.telDigits === undefined ? row.destination : TEL_PLUS + row.telDigits + row.telSuffix;
}

/** Strings as they are, numbers and booleans as written, nothing as '', objects and arrays as JSON. */
function cellText(values: Record<string, unknown>, source: string): string {
	const value = values[source];
	if (typeof value === 'string') return value;
	if (value === undefined || value === null) return '';
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	// Inherited members ('constructor', 'toString') are not the item's fields.
	if (!Object.prototype.hasOwnProperty.call(values, source)) return '';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
	if (typeof value === 'object') return JSON.stringify(value) ?? '';
	return String(value);
}

export interface BulkCsvFile {
	/** The variable columns, in file order, without 'destination'. */
	columns: string[];
	rows: Array<{ line: number; destination: string; values: Record<string, string> }>;
}

/**
 * Reads a bulk CSV the user uploaded: header required with 'destination' first (any case), the same
 * column-name rules as buildBulkCsv, as many fields on every line as in the header, a non-empty destination.
 * Blank lines are skipped. Destinations are trimmed but not normalised; values are kept exactly.
 */
export function readBulkCsvFile(text: string): BulkCsvFile {
	const { rows, lines } = parseCsvWithLines(text);
	let headerIndex = 0;
	while (headerIndex < rows.length && isBlankRow(rows[headerIndex])) headerIndex++;
	if (headerIndex === rows.length) {
		throw new PlumInputError({
			field: 'CSV File',
			rule: 'is empty',
			fix: 'Start the file with a header row, e.g. "destination","first_name","last_name".',
		});
	}
	const header = rows[headerIndex].map((name) => name.trim());
	const headerLine = lines[headerIndex];
	if (header[0].toLowerCase() !== DESTINATION_HEADER) {
		throw new PlumInputError({
			field: 'CSV File',
			rule: 'must start with a header row whose first column is destination',
			fix: 'Make the first line the column names, e.g. "destination","first_name","last_name".',
			value: shortenValue(header.join(',')),
			line: headerLine,
		});
	}

	const columns = header.slice(1);
	const collector = new ProblemCollector();
	for (const problem of checkColumnNames(columns, headerLine)) collector.add(problem);

	const result: BulkCsvFile['rows'] = [];
	for (let rowIndex = headerIndex + 1; rowIndex < rows.length && !collector.isFull; rowIndex++) {
		const fields = rows[rowIndex];
		if (isBlankRow(fields)) continue;
		const line = lines[rowIndex];
		if (fields.length !== header.length) {
			collector.add(fieldCountProblem(fields.length, header.length, line));
			continue;
		}
		const destination = fields[0].trim();
		if (destination === '') {
			collector.add({
				field: 'Phone Number',
				rule: 'is empty',
				fix: 'Put the number in the first column, e.g. "16175551234","Steve".',
				line,
			});
			continue;
		}
		const values: Record<string, string> = {};
		for (let columnIndex = 0; columnIndex < columns.length; columnIndex++) {
			values[columns[columnIndex]] = fields[columnIndex + 1];
		}
		result.push({ line, destination, values });
	}
	collector.throwIfAny();
	return { columns, rows: result };
}

function isBlankRow(fields: readonly string[]): boolean {
	return fields.length === 1 && fields[0].trim() === '';
}

function fieldCountProblem(count: number, expected: number, line: number): InputProblem {
	return {
		field: 'CSV File',
		rule: `has ${count} field${count === 1 ? '' : 's'} but the header has ${expected}`,
		fix: 'Give every line one value per column, and quote values that contain commas, e.g. "16175551234","Smith, Jr.".',
		line,
	};
}
