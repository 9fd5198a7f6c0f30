import { describeType, fail, type ProblemPlace } from './fail';
import { LIMITS } from './text';

export interface PhoneNumberOptions {
	/** Display name used in errors; default 'Phone Number'. */
	field?: string;
	itemIndex?: number;
	line?: number;
	/** The node's "Caller ID (ANI)" option: appended as ;ani= when the number has none of its own. */
	callerId?: string;
}

const DEFAULT_FIELD = 'Phone Number';
const CALLER_ID_FIELD = 'Caller ID (ANI)';
const EXAMPLE_NUMBER = '+1 617-555-1234';
const EXAMPLE_INTERNATIONAL = '+44 20 7946 0958';
const NO_OPTIONS: PhoneNumberOptions = {};

// E.164: at most 15 digits including the country code; fewer than 10 is never a full number we can dial.
const MIN_DIGITS = 10;
const MAX_DIGITS = 15;

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const PLUS = 43;

/** A normalised number in two parts: the E.164 digits without '+', and its options (';ani=…;postd=…' or ''). */
export interface PhoneParts {
	digits: string;
	suffix: string;
}

/** What every normalised number starts with: Plum's documented tel: URI form. */
export const TEL_PLUS = 'tel:+';
// normalizePhoneNumber's parts (its digits already in the tel:+ form), reused: one object for every call.
const telParts: PhoneParts = { digits: '', suffix: '' };

/** Where writeNormalizedPhone writes, e.g. a Utf8Writer: ASCII bytes and ASCII text. */
export interface PhoneByteSink {
	byte(code: number): void;
	text(value: string): unknown;
}

/**
 * Normalises what people paste into Plum's documented form `tel:+16175551234;ani=8005551234;postd=1234`
 * (Plum answers with the tel:+ form too). The number gets Plum's leading 1; a caller ID keeps its digits as
 * written (see callerIdDigits). Runs once per item on large campaigns, so the happy path is a
 * single pass over the characters with no regular expressions.
 */
export function normalizePhoneNumber(raw: unknown, options: PhoneNumberOptions = NO_OPTIONS): string {
	normalizeInto(raw, options, telParts, true);
	// Adding '' gives the same string back: a number without options is the one string digitText made.
	return telParts.digits + telParts.suffix;
}

/**
 * normalizePhoneNumber's result in its parts, written into `into`, so a caller that writes bytes (Bulk Queue's
 * CSV) never makes a string of the whole number.
 */
export function normalizePhoneParts(raw: unknown, options: PhoneNumberOptions, into: PhoneParts): void {
	normalizeInto(raw, options, into, false);
}

/**
 * normalizePhoneNumber's result written into `sink` as it is checked: the usual number (no options) makes no
 * string at all. A campaign's phone list is written this way, so 100,000 numbers are not kept as strings while
 * Plum works. Nothing is written when the number is refused (the problem is thrown).
 */
export function writeNormalizedPhone(raw: unknown, options: PhoneNumberOptions, sink: PhoneByteSink): void {
	const suffix = checkNumber(raw, options, true);
	if (checkedText !== undefined) {
		sink.text(checkedText);
	} else {
		sink.text(TEL_PLUS);
		if (completedLeadingOne) sink.byte(DIGIT_0 + 1);
		const end = Math.min(scannedCount, CODES_KEPT);
		// Indexed: for-of makes an iterator object per number until V8 optimises this code.
		for (let index = completedStart; index < end; index++) sink.byte(scannedCodes[index]);
	}
	if (suffix !== '') sink.text(suffix);
}

/** Both string forms: `into.digits` starts with tel:+ when `telForm`. */
function normalizeInto(raw: unknown, options: PhoneNumberOptions, into: PhoneParts, telForm: boolean): void {
	const suffix = checkNumber(raw, options, telForm);
	into.digits = checkedText ?? digitText(completedStart, completedLeadingOne, telForm);
	into.suffix = suffix;
}

/*
 * Set by checkNumber: the number's digits as text (in the tel:+ form when asked) when anything was scanned after
 * them, which reuses scannedCodes (options, a caller ID); otherwise undefined, and they are still in scannedCodes
 * where completedStart and completedLeadingOne say.
 */
let checkedText: string | undefined;

/**
 * Checks a number and its options, and returns the options as Plum gets them (';ani=…;postd=…', or ''); the
 * digits are left as checkedText says. Throws the number's problem.
 */
