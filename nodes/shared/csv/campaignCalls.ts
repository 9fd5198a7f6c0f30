import { PlumInputError } from '../validation/InputProblem';
import { checkEveryItem } from '../validation/collect';
import { LIMITS, optionalText } from '../validation/text';
import { type PhoneListFileRow, type PhoneListNumbers, PhoneListWriter } from './phoneList';

/** Reads one field of call `index` (an input item) as the user mapped it. */
export type CallFieldReader = (index: number) => unknown;

export interface CampaignCallFields {
	phoneNumber: CallFieldReader;
	messageReference: CallFieldReader;
	callParameters: CallFieldReader;
}

/** The checked calls of a campaign, written as Plum's phone list, with what each output item needs. */
export interface CampaignCalls {
	/** The phone list file, UTF-8. */
	phoneList: Buffer;
	/** Per call, in list order: the number as sent (read back from the list) and the message reference. */
	phoneNumbers: PhoneListNumbers;
	messageReferences: Array<string | undefined>;
}

/**
 * Reads, checks and writes the calls of `count` input items in one pass: no row object per call (at 100,000
 * calls those were most of what the garbage collector had to copy). Every call is checked before the list is
 * given, so nothing can be sent half checked; bad input throws one PlumInputError naming up to 10 items.
 */
export function writeCampaignCalls(count: number, fields: CampaignCallFields, callerId: string | undefined): CampaignCalls {
	const messageReferences = new Array<string | undefined>(count);
	const writer = new PhoneListWriter(count, 'itemIndex');
	// One place per field, moved along the items (the validators copy the index only when they throw): a fresh
	// object per field and item was 300,000 allocations for a 100,000-item campaign.
	const phonePlace = { itemIndex: 0, callerId };
	const referencePlace = { field: 'Message Reference', itemIndex: 0 };
	const parametersPlace = { field: 'Call Parameters', itemIndex: 0 };
	const { problems, total } = checkEveryItem(count, (itemIndex): void => {
		phonePlace.itemIndex = referencePlace.itemIndex = parametersPlace.itemIndex = itemIndex;
		writer.startLine(itemIndex, fields.phoneNumber(itemIndex), phonePlace);
		const messageReference = optionalText(
			fields.messageReference(itemIndex),
			LIMITS.phoneListMessageReference,
			referencePlace,
		);
		const callParameters = optionalText(fields.callParameters(itemIndex), LIMITS.callParameters, parametersPlace);
		messageReferences[itemIndex] = messageReference;
		writer.endLine(messageReference, callParameters, itemIndex);
	});
	// Problems with the fields themselves come first; the list's own (commas, quotes) only once they are fixed.
	if (total > 0) throw new PlumInputError(problems, total);
	const phoneList = writer.finish();
	return { phoneList, phoneNumbers: writer.numbers(phoneList), messageReferences };
}

/** The same for the lines of an uploaded phone list (parsePhoneListFile already checked their fields). */
export function writeUploadedCalls(lines: readonly PhoneListFileRow[], callerId: string | undefined): CampaignCalls {
	const messageReferences = new Array<string | undefined>(lines.length);
	const writer = new PhoneListWriter(lines.length, 'line');
	const { problems, total } = checkEveryItem(lines.length, (index): void => {
		const { line, messageReference, callParameters } = lines[index];
		writer.startLine(index, lines[index].phoneNumber, { line, callerId });
		messageReferences[index] = messageReference;
		writer.endLine(messageReference, callParameters, line);
	});
	if (total > 0) throw new PlumInputError(problems, total);
	const phoneList = writer.finish();
	return { phoneList, phoneNumbers: writer.numbers(phoneList), messageReferences };
}
