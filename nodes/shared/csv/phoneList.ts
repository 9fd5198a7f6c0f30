import { InputProblem, shortenValue } from '../validation/InputProblem';
import { normalizePhoneNumber, type PhoneNumberOptions, writeNormalizedPhone } from '../validation/phoneNumber';
import { LIMITS } from '../validation/text';
import { characterCount, ProblemCollector } from './problemCollector';
import { hasCsvDelimiter, Utf8Writer } from './utf8Writer';

/*
 * The DEV webservice's queuecalls.php phone_list file (Plum docs: outbound-webservice-api, "Queue Multiple
 * Calls"): one call per line, "phone_number,message_reference,call_parameters", no header, the last two
 * optional. No quoting is documented, so a value with a comma, quote or line break cannot be sent.
 */

export interface PhoneListRow {
	phoneNumber: string;
	messageReference?: string;
	callParameters?: string;
}

export interface PhoneListFileRow extends PhoneListRow {
	/** 1-based line in the uploaded file. */
	line: number;
}

// Documented maximum lengths inside a phone list (message_reference is 255 for a single call, 128 here).
const MAX_MESSAGE_REFERENCE = LIMITS.phoneListMessageReference;
const MAX_CALL_PARAMETERS = LIMITS.callParameters;

// A line such as 'tel:+16175551234,c-1,first_name=Ana': the file's first guess of its size (it grows past it).
const BYTES_PER_LINE_GUESS = 48;
const COMMA = 0x2c;
const LF = 0x0a;