function checkNumber(raw: unknown, options: PhoneNumberOptions, telForm: boolean): string {
	const field = options.field ?? DEFAULT_FIELD;
	const text = phoneText(raw, field, options);

	let start = 0;
	// "tel:" prefix, any case
	if (
		text.length > 4 &&
		text.charCodeAt(3) === 58 &&
		(text.charCodeAt(0) | 32) === 116 &&
		(text.charCodeAt(1) | 32) === 101 &&
		(text.charCodeAt(2) | 32) === 108
	) {
		start = 4;
	}
	const firstSemicolon = text.indexOf(';', start);
	const numberEnd = firstSemicolon === -1 ? text.length : firstSemicolon;
	scanDigits(text, start, numberEnd, field, raw, options, undefined);
	completeDigits(field, raw, options, undefined);
	const digitCount = Math.min(scannedCount, CODES_KEPT) - completedStart + (completedLeadingOne ? 1 : 0);
	checkedText =
		firstSemicolon === -1 && options.callerId === undefined
			? undefined
			: digitText(completedStart, completedLeadingOne, telForm);

	let ani: string | undefined;
	let postd: string | undefined;
	let position = firstSemicolon;
	while (position !== -1) {
		const next = text.indexOf(';', position + 1);
		const end = next === -1 ? text.length : next;
		const equals = text.indexOf('=', position + 1);
		const nameEnd = equals === -1 || equals > end ? end : equals;
		const name = text.slice(position + 1, nameEnd).trim().toLowerCase();
		if (name === 'ani' && nameEnd < end) {
			if (ani !== undefined) failDuplicateOption('ani', field, raw, options);
			scanDigits(text, nameEnd + 1, end, field, raw, options, ';ani=');
			ani = callerIdDigits(field, raw, options, ';ani=');
		} else if (name === 'postd' && nameEnd < end) {
			if (postd !== undefined) failDuplicateOption('postd', field, raw, options);
			postd = scanPostDial(text, nameEnd + 1, end, field, raw, options);
		} else if (name !== '' || nameEnd < end) {
			failUnknownOption(text.slice(position, end).trim(), name, field, raw, options);
		}
		position = next;
	}

	const callerId = options.callerId === undefined ? undefined : normalizeCallerId(options.callerId, options);
	if (ani === undefined) ani = callerId;

	let suffix = '';
	if (ani !== undefined) suffix += ';ani=' + ani;
	if (postd !== undefined) suffix += ';postd=' + postd;
	// Counted, not joined: joining only to count made a string a number.
	const length = TEL_PLUS.length + digitCount + suffix.length;
	if (length > LIMITS.phoneNumber) {
		const digits = checkedText ?? digitText(completedStart, completedLeadingOne, telForm);
		fail(
			field,
			`is ${length} characters long once written as ${((telForm ? '' : TEL_PLUS) + digits + suffix).slice(0, 24)}…; Plum's limit is ${LIMITS.phoneNumber}`,
			'Shorten the ;postd= part, e.g. tel:+16175551234;postd=1234.',
			raw,
			options,
		);
	}
	return suffix;
}

function phoneText(raw: unknown, field: string, place: ProblemPlace): string {
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (text !== '') return text;
	} else if (typeof raw === 'number') {
		if (Number.isSafeInteger(raw) && raw > 0) return String(raw);
		fail(field, 'is not a positive whole number', `Enter the number as text, e.g. ${EXAMPLE_NUMBER}.`, raw, place);
	} else if (typeof raw === 'bigint') {
		return String(raw);
	} else if (raw !== undefined && raw !== null) {
		fail(
			field,
			`must be text or a number, not ${describeType(raw)}`,
			`Map the field that holds the number, e.g. {{ $json.phone }}, with a value like ${EXAMPLE_NUMBER}.`,
			raw,
			place,
		);
	}
	fail(field, 'is required', `Enter the number to call, e.g. ${EXAMPLE_NUMBER}.`, undefined, place);
}

// The last caller ID seen and its normalised form: the node passes the same option for every item.
let cachedCallerIdText: unknown;
let cachedCallerId: string | undefined;

/**
 * The node's Caller ID option as the digits of ;ani= (kept as written, see callerIdDigits); undefined when it is
 * empty. Problems name the 'Caller ID (ANI)' field.
 */
export function normalizeCallerId(callerId: unknown, place: ProblemPlace): string | undefined {
	if (callerId === cachedCallerIdText) return cachedCallerId;
	const isEmpty =
		callerId === undefined || callerId === null || (typeof callerId === 'string' && callerId.trim() === '');
	let normalized: string | undefined;
	if (!isEmpty) {
		const text = phoneText(callerId, CALLER_ID_FIELD, place);
		const start = text.length > 4 && text.slice(0, 4).toLowerCase() === 'tel:' ? 4 : 0;
		scanDigits(text, start, text.length, CALLER_ID_FIELD, callerId, place, undefined);
		normalized = callerIdDigits(CALLER_ID_FIELD, callerId, place, undefined);
	}
	cachedCallerIdText = callerId;
	cachedCallerId = normalized;
	return normalized;
}

