import { parse } from 'csv-parse/sync';
import fc from 'fast-check';

import { buildBulkCsv, BulkRow, chooseColumns, readBulkCsvFile } from '../../../nodes/shared/csv/bulkCsv';
import { inputError } from '../../helpers/thrownBy';

/** The CSV as text (buildBulkCsv gives UTF-8 bytes). */
function bulkCsvText(rows: BulkRow[], columns: Parameters<typeof buildBulkCsv>[1]): string {
	return buildBulkCsv(rows, columns).toString('utf8');
}

const columns = (...headers: string[]) => headers.map((header) => ({ source: header, header }));

describe('chooseColumns', () => {
	it("'all' takes the union of fields in first-seen order", () => {
		const rows: BulkRow[] = [
			{ destination: 'tel:+16175550001', values: { first_name: 'A', city: 'X' } },
			{ destination: 'tel:+16175550002', values: { last_name: 'B', first_name: 'C' } },
			{ destination: 'tel:+16175550003', values: { zip: '1', city: 'Y' } },
		];
		expect(chooseColumns(rows, 'all')).toEqual(columns('first_name', 'city', 'last_name', 'zip'));
	});

	it("'all' leaves out a field named destination", () => {
		const rows: BulkRow[] = [{ destination: 'tel:+16175550001', values: { Destination: '617-555-0001', name: 'A' } }];
		expect(chooseColumns(rows, 'all')).toEqual(columns('name'));
	});

	it("'chosen' returns the given columns", () => {
		const chosen = [{ source: 'First Name', header: 'first_name' }];
		expect(chooseColumns([], 'chosen', chosen)).toEqual(chosen);
		expect(chooseColumns([], 'chosen')).toEqual([]);
	});
});

