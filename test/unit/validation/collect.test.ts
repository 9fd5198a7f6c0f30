import { checkEveryItem, collectProblems } from '../../../nodes/shared/validation/collect';
import { type InputProblem, PlumInputError } from '../../../nodes/shared/validation/InputProblem';

const invalid = (itemIndex?: number, line?: number): PlumInputError =>
	new PlumInputError({ field: 'Phone Number', rule: 'contains letters', fix: 'Use digits.', value: 'abc', itemIndex, line });

describe('collectProblems', () => {
	test('returns every value when all items are valid', () => {
		const result = collectProblems(3, (index) => index * 10);
		expect(result).toEqual({ values: [0, 10, 20], problems: [], total: 0 });
	});

	test('validates every item even after an invalid one', () => {
		const seen: number[] = [];
		const result = collectProblems(4, (index) => {
			seen.push(index);
			if (index === 1 || index === 3) throw invalid(index);
			return index;
		});
		expect(seen).toEqual([0, 1, 2, 3]);
		expect(result.total).toBe(2);
		expect(result.problems.map((problem) => problem.itemIndex)).toEqual([1, 3]);
	});

	test('leaves an undefined hole for each invalid item', () => {
		const { values } = collectProblems(3, (index) => {
			if (index === 1) throw invalid(index);
			return `row ${index}`;
		});
		expect(values).toEqual(['row 0', undefined, 'row 2']);
	});

	test('keeps at most maxProblems problems but counts every invalid item', () => {
		const result = collectProblems(
			25,
			(index) => {
				throw invalid(index);
			},
			5,
		);
		expect(result.problems).toHaveLength(5);
		expect(result.total).toBe(25);
	});

	test('keeps 10 problems by default', () => {
		const result = collectProblems(12, (index) => {
			throw invalid(index);
		});
		expect(result.problems).toHaveLength(10);
	});

	test('fills in the item index when the validator left it out', () => {
		const { problems } = collectProblems(3, (index) => {
			if (index === 2) throw invalid();
			return index;
		});
		expect(problems[0].itemIndex).toBe(2);
	});

	test('does not invent an item index for a problem from a file line', () => {
		const { problems } = collectProblems(3, (index) => {
			if (index === 2) throw invalid(undefined, 3);
			return index;
		});
		expect(problems[0]).toMatchObject({ line: 3 });
		expect(problems[0].itemIndex).toBeUndefined();
	});

	test('rethrows errors that are not input problems', () => {
		expect(() =>
			collectProblems(2, () => {
				throw new TypeError('bug');
			}),
		).toThrow(TypeError);
	});
});

describe('checkEveryItem', () => {
	test('checks every item, counts the invalid ones, and keeps no values', () => {
		const checked: number[] = [];
		const result = checkEveryItem(5, (index) => {
			checked.push(index);
			if (index % 2 === 0) throw invalid();
		});
		expect(checked).toEqual([0, 1, 2, 3, 4]);
		expect(result).toEqual({ problems: expect.any(Array), total: 3 });
		expect(Object.keys(result)).toEqual(['problems', 'total']);
		expect(result.problems.map((problem) => problem.itemIndex)).toEqual([0, 2, 4]);
	});
});