/*
 * Set by scanDigits: the codes of the digits it found (the first CODES_KEPT of them), how many there were, and
 * whether they were written after a '+'. Module variables instead of a returned object keep the hot path free of
 * allocations; every caller reads them right after the call. The digits become a string once, in digitText:
 * joining the runs between separators ('617' + '555' + '1234', then the leading 1) cost four strings a number.
 */
const CODES_KEPT = 32;
const scannedCodes: number[] = new Array<number>(CODES_KEPT).fill(0);
let scannedCount = 0;
let scanHadPlus = false;

/** The digits between from and to, ignoring the separators people type; rejects anything else. */
function scanDigits(
	text: string,
	from: number,
	to: number,
	field: string,
	raw: unknown,
	place: ProblemPlace,
	part: string | undefined,
): void {
	let count = 0;
	let plus = false;
	for (let i = from; i < to; i++) {
		const code = text.charCodeAt(i);
		if (code >= DIGIT_0 && code <= DIGIT_9) {
			if (count < CODES_KEPT) scannedCodes[count] = code;
			count++;
		} else if (code === PLUS && !plus && count === 0) {
			plus = true;
		} else if (!isSeparator(code)) {
			failCharacter(text, from, to, i, field, raw, place, part);
		}
	}
	scannedCount = count;
	scanHadPlus = plus;
}

/**
 * The scanned digits from `start` on as a string: after Plum's leading 1 when `leadingOne`, and after tel:+ when
 * `telForm`. The usual number (11 digits with the 1) is made by one call with the codes as arguments: one string,
 * no joins (joined, a string of 13 characters or more is a chain of parts that its first reader copies again).
 */
function digitText(start: number, leadingOne: boolean, telForm: boolean): string {
	const codes = scannedCodes;
	const count = Math.min(scannedCount, CODES_KEPT) - start;
	if (count + (leadingOne ? 1 : 0) === 11) {
		// codes[at + 1] to codes[at + 10] are the last ten digits; the first is the 1 or codes[at].
		const at = leadingOne ? start - 1 : start;
		const first = leadingOne ? DIGIT_0 + 1 : codes[at];
		if (telForm) {
			return String.fromCharCode(
				0x74, 0x65, 0x6c, 0x3a, PLUS, // tel:+
				first, codes[at + 1], codes[at + 2], codes[at + 3], codes[at + 4], codes[at + 5],
				codes[at + 6], codes[at + 7], codes[at + 8], codes[at + 9], codes[at + 10],
			);
		}
		return String.fromCharCode(
			first, codes[at + 1], codes[at + 2], codes[at + 3], codes[at + 4], codes[at + 5],
			codes[at + 6], codes[at + 7], codes[at + 8], codes[at + 9], codes[at + 10],
		);
	}
	const kept = codes.slice(start, start + Math.max(count, 0));
	return (telForm ? TEL_PLUS : '') + (leadingOne ? '1' : '') + String.fromCharCode(...kept);
}

/** Spaces, dashes, dots, brackets and slashes, including the Unicode ones that come with copied text. */
function isSeparator(code: number): boolean {
	return (
		code === 32 || // space
		code === 45 || // -
		code === 46 || // .
		code === 40 || // (
		code === 41 || // )
		code === 47 || // /
		code === 9 || // tab
		code === 160 || // no-break space
		(code >= 0x2000 && code <= 0x2015) || // Unicode spaces, zero-width marks, hyphens and dashes
		code === 0x2212 || // minus sign
		code === 0x202f || // narrow no-break space
		(code >= 0x202a && code <= 0x202e) || // bidirectional marks
		code === 0xfeff // byte order mark
	);
}

/**
 * Digits as E.164 without the '+': 10 digits get the North American 1, numbers written with an
 * international prefix (+, 00, 011) keep their own country code.
 */