describe('buildBulkCsv', () => {
	it('writes the header, quotes every field and ends rows with CRLF', () => {
		const csv = bulkCsvText(
			[
				{ destination: '1234567890', values: { first_name: 'Steve', last_name: 'Smith' } },
				{ destination: 'tel:+16177123000;ani=5553336666', values: { first_name: 'Plum', last_name: 'Voice' } },
			],
			columns('first_name', 'last_name'),
		);
		expect(csv).toBe(
			'"destination","first_name","last_name"\r\n"1234567890","Steve","Smith"\r\n"tel:+16177123000;ani=5553336666","Plum","Voice"\r\n',
		);
	});

	it('reads values from the source field and writes the chosen header', () => {
		const csv = bulkCsvText([{ destination: '1', values: { 'First Name': 'Ann' } }], [{ source: 'First Name', header: 'first_name' }]);
		expect(csv).toBe('"destination","first_name"\r\n"1","Ann"\r\n');
	});

	it('writes numbers, booleans, missing values, objects and dates as text', () => {
		const values = { n: 42.5, b: false, nul: null, obj: { a: [1, '"x"'] }, list: [1, 2], date: new Date(Date.UTC(2024, 0, 2)) };
		const csv = bulkCsvText([{ destination: '1', values }], columns('n', 'b', 'nul', 'missing', 'obj', 'list', 'date'));
		expect(parse(csv)[1]).toEqual(['1', '42.5', 'false', '', '', '{"a":[1,"\\"x\\""]}', '[1,2]', '2024-01-02T00:00:00.000Z']);
	});

	it('does not write inherited members as values', () => {
		const csv = bulkCsvText([{ destination: '1', values: {} }], columns('constructor', 'toString'));
		expect(parse(csv)[1]).toEqual(['1', '', '']);
	});

	it('survives a round trip through csv-parse with commas, quotes, line breaks and unicode', () => {
		const tricky = ['Smith, Jr.', 'say "hi"', 'line1\r\nline2', 'line\nbreak', 'Zoë 日本 😀', '', '"', ',,,', ' padded ', '\r'];
		const rows: BulkRow[] = tricky.map((note, index) => ({
			destination: `tel:+1617555${String(index).padStart(4, '0')}`,
			values: { note, other: `${note}|${index}` },
		}));
		const parsed = parse(bulkCsvText(rows, columns('note', 'other'))) as string[][];
		expect(parsed[0]).toEqual(['destination', 'note', 'other']);
		expect(parsed.slice(1)).toEqual(rows.map((row) => [row.destination, row.values.note, row.values.other]));
	});

	it('round-trips any text made of CSV-special characters, through csv-parse and readBulkCsvFile', () => {
		const awkward = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', '\r', '\n', ' ', 'é', '😀', ';') });
		fc.assert(
			fc.property(fc.array(fc.tuple(awkward, awkward), { minLength: 1, maxLength: 20 }), (pairs) => {
				const rows: BulkRow[] = pairs.map(([first, second], index) => ({
					destination: `tel:+1617555${String(index).padStart(4, '0')}`,
					values: { first, second },
				}));
				const csv = bulkCsvText(rows, columns('first', 'second'));
				const expected = rows.map((row) => [row.destination, row.values.first, row.values.second]);
				expect((parse(csv) as string[][]).slice(1)).toEqual(expected);
				const file = readBulkCsvFile(csv);
				expect(file.rows.map((row) => [row.destination, row.values.first, row.values.second])).toEqual(expected);
			}),
		);
	});

	it('refuses column names that are not letters, digits and underscores, suggesting one', () => {
		const error = inputError(() => bulkCsvText([{ destination: '1', values: {} }], columns('first name')));
		expect(error.problems).toEqual([
			expect.objectContaining({ field: 'Column Name', value: 'first name', fix: 'Rename the column, e.g. first_name.' }),
		]);
	});

	it('refuses empty, reserved and duplicate column names together', () => {
		const error = inputError(() =>
			bulkCsvText([{ destination: '1', values: {} }], columns('', 'Destination', 'city', 'CITY', '__proto__')),
		);
		const rules = error.problems.map((problem) => problem.rule);
		expect(rules).toEqual([
			'is empty',
			'is reserved for the phone number column',
			'is the same name as column "city" (names are compared ignoring case)',
			'is a reserved name',
		]);
	});

	it('refuses an empty destination, naming the item', () => {
		const error = inputError(() => bulkCsvText([{ destination: '1', values: {} }, { destination: ' ', values: {} }], []));
		expect(error.problems).toEqual([expect.objectContaining({ field: 'Phone Number', itemIndex: 1, rule: 'is empty' })]);
	});

	it('reports a duplicate destination with the item it repeats', () => {
		const rows: BulkRow[] = [
			{ destination: 'tel:+16175550001', values: {} },
			{ destination: 'tel:+16175550002', values: {} },
			{ destination: 'tel:+16175550001', values: {} },
		];
		const error = inputError(() => bulkCsvText(rows, []));
		expect(error.problems).toEqual([
			expect.objectContaining({ field: 'Phone Number', itemIndex: 2, rule: 'is the same number as item 0', value: 'tel:+16175550001' }),
		]);
		expect(error.message).toContain("Remove Duplicates");
	});

	it('finds a repeat among 100,000 numbers wherever it is, and tells numbers that differ only in leading zeros apart', () => {
		const rows: BulkRow[] = Array.from({ length: 100_000 }, (_row, index) => ({
			destination: `tel:+1617${String(index).padStart(7, '0')}`,
			values: {},
		}));
		expect(() => bulkCsvText(rows, [])).not.toThrow();
		rows[99_999] = { destination: 'tel:+16170054321', values: {} };
		expect(inputError(() => bulkCsvText(rows, [])).problems).toEqual([
			expect.objectContaining({ itemIndex: 99_999, rule: 'is the same number as item 54321' }),
		]);
		const leadingZeros: BulkRow[] = [
			{ destination: 'tel:+16175550001', values: {} },
			{ destination: 'tel:+016175550001', values: {} },
			{ destination: 'tel:+16175550001;ani=8005550100', values: {} },
		];
		expect(bulkCsvText(leadingZeros, []).split('\r\n')).toHaveLength(5);
	});

	it('tells apart long numbers that differ only in their first or last digits, and finds 15-digit repeats', () => {
		const distinct: BulkRow[] = [
			{ destination: 'tel:+123456789012345', values: {} },
			{ destination: 'tel:+923456789012345', values: {} },
			{ destination: 'tel:+123456789012346', values: {} },
			{ destination: 'tel:+1234567', values: {} },
			{ destination: 'tel:+12345670', values: {} },
		];
		expect(bulkCsvText(distinct, []).split('\r\n')).toHaveLength(7);
		const repeated = [...distinct, { destination: 'tel:+923456789012345', values: {} }];
		expect(inputError(() => bulkCsvText(repeated, [])).problems).toEqual([
			expect.objectContaining({ itemIndex: 5, rule: 'is the same number as item 1' }),
		]);
	});

	it('reports at most 10 problems', () => {
		const rows: BulkRow[] = Array.from({ length: 50 }, () => ({ destination: '', values: {} }));
		expect(inputError(() => bulkCsvText(rows, [])).problems).toHaveLength(10);
	});

	it('builds 100,000 rows correctly', () => {
		const rows: BulkRow[] = Array.from({ length: 100_000 }, (_, index) => ({
			destination: `tel:+1617${String(index).padStart(7, '0')}`,
			values: { first_name: `Name ${index}`, amount: index, note: index % 2 ? 'a, "b"' : '' },
		}));
		const csv = bulkCsvText(rows, chooseColumns(rows, 'all'));
		const parsed = parse(csv) as string[][];
		expect(parsed).toHaveLength(100_001);
		expect(parsed[0]).toEqual(['destination', 'first_name', 'amount', 'note']);
		expect(parsed[100_000]).toEqual(['tel:+16170099999', 'Name 99999', '99999', 'a, "b"']);
		expect(csv.endsWith('"a, ""b"""\r\n')).toBe(true);
	});
});

