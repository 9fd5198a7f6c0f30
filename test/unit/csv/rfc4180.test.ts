import { parse } from 'csv-parse/sync';

import { parseCsv, parseCsvWithLines, quoteCsvField } from '../../../nodes/shared/csv/rfc4180';
import { inputError } from '../../helpers/thrownBy';

describe('quoteCsvField', () => {
	it('always quotes, even a plain value', () => {
		expect(quoteCsvField('Steve')).toBe('"Steve"');
		expect(quoteCsvField('')).toBe('""');
	});

	it('doubles quotes inside the value', () => {
		expect(quoteCsvField('say "hi"')).toBe('"say ""hi"""');
	});

	it('keeps commas and line breaks inside the quotes', () => {
		expect(quoteCsvField('a,b\r\nc')).toBe('"a,b\r\nc"');
	});
});

describe('parseCsv', () => {
	it('reads unquoted and quoted fields', () => {
		expect(parseCsv('a,b,c\n"d","e","f"\n')).toEqual([
			['a', 'b', 'c'],
			['d', 'e', 'f'],
		]);
	});

	it('reads commas, doubled quotes and line breaks inside quotes', () => {
		expect(parseCsv('"Smith, Jr.","say ""hi""","line1\r\nline2\nline3"')).toEqual([
			['Smith, Jr.', 'say "hi"', 'line1\r\nline2\nline3'],
		]);
	});

	it('accepts CRLF, LF and lone CR row ends', () => {
		expect(parseCsv('a\r\nb\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']]);
	});

	it('drops a BOM', () => {
		expect(parseCsv('\ufeffdestination\n1')).toEqual([['destination'], ['1']]);
	});

	it('ignores one final line break but keeps empty fields', () => {
		expect(parseCsv('a,,\r\n')).toEqual([['a', '', '']]);
		expect(parseCsv('a,b,')).toEqual([['a', 'b', '']]);
	});

	it('gives a blank line in the middle as a row with one empty field', () => {
		expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
	});

	it('gives nothing for an empty text', () => {
		expect(parseCsv('')).toEqual([]);
	});

	it('ignores spaces around a quoted field', () => {
		expect(parseCsv('"a" , "b"')).toEqual([['a', 'b']]);
	});

	it('keeps a quote inside an unquoted field as written', () => {
		expect(parseCsv('5" screen,x')).toEqual([['5" screen', 'x']]);
	});

	it('names the line where an unclosed quote starts', () => {
		const error = inputError(() => parseCsv('destination\n"1","a\nb\n'));
		expect(error.problems[0]).toMatchObject({ field: 'CSV File', line: 2, rule: 'has a quoted value that is never closed' });
	});

	it('refuses text after a closing quote, naming the line', () => {
		const error = inputError(() => parseCsv('a\n"x\ny"z,b'));
		expect(error.problems[0]).toMatchObject({ field: 'CSV File', line: 3 });
		expect(error.problems[0].rule).toContain('after the closing quote');
	});

	it('tells on which line each row starts', () => {
		expect(parseCsvWithLines('h\n"a\nb"\nc\r\n"d"').lines).toEqual([1, 2, 4, 5]);
	});

	it('agrees with csv-parse on a tricky document', () => {
		const text = '"destination","note"\r\n"1","a, ""b""\r\nc"\r\n"2",""\r\n"3","ünï 😀"\r\n';
		expect(parseCsv(text)).toEqual(parse(text));
	});
});