function completeDigits(field: string, raw: unknown, place: ProblemPlace, part: string | undefined): void {
	const codes = scannedCodes;
	let start = 0;
	let international = scanHadPlus;
	if (!international && scannedCount > 1 && codes[0] === DIGIT_0) {
		// 011 (from the US and Canada) and 00 (from most other countries) stand for '+'.
		if (scannedCount > 2 && codes[1] === DIGIT_0 + 1 && codes[2] === DIGIT_0 + 1) {
			start = 3;
			international = true;
		} else if (codes[1] === DIGIT_0) {
			start = 2;
			international = true;
		}
	}
	const count = scannedCount - start;
	// Read only where count makes them digits of this number.
	const first = codes[start];
	completedStart = start;
	completedLeadingOne = count === 10 && !international && first > DIGIT_0 + 1;
	if (completedLeadingOne) return;
	if (count === 11 && first === DIGIT_0 + 1 && codes[start + 1] > DIGIT_0 + 1) return;
	if (count > 10 && count <= MAX_DIGITS && first > DIGIT_0 + 1) return;
	if (count === 10 && international && first > DIGIT_0 + 1) return;
	failDigits(count, digitText(start, false, false), international, field, raw, place, part);
}

// Set by completeDigits: where the accepted digits start in scannedCodes, and whether Plum's leading 1 goes first.
let completedStart = 0;
let completedLeadingOne = false;

/**
 * A caller ID's digits: checked like a number, but a 10-digit North American one keeps the form it was written
 * in. Plum uses it only if it is a number on the account, and every Plum example writes it with 10 digits
 * (`;ani=8005551234`, also in the answers Plum sends back), so adding the 1 could make it not match.
 */
function callerIdDigits(...args: Parameters<typeof completeDigits>): string {
	if (scannedCount === 10 && !scanHadPlus && scannedCodes[0] > DIGIT_0 + 1) return digitText(0, false, false);
	completeDigits(...args);
	return digitText(completedStart, completedLeadingOne, false);
}

/**
 * Says exactly which digit rule a number breaks (the slow path of completeDigits). `digits` holds at most the
 * first CODES_KEPT of the `count` digits: enough for every rule but the length, which reads `count`.
 */
function failDigits(
	count: number,
	digits: string,
	international: boolean,
	field: string,
	raw: unknown,
	place: ProblemPlace,
	part: string | undefined,
): never {
	const inPart = part === undefined ? '' : ` in ${part}`;
	const example = part === ';ani=' ? 'tel:+16175551234;ani=8005551234' : EXAMPLE_NUMBER;
	if (count === 0) {
		fail(field, `has no digits${inPart}`, `Enter the number with its area code, e.g. ${example}.`, raw, place);
	}
	if (count < MIN_DIGITS) {
		fail(
			field,
			`has only ${count} digit${count === 1 ? '' : 's'}${inPart}; a phone number needs ${MIN_DIGITS} to ${MAX_DIGITS}, country code included`,
			`Include the area code, and the country code outside the US and Canada, e.g. ${example} or ${EXAMPLE_INTERNATIONAL}.`,
			raw,
			place,
		);
	}
	if (count > MAX_DIGITS) {
		fail(
			field,
			`has ${count} digits${inPart}; the most a phone number can have is ${MAX_DIGITS} (E.164)`,
			'Remove the extra digits; digits to dial after the call connects go in ;postd=, e.g. tel:+16175551234;postd=1234.',
			raw,
			place,
		);
	}
	if (digits.charCodeAt(0) === DIGIT_0) {
		fail(
			field,
			international
				? `starts with 0 after the international prefix${inPart}, but country codes start with 1 to 9`
				: `starts with 0${inPart}, a national prefix, so the country is unknown`,
			`Write + and the country code in place of the leading 0, e.g. ${EXAMPLE_INTERNATIONAL} for 020 7946 0958.`,
			raw,
			place,
		);
	}
	// Country code 1 (US, Canada, Caribbean): always 1 + a 10-digit number whose area code starts with 2 to 9.
	if (count !== 11) {
		fail(
			field,
			`has ${count} digits${inPart} starting with 1 (US/Canada), which needs exactly 11 (1 + area code + 7 digits)`,
			`Check for a missing or extra digit, e.g. ${example}; for another country write + and its code, e.g. ${EXAMPLE_INTERNATIONAL}.`,
			raw,
			place,
		);
	}
	fail(
		field,
		`has area code ${digits.slice(1, 4)}${inPart}, but US and Canadian area codes start with 2 to 9`,
		`Check for a missing or extra digit, e.g. ${example}.`,
		raw,
		place,
	);
}

// The letters printed on each key of a phone keypad, from key 2 to key 9.
const KEYPAD_LETTERS = ['abc', 'def', 'ghi', 'jkl', 'mno', 'pqrs', 'tuv', 'wxyz'];
const KEY_OF_LETTER = KEYPAD_LETTERS.flatMap((letters, key) => [...letters].map(() => String(key + 2)));
const EXTENSION = /^(.*\d)\s*,?\s*(?:ext\.?|extension|x)\s*(\d+)$/i;
const VANITY_SHAPE = /^[\d\s().+/-]+$/;

