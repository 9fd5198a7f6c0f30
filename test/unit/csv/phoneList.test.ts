import { parsePhoneListFile, PhoneListWriter } from '../../../nodes/shared/csv/phoneList';
import { buildPhoneList } from '../../helpers/phoneList';
import { inputError } from '../../helpers/thrownBy';

describe('buildPhoneList', () => {
	it('writes one line per call and omits trailing empty fields', () => {
		const list = buildPhoneList([
			{ phoneNumber: 'tel:+16175550001' },
			{ phoneNumber: 'tel:+16175550002', messageReference: 'order-42' },
			{ phoneNumber: 'tel:+16175550003', messageReference: 'order-43', callParameters: 'lang=en' },
			{ phoneNumber: 'tel:+16175550004', messageReference: '', callParameters: '' },
		]);
		expect(list).toBe(
			'tel:+16175550001\ntel:+16175550002,order-42\ntel:+16175550003,order-43,lang=en\ntel:+16175550004\n',
		);
	});

	it('keeps an empty message reference when call parameters follow', () => {
		expect(buildPhoneList([{ phoneNumber: 'tel:+16175550001;ani=8005551234', callParameters: 'lang=en' }])).toBe(
			'tel:+16175550001;ani=8005551234,,lang=en\n',
		);
	});

	it('gives an empty file for no calls', () => {
		expect(buildPhoneList([])).toBe('');
	});

	it('refuses a comma in a message reference, naming the item and field', () => {
		const error = inputError(() =>
			buildPhoneList([
				{ phoneNumber: 'tel:+16175550001', messageReference: 'ok' },
				{ phoneNumber: 'tel:+16175550002', messageReference: 'Smith, John' },
			]),
		);
		expect(error.problems).toEqual([
			{
				field: 'Message Reference',
				rule: "contains a comma, quote or line break, which Plum's phone list cannot carry (it documents no quoting)",
				fix: 'Remove them, e.g. "Smith John".',
				value: 'Smith, John',
				itemIndex: 1,
			},
		]);
		expect(error.message).toContain('[item 1] Message Reference "Smith, John"');
	});

	it('refuses quotes and line breaks in call parameters and phone numbers', () => {
		const error = inputError(() =>
			buildPhoneList([
				{ phoneNumber: 'tel:+16175550001', callParameters: 'say "hi"' },
				{ phoneNumber: 'tel:+16175550002', callParameters: 'a\nb' },
				{ phoneNumber: 'tel:+16175550003\r' },
			]),
		);
		expect(error.problems.map((problem) => [problem.field, problem.itemIndex])).toEqual([
			['Call Parameters', 0],
			['Call Parameters', 1],
			['Phone Number', 2],
		]);
	});

	it('refuses a message reference over 128 characters and call parameters over 255', () => {
		const error = inputError(() =>
			buildPhoneList([
				{ phoneNumber: 'tel:+16175550001', messageReference: 'r'.repeat(128), callParameters: 'p'.repeat(255) },
				{ phoneNumber: 'tel:+16175550002', messageReference: 'r'.repeat(129), callParameters: 'p'.repeat(256) },
			]),
		);
		expect(error.problems).toEqual([
			expect.objectContaining({ field: 'Message Reference', itemIndex: 1 }),
			expect.objectContaining({ field: 'Call Parameters', itemIndex: 1 }),
		]);
	});

	it('counts characters, not UTF-16 units', () => {
		expect(buildPhoneList([{ phoneNumber: 'tel:+16175550001', messageReference: '😀'.repeat(128) }])).toContain('😀');
	});

	it('reports at most 10 problems for the whole list', () => {
		const rows = Array.from({ length: 30 }, () => ({ phoneNumber: 'tel:+16175550001', messageReference: 'a,b' }));
		const error = inputError(() => buildPhoneList(rows));
		expect(error.problems).toHaveLength(10);
		expect(error.problems[9].itemIndex).toBe(9);
	});

	it('builds 100,000 lines correctly', () => {
		const rows = Array.from({ length: 100_000 }, (_, index) => ({
			phoneNumber: `tel:+1617${String(index).padStart(7, '0')}`,
			messageReference: index % 3 ? `ref-${index}` : undefined,
			callParameters: index % 5 ? undefined : `p=${index}`,
		}));
		const lines = buildPhoneList(rows).split('\n');
		expect(lines).toHaveLength(100_001);
		expect(lines[100_000]).toBe('');
		expect(lines[0]).toBe('tel:+16170000000,,p=0');
		expect(lines[99_998]).toBe('tel:+16170099998,ref-99998');
		expect(lines[99_999]).toBe('tel:+16170099999');
		expect(lines[99_995]).toBe('tel:+16170099995,ref-99995,p=99995');
	});
});

