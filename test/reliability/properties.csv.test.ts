/**
 * Generated rows against the two file builders: the DEV phone list (queuecalls.php) and the deployment
 * bulk CSV (bulk_queue). Valid rows survive a round trip exactly; bad rows and bad files are always a
 * PlumInputError naming the field (and the row), never another exception.
 */
import assert from 'node:assert/strict';

import { parse } from 'csv-parse/sync';
import fc from 'fast-check';

import { buildBulkCsv, chooseColumns, readBulkCsvFile, type BulkRowWithDestination, type BulkRowWithParts } from '../../nodes/shared/csv/bulkCsv';
import { parsePhoneListFile, type PhoneListRow } from '../../nodes/shared/csv/phoneList';
import { buildPhoneList } from '../helpers/phoneList';
import { columnName, nastyText, phoneListText, validPhone } from './support/arbitraries';
import { expectRejected, outcomeOf, OutcomeCounter } from './support/rejection';
import { createTally } from './support/tally';

const RUNS = 10000;
const tally = createTally('properties: CSV builders', ['cases']);
afterAll(() => tally.save());

function holds<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void): void {
	fc.assert(fc.property(arbitrary, predicate), { numRuns: RUNS });
	tally.add({ cases: RUNS });
}

const telNumber = validPhone.map((phone) => phone.tel);

