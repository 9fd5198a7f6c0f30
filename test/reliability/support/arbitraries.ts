/** Generators of good and bad input for the property suites (fast-check 4). */
import fc from 'fast-check';

const digit = fc.constantFrom(...'0123456789'.split(''));
const digits = (min: number, max: number) => fc.string({ unit: digit, minLength: min, maxLength: max });
/** North American area codes and exchanges never start with 0 or 1. */
const nanpLead = fc.constantFrom(...'23456789'.split(''));

/** A valid US/Canada number as people write it, with the tel: URI it must become. */
export const nanpNumber: fc.Arbitrary<{ written: string; tel: string }> = fc
	.tuple(nanpLead, digits(2, 2), digits(3, 3), digits(4, 4), fc.integer({ min: 0, max: 7 }))
	.map(([lead, area, exchange, line, style]) => {
		const a = lead + area;
		const written = [
			`(${a}) ${exchange}-${line}`,
			`${a}.${exchange}.${line}`,
			`+1 ${a} ${exchange} ${line}`,
			`1-${a}-${exchange}-${line}`,
			`tel:+1${a}${exchange}${line}`,
			`${a}${exchange}${line}`,
			` 1 (${a}) ${exchange} ${line} `,
			`011 1 ${a} ${exchange} ${line}`,
		][style];
		return { written, tel: `tel:+1${a}${exchange}${line}` };
	});

/** A valid number outside North America, written with + or 00, 11 to 15 digits in all. */
export const internationalNumber: fc.Arbitrary<{ written: string; tel: string }> = fc
	.tuple(nanpLead, digits(10, 14), fc.constantFrom('+', '00', '+ '))
	.map(([lead, rest, prefix]) => ({ written: `${prefix}${lead}${rest}`, tel: `tel:+${lead}${rest}` }));

export const validPhone = fc.oneof(nanpNumber, internationalNumber);

/** Phone numbers that no rule can accept, by construction, and why. */
export const invalidPhone: fc.Arbitrary<string> = fc.oneof(
	digits(0, 9).map((text) => text), // too few digits (or none)
	// More than E.164 allows, even after an international prefix (00, 011) is taken off.
	fc.tuple(nanpLead, digits(15, 21)).map(([lead, rest]) => lead + rest),
	fc
		.tuple(nanpNumber, fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), fc.nat())
		.map(([number, letter, at]) => {
			const plain = number.tel.slice(5);
			const position = 1 + (at % (plain.length - 1));
			return plain.slice(0, position) + letter + plain.slice(position);
		}),
	fc.tuple(nanpNumber, fc.constantFrom(';foo=1', ';ext=12', ';ani=', ';postd=', ';postd=12,3', ';ani=123')).map(
		([number, option]) => number.tel + option,
	),
	fc.constantFrom('', '   ', '\t', 'tel:', 'tel:+', '+', '()', '-', 'null', 'undefined'),
	fc.tuple(nanpNumber, fc.constantFrom('!', '?', '@', '"', ',', '\n', '#', '*', '_')).map(
		([number, character]) => number.written.slice(0, 4) + character + number.written.slice(4),
	),
);

/** Text made of the characters that break formats: separators, quotes, line breaks, Unicode, surrogates. */
export const nastyText = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({
		unit: fc.constantFrom('"', ',', '\r', '\n', '\r\n', ' ', '\t', 'a', 'é', '💥', ';', '=', '&', '<', '\u2028', '\u0000'),
		maxLength: 30,
	}),
);

/** Any value an expression can produce: text, numbers, booleans, null, objects, lists, dates. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
	fc.anything({ maxDepth: 2 }),
	nastyText,
	fc.double(),
	fc.integer(),
	fc.bigInt(),
	fc.date({ noInvalidDate: false }),
	fc.constantFrom(undefined, null, '', ' ', NaN, Infinity, -Infinity, -0, true, false),
	// Objects that String() cannot turn into text (an API answer can hold a "toString" field).
	fc.constantFrom<unknown>({ toString: 1 }, { toString: 'x', valueOf: 'y' }, Object.create(null), [Object.create(null)]),
);

/** A text value that a comma-separated phone list can carry: trimmed, non-empty, no comma, quote or line break. */
export const phoneListText = (maxLength: number) =>
	fc
		.string({ unit: fc.oneof(fc.constantFrom('a', 'Z', '7', ' ', '-', '=', ';', '&', 'é', '💥', "'"), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength })
		.filter((text) => text === text.trim() && text !== '' && !/[",\r\n]/.test(text) && [...text].length <= maxLength);

/** A CSV column (variable) name: letters, digits and underscores, never 'destination' or '__proto__'. */
export const columnName = fc
	.oneof(fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/), fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'first_name', '_', '0'))
	.filter((name) => name.toLowerCase() !== 'destination' && name !== '__proto__');

/** A call variable name: starts with a letter or underscore. */
export const variableName = fc
	.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/), fc.constantFrom('constructor', 'toString', 'valueOf', '_'))
	.filter((name) => name !== '__proto__');