/** Explains a character that can't be in a phone number, with a fix for the usual causes. */
function failCharacter(
	text: string,
	from: number,
	to: number,
	index: number,
	field: string,
	raw: unknown,
	place: ProblemPlace,
	part: string | undefined,
): never {
	const inPart = part === undefined ? '' : ` in ${part}`;
	const code = text.charCodeAt(index);
	const isLetter = (code | 32) >= 97 && (code | 32) <= 122;
	const written = text.slice(from, to);
	const extension = part === undefined ? EXTENSION.exec(written) : null;
	if (extension !== null) {
		fail(
			field,
			'contains letters (an extension)',
			`Dial the extension after the call connects with ;postd=, e.g. ${extension[1].trim()};postd=${extension[2]}.`,
			raw,
			place,
		);
	}
	if (!isLetter) {
		const character = text.charAt(index);
		const shown = code === PLUS ? 'a + that is not at the start' : `"${character}"`;
		fail(
			field,
			`contains ${shown}${inPart}`,
			part === ';ani='
				? 'Write the caller ID as digits, e.g. tel:+16175551234;ani=8005551234.'
				: `Use digits with optional spaces, dashes, dots or brackets, e.g. ${EXAMPLE_NUMBER}; digits to dial after connecting (such as * or #) go in ;postd=, e.g. tel:+16175551234;postd=1234#.`,
			raw,
			place,
		);
	}
	let keypad = '';
	let writtenDigits = 0;
	let keypadDigits = 0;
	for (let i = 0; i < written.length; i++) {
		const character = written.charCodeAt(i);
		const letter = (character | 32) - 97;
		if (character >= DIGIT_0 && character <= DIGIT_9) writtenDigits++;
		if (character >= 65 && letter >= 0 && letter < 26) {
			keypad += KEY_OF_LETTER[letter];
			keypadDigits++;
		} else {
			keypad += written.charAt(i);
		}
	}
	keypadDigits += writtenDigits;
	// A vanity number ("1-800-FLOWERS") has some digits and becomes 10 to 15 digits on the keypad.
	const canSpell =
		writtenDigits >= 3 && VANITY_SHAPE.test(keypad) && keypadDigits >= MIN_DIGITS && keypadDigits <= MAX_DIGITS;
	fail(
		field,
		`contains letters${inPart}`,
		canSpell
			? `Write a vanity number with the digits of the keypad: ${written} is ${keypad}.`
			: `Use digits only, e.g. ${EXAMPLE_NUMBER}.`,
		raw,
		place,
	);
}

function failDuplicateOption(name: string, field: string, raw: unknown, place: ProblemPlace): never {
	fail(field, `has ;${name}= twice`, `Keep one, e.g. tel:+16175551234;ani=8005551234;postd=1234.`, raw, place);
}

function failUnknownOption(option: string, name: string, field: string, raw: unknown, place: ProblemPlace): never {
	const known = name === 'ani' || name === 'postd';
	fail(
		field,
		known ? `has ;${name} without a value` : `has an option Plum does not document ("${option}")`,
		name === 'ext'
			? `Dial an extension after the call connects with ;postd=, e.g. tel:+16175551234;postd=1234.`
			: 'Only ;ani= (caller ID) and ;postd= (digits to dial after connecting) are supported, e.g. tel:+16175551234;ani=8005551234;postd=1234.',
		raw,
		place,
	);
}

/**
 * Post-dial digits: DTMF digits, * and #, and the pause characters p and w. A ',' pause is refused: it would
 * split a line of the queuecalls phone list, which has no quoting.
 * Spaces and dashes are dropped; P and W are written in lower case.
 */
function scanPostDial(text: string, from: number, to: number, field: string, raw: unknown, place: ProblemPlace): string {
	let result = '';
	for (let i = from; i < to; i++) {
		const code = text.charCodeAt(i);
		if ((code >= DIGIT_0 && code <= DIGIT_9) || code === 42 || code === 35) {
			result += text.charAt(i);
		} else if (code === 112 || code === 119 || code === 80 || code === 87) {
			result += text.charAt(i).toLowerCase();
		} else if (code !== 32 && code !== 45 && code !== 9) {
			fail(
				field,
				`contains "${text.charAt(i)}" in ;postd=`,
				'Use digits, *, #, and p or w for pauses, e.g. tel:+16175551234;postd=ww1234#.',
				raw,
				place,
			);
		}
	}
	if (result === '') {
		fail(field, 'has an empty ;postd=', 'Give the digits to dial after connecting, e.g. tel:+16175551234;postd=1234.', raw, place);
	}
	return result;
}
