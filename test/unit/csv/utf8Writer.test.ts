import fc from 'fast-check';

import { Utf8Writer } from '../../../nodes/shared/csv/utf8Writer';

/** What the writer must equal: the same text joined as a string, then encoded by Node. */
function quoted(value: string): string {
	return `"${value.replaceAll('"', '""')}"`;
}

describe('Utf8Writer', () => {
	it('writes ASCII, bytes and quoted fields as Buffer.from would encode the joined text', () => {
		const writer = new Utf8Writer(4);
		writer.text('tel:+16175551234');
		writer.byte(0x2c);
		writer.quotedField('say "hi"');
		writer.byte(0x0a);
		expect(writer.toBuffer().toString('utf8')).toBe('tel:+16175551234,"say ""hi"""\n');
		expect(writer.byteLength).toBe(Buffer.byteLength('tel:+16175551234,"say ""hi"""\n'));
	});

	it('encodes text beyond ASCII as UTF-8, doubling quotes after the first non-ASCII character too', () => {
		const writer = new Utf8Writer();
		writer.quotedField('Chloé "la" 😀');
		writer.text('→');
		expect(writer.toBuffer()).toEqual(Buffer.from('"Chloé ""la"" 😀"→', 'utf8'));
	});

	it('writes a lone surrogate as U+FFFD, as Buffer.from does', () => {
		const writer = new Utf8Writer();
		writer.text('a\ud800b');
		expect(writer.toBuffer()).toEqual(Buffer.from('a\ud800b', 'utf8'));
	});

	it('grows past its expected size and hands back exactly the bytes written', () => {
		const writer = new Utf8Writer(1);
		const line = 'tel:+16175551234,c-1,first_name=Ana\n';
		for (let index = 0; index < 10_000; index++) writer.text(line);
		const bytes = writer.toBuffer();
		expect(bytes.length).toBe(line.length * 10_000);
		expect(bytes.subarray(bytes.length - line.length).toString('utf8')).toBe(line);
	});

	it('equals the joined string encoded by Buffer.from for any mix of parts, and tells which texts hold a comma, quote or line break', () => {
		const part = fc.oneof(
			fc.record({ kind: fc.constant('text' as const), value: fc.string({ unit: 'binary', maxLength: 40 }) }),
			fc.record({ kind: fc.constant('quoted' as const), value: fc.string({ unit: 'binary', maxLength: 40 }) }),
			fc.record({ kind: fc.constant('byte' as const), value: fc.constantFrom(',', '\n', '\r', '"') }),
		);
		fc.assert(
			fc.property(fc.array(part, { maxLength: 30 }), fc.nat(300), (parts, expected) => {
				const writer = new Utf8Writer(expected);
				let text = '';
				for (const { kind, value } of parts) {
					if (kind === 'text') {
						expect(writer.text(value)).toBe(/[,"\r\n]/.test(value));
						text += value;
					} else if (kind === 'quoted') {
						writer.quotedField(value);
						text += quoted(value);
					} else {
						writer.byte(value.charCodeAt(0));
						text += value;
					}
				}
				expect(writer.toBuffer()).toEqual(Buffer.from(text, 'utf8'));
			}),
			{ numRuns: 2000 },
		);
	});

	describe('number', () => {
		function written(value: number): string {
			const writer = new Utf8Writer(1);
			writer.number(value);
			return writer.toBuffer().toString('utf8');
		}

		it('writes integers, amounts and the numbers String() writes differently exactly as String() does', () => {
			const values = [
				0, -0, 7, -7, 10, 100, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 53 + 2, 1e21, 1e22,
				0.25, -0.25, 0.1, 0.5, 1.5, 12.3, 12.34, 123.456, 1.005, 0.001, -0.001, 0.0001, 1e-7, 0.1 + 0.2,
				999_999_999.999, -999_999_999.999, 1e9 + 0.5, 1e9 - 0.5, 1e12 + 0.25, 4.35, 8.2, 19.99, 1.1,
				Number.EPSILON, Number.MIN_VALUE, Number.MAX_VALUE, NaN, Infinity, -Infinity,
			];
			for (const value of values) expect([value, written(value)]).toEqual([value, String(value)]);
		});

		it('equals String() for any double, and for any number of cents or thousandths', () => {
			const decimal = fc
				.tuple(fc.integer({ min: -(10 ** 13), max: 10 ** 13 }), fc.constantFrom(1, 10, 100, 1000, 10000))
				.map(([units, scale]) => units / scale);
			fc.assert(
				fc.property(fc.oneof(fc.double(), decimal), (value) => {
					expect(written(value)).toBe(String(value));
				}),
				{ numRuns: 20000 },
			);
		});
	});
});