const UNSENDABLE_RUNS = /\s*[",\r\n]+\s*/g;
const LINE_BREAK = /\r\n|\n|\r/;
const HEADER_WORDS = new Set([
	'phone',
	'phone_number',
	'phonenumber',
	'phone number',
	'phone_no',
	'number',
	'destination',
	'tel',
	'telephone',
	'mobile',
	'msisdn',
]);

const UNSENDABLE_RULE = "contains a comma, quote or line break, which Plum's phone list cannot carry (it documents no quoting)";

/**
 * The phone list file, written one call at a time so a node can check and write each contact in the same pass
 * as it reads it: "tel:+1…", "tel:+1…,ref" or "tel:+1…,ref,params" ("tel:+1…,,params" keeps the empty middle
 * field), every line ending with '\n'. Checks what the list itself cannot carry; finish() throws the problems
 * found (up to 10) in one PlumInputError, or gives the file.
 */
export class PhoneListWriter {
	private readonly collector = new ProblemCollector();
	// Written straight into the file's UTF-8 bytes: a line joined as a string first cost four strings a call,
	// then their join into chunks and the file, then its encoding.
	private readonly file: Utf8Writer;
	// Per line started with startLine: where its number starts and ends in the file.
	private readonly numberBounds: Int32Array;

	/** `placeKind`: whether the numbers given to add() are input items or lines of an uploaded file. */
	constructor(
		private readonly expectedLines: number,
		private readonly placeKind: PlaceKind,
	) {
		this.file = new Utf8Writer(expectedLines * BYTES_PER_LINE_GUESS);
		this.numberBounds = new Int32Array(expectedLines * 2);
	}

	/** True once 10 problems are known: the caller may stop adding. */
	get isFull(): boolean {
		return this.collector.isFull;
	}

	/**
	 * Checks one call's fields and writes its line, for a number already in its final form; a problem is kept for
	 * finish(), placed at `place`.
	 */
	add(phoneNumber: string, messageReference: string | undefined, callParameters: string | undefined, place: number): void {
		if (!phoneNumber || hasCsvDelimiter(phoneNumber)) this.addPhoneProblem(phoneNumber, place);
		else if (this.collector.problems.length === 0) this.file.text(phoneNumber);
		this.endLine(messageReference, callParameters, place);
	}

	/**
	 * Starts line `lineIndex` (0-based, in list order) with the number as written, normalised as it is written
	 * (see writeNormalizedPhone): no string is made for the usual number. Throws the number's problem, as
	 * normalizePhoneNumber does; endLine then adds the other fields. numbers() reads the numbers back.
	 */
	startLine(lineIndex: number, rawPhoneNumber: unknown, phoneOptions: PhoneNumberOptions): void {
		if (this.collector.problems.length > 0) {
			// The file is not sent; the number is only checked.
			normalizePhoneNumber(rawPhoneNumber, phoneOptions);
			return;
		}
		const start = this.file.byteLength;
		writeNormalizedPhone(rawPhoneNumber, phoneOptions, this.file);
		this.numberBounds[lineIndex * 2] = start;
		this.numberBounds[lineIndex * 2 + 1] = this.file.byteLength;
	}

	/** Ends the line begun by startLine (or add) with the call's other fields. */
	endLine(messageReference: string | undefined, callParameters: string | undefined, place: number): void {
		// The usual line is checked as it is written (the writer notes commas, quotes and line breaks); only a line
		// with a problem is looked at again, to name it. Once anything is wrong the file is never sent, so its lines
		// are no longer written.
		if (
			this.collector.problems.length === 0 &&
			fitsLimit(messageReference, MAX_MESSAGE_REFERENCE) &&
			fitsLimit(callParameters, MAX_CALL_PARAMETERS) &&
			this.writeLineEnd(messageReference, callParameters)
		) {
			return;
		}
		this.checkFields(messageReference, callParameters, place);
	}

	/** The file as UTF-8, every line ending with '\n' (empty for no lines); throws the problems found instead. */
	finish(): Buffer {
		this.collector.throwIfAny();
		return this.file.toBuffer();
	}

	/** The numbers of the lines begun with startLine, read from `file` (what finish() gave). */
	numbers(file: Buffer): PhoneListNumbers {
		return new PhoneListNumbers(file, this.numberBounds, this.expectedLines);
	}

	/** Writes the rest of a line after its number; false when a field holds a comma, quote or line break. */
	private writeLineEnd(messageReference: string | undefined, callParameters: string | undefined): boolean {
		const file = this.file;
		let delimited = false;
		if (callParameters) {
			file.byte(COMMA);
			if (messageReference && file.text(messageReference)) delimited = true;
			file.byte(COMMA);
			if (file.text(callParameters)) delimited = true;
		} else if (messageReference) {
			file.byte(COMMA);
			if (file.text(messageReference)) delimited = true;
		}
		file.byte(LF);
		return !delimited;
	}

	/** Every problem of one call's other fields, in field order. */
	private checkFields(messageReference: string | undefined, callParameters: string | undefined, place: number): void {
		if (messageReference && !isSendable(messageReference, MAX_MESSAGE_REFERENCE)) {
			checkMessageReference(messageReference, this.collector, this.where(place));
		}
		if (callParameters && !isSendable(callParameters, MAX_CALL_PARAMETERS)) {
			checkCallParameters(callParameters, this.collector, this.where(place));
		}
	}

	private addPhoneProblem(phoneNumber: string, place: number): void {
		const where = this.where(place);
		this.collector.add(
			phoneNumber
				? unsendable('Phone Number', phoneNumber, '+16175551234', where)
				: { field: 'Phone Number', rule: 'is empty', fix: 'Give every call a number, e.g. +16175551234.', ...where },
		);
	}

	// Built only for a problem: the happy path allocates nothing per call but its line.
	private where(place: number): Where {
		return { [this.placeKind]: place };
	}
}

/**
 * The numbers of a written phone list, each read from the file when asked for: output items need them only once
 * Plum has answered, and until then a string per number would be 100,000 more objects for the garbage collector
 * to keep.
 */
export class PhoneListNumbers {
	constructor(
		private readonly file: Buffer,
		private readonly bounds: Int32Array,
		readonly length: number,
	) {}

	/** Line `index`'s number as written, e.g. 'tel:+16175551234'. */
	at(index: number): string {
		const start = this.bounds[index * 2];
		const end = this.bounds[index * 2 + 1];
		const file = this.file;
		// tel:+ and 11 digits: one call with the bytes as arguments (numbers are ASCII).
		if (end - start === 16) {
			return String.fromCharCode(
				file[start], file[start + 1], file[start + 2], file[start + 3], file[start + 4], file[start + 5],
				file[start + 6], file[start + 7], file[start + 8], file[start + 9], file[start + 10], file[start + 11],
				file[start + 12], file[start + 13], file[start + 14], file[start + 15],
			);
		}
		return file.toString('latin1', start, end);
	}

	toArray(): string[] {
		return Array.from({ length: this.length }, (_unused, index) => this.at(index));
	}
}

/** An optional field within its limit in characters (an absent one always is). */
function fitsLimit(value: string | undefined, limit: number): boolean {
	return !value || characterCount(value, limit) <= limit;
}

/** Neither unsendable characters nor over the limit: the common case, checked without building a problem. */
function isSendable(value: string, limit: number): boolean {
	return !hasCsvDelimiter(value) && fitsLimit(value, limit);
}

/**
 * Reads a phone list the user uploaded. Drops a UTF-8 BOM, accepts LF and CRLF, skips blank lines and a
 * header line (first field a word such as 'phone' or 'destination'), trims fields. Phone numbers are returned
 * as written; the caller normalises them. Up to 10 problems go into one PlumInputError, each naming its line.
 */
export function parsePhoneListFile(text: string): PhoneListFileRow[] {
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const physicalLines = source.split(LINE_BREAK);
	const collector = new ProblemCollector();
	const rows: PhoneListFileRow[] = [];
	let headerChecked = false;

	for (let index = 0; index < physicalLines.length && !collector.isFull; index++) {
		const content = physicalLines[index];
		const line = index + 1;
		if (content.trim() === '') continue;
		if (!headerChecked) {
			headerChecked = true;
			if (isHeaderLine(content)) continue;
		}
		if (content.indexOf('"') !== -1) {
			collector.add({
				field: 'Phone List File',
				rule: "contains a double quote, which Plum's phone list cannot carry (it documents no quoting)",
				fix: 'Remove the quotes, e.g. 16175551234,order-42,lang=en.',
				value: shortenValue(content),
				line,
			});
			continue;
		}
		const fields = content.split(',');
		if (fields.length > 3) {
			collector.add({
				field: 'Phone List File',
				rule: `has ${fields.length} fields; a phone list line holds phone number, message reference, call parameters`,
				fix: 'Remove the extra commas (values cannot contain commas), e.g. 16175551234,order-42,lang=en.',
				value: shortenValue(content),
				line,
			});
			continue;
		}
		const phoneNumber = fields[0].trim();
		if (phoneNumber === '') {
			collector.add({
				field: 'Phone Number',
				rule: 'is empty',
				fix: 'Put the number first on the line, e.g. 16175551234,order-42.',
				line,
			});
			continue;
		}
		const row: PhoneListFileRow = { line, phoneNumber };
		const messageReference = fields.length > 1 ? fields[1].trim() : '';
		const callParameters = fields.length > 2 ? fields[2].trim() : '';
		if (messageReference) {
			checkMessageReference(messageReference, collector, { line });
			row.messageReference = messageReference;
		}
		if (callParameters) {
			checkCallParameters(callParameters, collector, { line });
			row.callParameters = callParameters;
		}
		rows.push(row);
	}
	collector.throwIfAny();
	return rows;
}

// A header is not part of the format, but spreadsheets add one; its first field names the column.
function isHeaderLine(content: string): boolean {
	const comma = content.indexOf(',');
	const first = (comma === -1 ? content : content.slice(0, comma)).trim();
	const unquoted = first.length >= 2 && first.startsWith('"') && first.endsWith('"') ? first.slice(1, -1).trim() : first;
	return HEADER_WORDS.has(unquoted.toLowerCase());
}

interface Where {
	itemIndex?: number;
	line?: number;
}

/** What a PhoneListWriter's places are: input items or lines of an uploaded file. */
export type PlaceKind = keyof Where;

function checkMessageReference(value: string, collector: ProblemCollector, where: Where): void {
	if (hasCsvDelimiter(value)) collector.add(unsendable('Message Reference', value, 'order-42', where));
	if (characterCount(value, MAX_MESSAGE_REFERENCE) > MAX_MESSAGE_REFERENCE) {
		collector.add({
			field: 'Message Reference',
			rule: `is longer than ${MAX_MESSAGE_REFERENCE} characters, Plum's limit inside a phone list`,
			fix: 'Shorten it to an ID that finds the rest of the data, e.g. order-42.',
			value: shortenValue(value),
			...where,
		});
	}
}

function checkCallParameters(value: string, collector: ProblemCollector, where: Where): void {
	if (hasCsvDelimiter(value)) collector.add(unsendable('Call Parameters', value, 'lang=en;tier=gold', where));
	if (characterCount(value, MAX_CALL_PARAMETERS) > MAX_CALL_PARAMETERS) {
		collector.add({
			field: 'Call Parameters',
			rule: `is longer than ${MAX_CALL_PARAMETERS} characters, Plum's limit`,
			fix: 'Keep only what the call script reads, e.g. lang=en;tier=gold.',
			value: shortenValue(value),
			...where,
		});
	}
}

function unsendable(field: string, value: string, example: string, where: Where): InputProblem {
	const cleaned = value.replace(UNSENDABLE_RUNS, ' ').trim();
	return {
		field,
		rule: UNSENDABLE_RULE,
		fix: `Remove them, e.g. ${cleaned ? `"${shortenValue(cleaned)}"` : example}.`,
		value: shortenValue(value),
		...where,
	};
}
