import { PhoneListWriter, type PhoneListRow } from '../../nodes/shared/csv/phoneList';

/** The phone list of `rows` through PhoneListWriter as text, row i placed as item i, stopping at 10 problems as the node does. */
export function buildPhoneList(rows: readonly PhoneListRow[]): string {
	const writer = new PhoneListWriter(rows.length, 'itemIndex');
	for (let itemIndex = 0; itemIndex < rows.length && !writer.isFull; itemIndex++) {
		const { phoneNumber, messageReference, callParameters } = rows[itemIndex];
		writer.add(phoneNumber, messageReference, callParameters, itemIndex);
	}
	return writer.finish().toString('utf8');
}