describe('phone list (queuecalls.php)', () => {
	const row: fc.Arbitrary<PhoneListRow> = fc.record(
		{ phoneNumber: telNumber, messageReference: phoneListText(128), callParameters: phoneListText(255) },
		{ requiredKeys: ['phoneNumber'] },
	);
	const PHONE_LIST_FIELDS = ['Phone Number', 'Message Reference', 'Call Parameters'];

	test('valid rows come back from the file exactly, line by line', () => {
		holds(fc.array(row, { maxLength: 20 }), (rows) => {
			const parsed = parsePhoneListFile(buildPhoneList(rows));
			assert.deepEqual(
				parsed,
				rows.map((entry, index) => ({ line: index + 1, ...entry })),
			);
		});
	});

	test('one unsendable value anywhere is refused, naming its field and its item', () => {
		const corruption = fc.record({
			field: fc.constantFrom('phoneNumber', 'messageReference', 'callParameters') as fc.Arbitrary<keyof PhoneListRow>,
			kind: fc.constantFrom(',', '"', '\r', '\n', '\r\n', 'too long', 'empty phone'),
			at: fc.nat(),
		});
		holds(fc.tuple(fc.array(row, { minLength: 1, maxLength: 12 }), fc.nat(), corruption), ([rows, pick, { field, kind, at }]) => {
			const index = pick % rows.length;
			const bad = { ...rows[index] };
			const current = bad[field] ?? 'x';
			let expectedField = { phoneNumber: 'Phone Number', messageReference: 'Message Reference', callParameters: 'Call Parameters' }[field];
			if (kind === 'empty phone') {
				bad.phoneNumber = '';
				expectedField = 'Phone Number';
			} else if (kind === 'too long') {
				if (field === 'phoneNumber') {
					bad.phoneNumber = `${current},`; // a phone number has no length rule of its own here
				} else {
					bad[field] = 'y'.repeat(field === 'messageReference' ? 129 : 256);
				}
			} else {
				const position = at % (current.length + 1);
				bad[field] = current.slice(0, position) + kind + current.slice(position);
			}
			const list = rows.slice();
			list[index] = bad;
			const error = expectRejected(() => buildPhoneList(list), PHONE_LIST_FIELDS);
			// Rows before the bad one are valid, so the first problem is the bad row's.
			assert.equal(error.problems[0].itemIndex, index);
			assert.equal(error.problems[0].field, expectedField);
		});
	});

	test('any uploaded text is read into clean rows, or refused naming the field and the line', () => {
		const counter = new OutcomeCounter();
		const piece = fc.oneof(
			{ weight: 3, arbitrary: telNumber.map((tel) => tel.slice(4)) },
			{ weight: 2, arbitrary: fc.constantFrom(',', '"', '\n', '\r\n', '\r', ' ', 'phone', 'destination', 'ref-1', 'lang=en', '\uFEFF', ',,', 'x'.repeat(130)) },
			{ weight: 1, arbitrary: nastyText },
		);
		holds(fc.array(piece, { maxLength: 25 }).map((pieces) => pieces.join('')), (text) => {
			const outcome = outcomeOf(() => parsePhoneListFile(text), ['Phone List File', ...PHONE_LIST_FIELDS]);
			counter.note(outcome);
			if (!outcome.accepted) {
				for (const problem of outcome.error.problems) assert.ok(problem.line !== undefined && problem.line >= 1);
				return;
			}
			let previousLine = 0;
			for (const entry of outcome.value) {
				assert.ok(entry.line > previousLine);
				previousLine = entry.line;
				assert.ok(entry.phoneNumber !== '' && entry.phoneNumber === entry.phoneNumber.trim());
				for (const value of [entry.phoneNumber, entry.messageReference, entry.callParameters]) {
					if (value !== undefined) assert.doesNotMatch(value, /[",\r\n]/);
				}
				assert.ok([...(entry.messageReference ?? '')].length <= 128);
				assert.ok([...(entry.callParameters ?? '')].length <= 255);
			}
		});
		expect(counter.accepted).toBeGreaterThan(0);
		expect(counter.rejected).toBeGreaterThan(0);
	});
});

describe('bulk CSV (bulk_queue)', () => {
	const cell = fc.oneof(
		{ weight: 6, arbitrary: nastyText },
		{ weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)) },
		{ weight: 1, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.date({ noInvalidDate: false })) },
	);

	/** What the builder writes for a value: text as is, nothing as '', dates as ISO, objects as JSON. */
	function cellText(value: unknown): string {
		if (typeof value === 'string') return value;
		if (value === undefined || value === null) return '';
		if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
		if (typeof value === 'object') return JSON.stringify(value);
		return String(value);
	}

	const table = fc
		.uniqueArray(columnName, { selector: (name) => name.toLowerCase(), maxLength: 6 })
		.chain((columns) =>
			fc.record({
				columns: fc.constant(columns),
				rows: fc.uniqueArray(
					fc.record({
						destination: telNumber,
						cells: fc.array(fc.option(cell, { nil: undefined, freq: 8 }), { minLength: columns.length, maxLength: columns.length }),
					}),
					{ selector: (entry) => entry.destination, maxLength: 10 },
				),
			}),
		)
		.map(({ columns, rows }) => ({
			columns,
			rows: rows.map((entry): BulkRowWithDestination => {
				const values: Record<string, unknown> = {};
				columns.forEach((column, index) => {
					if (entry.cells[index] !== undefined) values[column] = entry.cells[index];
				});
				return { destination: entry.destination, values };
			}),
		}));

	test('valid rows come back exactly through csv-parse (columns: true) and through our own reader', () => {
		holds(fc.tuple(table, fc.boolean()), ([{ columns, rows }, allFields]) => {
			const chosen = allFields
				? chooseColumns(rows, 'all')
				: chooseColumns(rows, 'chosen', columns.map((column) => ({ source: column, header: column })));
			const csv = buildBulkCsv(rows, chosen).toString('utf8');
			const headers = chosen.map((column) => column.header);
			const expected = rows.map((entry) => ({
				destination: entry.destination,
				...Object.fromEntries(
					headers.map((header) => [header, cellText(Object.prototype.hasOwnProperty.call(entry.values, header) ? entry.values[header] : undefined)]),
				),
			}));
			if (rows.length > 0) assert.deepEqual(parse(csv, { columns: true }), expected);
			const file = readBulkCsvFile(csv);
			assert.deepEqual(file.columns, headers);
			assert.deepEqual(
				file.rows.map((entry) => ({ destination: entry.destination, ...entry.values })),
				expected,
			);
		});
	});

	test('rows with the number in parts give the same file, and the same repeats, as rows with it whole', () => {
		const number = fc.tuple(fc.constantFrom('16175550001', '16175550002', '442079460958', '016175550001'), fc.constantFrom('', ';ani=8005550100', ';postd=1234'));
		holds(fc.array(fc.tuple(number, fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 8 }), (contacts) => {
			const columns = [{ source: 'note', header: 'note' }];
			const whole: BulkRowWithDestination[] = contacts.map(([[digits, suffix], note]) => ({ destination: `tel:+${digits}${suffix}`, values: { note } }));
			const parts: BulkRowWithParts[] = contacts.map(([[digits, suffix], note]) => ({ telDigits: digits, telSuffix: suffix, values: { note } }));
			const fromWhole = outcomeOf(() => buildBulkCsv(whole, columns).toString('utf8'), ['Phone Number']);
			const fromParts = outcomeOf(() => buildBulkCsv(parts, columns).toString('utf8'), ['Phone Number']);
			assert.deepEqual(fromParts, fromWhole);
		});
	});

	test('a bad column name or a repeated or empty destination is refused, naming the field and the item', () => {
		const badHeader = fc.constantFrom('', 'first name', 'first-name', 'destination', 'DESTINATION', '__proto__', 'naïve', 'a,b', 'a"b', 'x\ny');
		const fault = fc.oneof(
			fc.record({ kind: fc.constant('header' as const), header: badHeader, at: fc.nat() }),
			fc.record({ kind: fc.constantFrom('duplicate' as const, 'empty' as const), header: fc.constant(''), at: fc.nat() }),
		);
		holds(fc.tuple(table, fault), ([{ columns, rows }, { kind, header, at }]) => {
			const chosen = columns.map((column) => ({ source: column, header: column }));
			if (kind === 'header') {
				chosen.splice(at % (chosen.length + 1), 0, { source: 'x', header });
				const error = expectRejected(() => buildBulkCsv(rows, chosen), ['Column Name']);
				assert.equal(error.problems[0].field, 'Column Name');
				return;
			}
			const list = rows.concat([{ destination: 'tel:+16175550000', values: {} }]);
			const target = list.length - 1;
			const source = at % list.length;
			list[target] = {
				destination: kind === 'empty' ? '' : list[source === target ? 0 : source].destination,
				values: {},
			};
			if (kind === 'duplicate' && list.length === 1) return; // a single row cannot repeat itself
			const error = expectRejected(() => buildBulkCsv(list, chosen), ['Phone Number']);
			assert.equal(error.problems[0].itemIndex, target);
		});
	});

	test('any uploaded text is read into rows with a destination, or refused naming the field and the line', () => {
		const counter = new OutcomeCounter();
		const piece = fc.oneof(
			{ weight: 3, arbitrary: fc.constantFrom('destination', '"destination"', 'first_name', '"a,b"', '16175550101', '"x""y"', ',', '\n', '\r\n', '"', ' ') },
			{ weight: 1, arbitrary: nastyText },
			{ weight: 1, arbitrary: columnName },
		);
		holds(fc.array(piece, { maxLength: 25 }).map((pieces) => pieces.join('')), (text) => {
			const outcome = outcomeOf(() => readBulkCsvFile(text), ['CSV File', 'Column Name', 'Phone Number']);
			counter.note(outcome);
			if (!outcome.accepted) return;
			for (const column of outcome.value.columns) assert.match(column, /^[A-Za-z0-9_]+$/);
			for (const entry of outcome.value.rows) {
				assert.ok(entry.destination !== '' && entry.destination === entry.destination.trim());
				assert.deepEqual(Object.keys(entry.values), outcome.value.columns);
			}
		});
		expect(counter.accepted).toBeGreaterThan(0);
		expect(counter.rejected).toBeGreaterThan(0);
	});
});
