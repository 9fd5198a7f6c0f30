import { writeCampaignCalls, writeUploadedCalls } from '../../../nodes/shared/csv/campaignCalls';
import { parsePhoneListFile } from '../../../nodes/shared/csv/phoneList';
import { inputError } from '../../helpers/thrownBy';

/** Readers over plain arrays, as the node reads its items' mapped fields. */
function fieldsOf(phones: unknown[], references: unknown[] = [], parameters: unknown[] = []) {
	return {
		phoneNumber: (index: number) => phones[index],
		messageReference: (index: number) => references[index],
		callParameters: (index: number) => parameters[index],
	};
}

describe('writeCampaignCalls', () => {
	it('normalises every number and keeps, per call, the number sent and its message reference', () => {
		const calls = writeCampaignCalls(
			3,
			fieldsOf(['(617) 555-0001', 16175550002, ' +44 20 7946 0958 '], [' order-1 ', '', 42], [undefined, 'lang=en', '']),
			'800-555-0100',
		);
		expect(calls.phoneNumbers.toArray()).toEqual([
			'tel:+16175550001;ani=8005550100',
			'tel:+16175550002;ani=8005550100',
			'tel:+442079460958;ani=8005550100',
		]);
		expect(calls.messageReferences).toEqual(['order-1', undefined, '42']);
		expect(calls.phoneList.toString('utf8')).toBe(
			'tel:+16175550001;ani=8005550100,order-1\ntel:+16175550002;ani=8005550100,,lang=en\ntel:+442079460958;ani=8005550100,42\n',
		);
	});

	it('reads every number back from the list as sent, the usual 16 characters and other lengths alike', () => {
		const calls = writeCampaignCalls(4, fieldsOf(['617-555-0001', '+44 20 7946 0958', 16175550003, '6175550004;postd=9']), undefined);
		expect(calls.phoneNumbers.length).toBe(4);
		expect([0, 1, 2, 3].map((index) => calls.phoneNumbers.at(index))).toEqual([
			'tel:+16175550001',
			'tel:+442079460958',
			'tel:+16175550003',
			'tel:+16175550004;postd=9',
		]);
		expect(calls.phoneList.toString('utf8')).toBe(
			'tel:+16175550001\ntel:+442079460958\ntel:+16175550003\ntel:+16175550004;postd=9\n',
		);
	});

	it('names every bad item, counts them all, and lists at most 10', () => {
		const phones = Array.from({ length: 30 }, (_, index) => (index % 2 ? '6175550100' : 'not a number'));
		const error = inputError(() => writeCampaignCalls(30, fieldsOf(phones), undefined));
		expect(error.totalInvalid).toBe(15);
		expect(error.problems).toHaveLength(10);
		expect(error.problems.map((problem) => problem.itemIndex)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
		expect(error.problems[0].field).toBe('Phone Number');
	});

	it('reports bad fields before what the phone list cannot carry, and the latter once the fields are fine', () => {
		const phones = ['6175550001', '12', '6175550003'];
		const references = ['ok', 'ok', 'a,b'];
		const first = inputError(() => writeCampaignCalls(3, fieldsOf(phones, references), undefined));
		expect(first.problems).toEqual([expect.objectContaining({ field: 'Phone Number', itemIndex: 1 })]);
		phones[1] = '6175550002';
		const second = inputError(() => writeCampaignCalls(3, fieldsOf(phones, references), undefined));
		expect(second.problems).toEqual([expect.objectContaining({ field: 'Message Reference', itemIndex: 2 })]);
	});

	it('names the item of an over-long call parameters value', () => {
		const error = inputError(() => writeCampaignCalls(2, fieldsOf(['6175550001', '6175550002'], [], ['', 'x'.repeat(300)]), undefined));
		expect(error.problems).toEqual([expect.objectContaining({ field: 'Call Parameters', itemIndex: 1 })]);
	});
});

describe('writeUploadedCalls', () => {
	it('writes the lines of an uploaded list and names the file line of a bad number', () => {
		const calls = writeUploadedCalls(parsePhoneListFile('phone\n617-555-0001,r1\n6175550002,,lang=en\n'), undefined);
		expect(calls.phoneList.toString('utf8')).toBe('tel:+16175550001,r1\ntel:+16175550002,,lang=en\n');
		expect(calls.messageReferences).toEqual(['r1', undefined]);
		const error = inputError(() => writeUploadedCalls(parsePhoneListFile('6175550001\n\n555-0002\n'), undefined));
		expect(error.problems).toEqual([expect.objectContaining({ field: 'Phone Number', line: 3 })]);
		expect(error.problems[0].itemIndex).toBeUndefined();
	});
});