describe('readBulkCsvFile', () => {
	it("reads Plum's documented example", () => {
		const file = '"destination","first_name","last_name"\n"1234567890","Steve","Smith"\n"tel:+16177123000;ani=5553336666","Plum","Voice"\n';
		expect(readBulkCsvFile(file)).toEqual({
			columns: ['first_name', 'last_name'],
			rows: [
				{ line: 2, destination: '1234567890', values: { first_name: 'Steve', last_name: 'Smith' } },
				{ line: 3, destination: 'tel:+16177123000;ani=5553336666', values: { first_name: 'Plum', last_name: 'Voice' } },
			],
		});
	});

	it('reads a file written by buildBulkCsv back to the same values', () => {
		const rows: BulkRow[] = [
			{ destination: 'tel:+16175550001', values: { note: 'a,\r\n"b"' } },
			{ destination: 'tel:+16175550002', values: { note: 'ü' } },
		];
		const file = readBulkCsvFile(bulkCsvText(rows, columns('note')));
		expect(file.rows.map((row) => [row.destination, row.values.note])).toEqual([
			['tel:+16175550001', 'a,\r\n"b"'],
			['tel:+16175550002', 'ü'],
		]);
		expect(file.rows[1].line).toBe(4);
	});

	it('accepts a destination header in any case, a BOM and blank lines', () => {
		const file = readBulkCsvFile('\ufeff\nDESTINATION,name\r\n\r\n16175550001,Ann\r\n');
		expect(file.columns).toEqual(['name']);
		expect(file.rows).toEqual([{ line: 4, destination: '16175550001', values: { name: 'Ann' } }]);
	});

	it('requires a header whose first column is destination, showing the expected first line', () => {
		const error = inputError(() => readBulkCsvFile('16175550001,Ann\n'));
		expect(error.problems[0]).toMatchObject({ field: 'CSV File', line: 1 });
		expect(error.problems[0].fix).toContain('"destination","first_name","last_name"');
	});

	it('refuses an empty file', () => {
		expect(inputError(() => readBulkCsvFile('\n\n')).problems[0]).toMatchObject({ field: 'CSV File', rule: 'is empty' });
	});

	it('checks the column names of the header', () => {
		const error = inputError(() => readBulkCsvFile('destination,first name\n1,a\n'));
		expect(error.problems[0]).toMatchObject({ field: 'Column Name', line: 1, value: 'first name' });
	});

	it('names the line of a row with the wrong number of fields', () => {
		const error = inputError(() => readBulkCsvFile('destination,a,b\n1,x,y\n2,x\n3,x,y,z\n'));
		expect(error.problems).toEqual([
			expect.objectContaining({ field: 'CSV File', line: 3, rule: 'has 2 fields but the header has 3' }),
			expect.objectContaining({ field: 'CSV File', line: 4, rule: 'has 4 fields but the header has 3' }),
		]);
	});

	it('names the line of an empty destination', () => {
		const error = inputError(() => readBulkCsvFile('destination,a\n1,x\n ,y\n'));
		expect(error.problems).toEqual([expect.objectContaining({ field: 'Phone Number', line: 3, rule: 'is empty' })]);
	});
});