describe('PhoneListWriter', () => {
	it('writes the calls added one at a time, in order, growing past the size it guessed', () => {
		const writer = new PhoneListWriter(10, 'itemIndex');
		for (let index = 0; index < 5000; index++) writer.add(`tel:+1617${String(index).padStart(7, '0')}`, `r${index}`, undefined, index);
		const lines = writer.finish().toString('utf8').split('\n');
		expect(lines).toHaveLength(5001);
		expect(lines[2047]).toBe('tel:+16170002047,r2047');
		expect(lines[2048]).toBe('tel:+16170002048,r2048');
		expect(lines[4999]).toBe('tel:+16170004999,r4999');
	});

	it('places problems on file lines when the calls come from an uploaded file', () => {
		const writer = new PhoneListWriter(3, 'line');
		writer.add('tel:+16175550001', 'ok', undefined, 2);
		writer.add('tel:+16175550002', 'a"b', undefined, 7);
		const error = inputError(() => writer.finish());
		expect(error.problems).toEqual([expect.objectContaining({ field: 'Message Reference', line: 7 })]);
		expect(error.problems[0].itemIndex).toBeUndefined();
	});

	it('keeps checking the calls after a bad one and gives no file', () => {
		const writer = new PhoneListWriter(4, 'itemIndex');
		writer.add('tel:+16175550001', 'a,b', undefined, 0);
		writer.add('tel:+16175550002', 'fine', undefined, 1);
		writer.add('', undefined, 'x'.repeat(2000), 2);
		const error = inputError(() => writer.finish());
		expect(error.problems.map((problem) => [problem.field, problem.itemIndex])).toEqual([
			['Message Reference', 0],
			['Phone Number', 2],
			['Call Parameters', 2],
		]);
	});

	it('gives an empty file for no calls', () => {
		expect(new PhoneListWriter(0, 'itemIndex').finish()).toHaveLength(0);
	});
});

describe('parsePhoneListFile', () => {
	it('reads lines with one, two or three fields, trimming them', () => {
		expect(parsePhoneListFile('16175550001\n 16175550002 , order-42 \n16175550003,,lang=en\n16175550004,ref,\n')).toEqual([
			{ line: 1, phoneNumber: '16175550001' },
			{ line: 2, phoneNumber: '16175550002', messageReference: 'order-42' },
			{ line: 3, phoneNumber: '16175550003', callParameters: 'lang=en' },
			{ line: 4, phoneNumber: '16175550004', messageReference: 'ref' },
		]);
	});

	it('drops a BOM, accepts CRLF and skips blank lines, counting them in line numbers', () => {
		expect(parsePhoneListFile('\ufeff16175550001\r\n\r\n   \r\n16175550002\r\n')).toEqual([
			{ line: 1, phoneNumber: '16175550001' },
			{ line: 4, phoneNumber: '16175550002' },
		]);
	});

	it.each(['phone', 'Phone_Number', 'NUMBER', 'destination', '"phone"'])('skips a header line starting with %s', (word) => {
		expect(parsePhoneListFile(`${word},message_reference,call_parameters\n16175550001,a\n`)).toEqual([
			{ line: 2, phoneNumber: '16175550001', messageReference: 'a' },
		]);
	});

	it('treats a header word only on the first line as a header', () => {
		const error = inputError(() => parsePhoneListFile('16175550001\nphone,x,y,z\n'));
		expect(error.problems[0]).toMatchObject({ line: 2 });
	});

	it('returns phone numbers as written, for the caller to normalise', () => {
		expect(parsePhoneListFile('(617) 555-0001;ani=8005551234\n')).toEqual([{ line: 1, phoneNumber: '(617) 555-0001;ani=8005551234' }]);
	});

	it('refuses a line with more than three fields, naming it', () => {
		const error = inputError(() => parsePhoneListFile('16175550001,a\n16175550002,Smith, John,x\n'));
		expect(error.problems).toEqual([
			expect.objectContaining({
				field: 'Phone List File',
				line: 2,
				rule: 'has 4 fields; a phone list line holds phone number, message reference, call parameters',
			}),
		]);
	});

	it('refuses quotes anywhere, naming the line', () => {
		const error = inputError(() => parsePhoneListFile('16175550001,"order 42"\n'));
		expect(error.problems[0]).toMatchObject({ field: 'Phone List File', line: 1 });
		expect(error.problems[0].rule).toContain('quote');
	});

	it('refuses an empty phone number and over-long values, naming the lines', () => {
		const error = inputError(() => parsePhoneListFile(`,ref\n16175550002,${'r'.repeat(129)}\n16175550003,,${'p'.repeat(256)}\n`));
		expect(error.problems.map((problem) => [problem.field, problem.line])).toEqual([
			['Phone Number', 1],
			['Message Reference', 2],
			['Call Parameters', 3],
		]);
	});

	it('gives nothing for an empty file', () => {
		expect(parsePhoneListFile('')).toEqual([]);
	});
});
