import { normalizePhoneNumber } from '../../shared/validation/phoneNumber';

/** The Caller ID (ANI) option as bare digits (with the leading 1), or undefined when empty. */
export function readCallerId(value: unknown, itemIndex: number): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return undefined;
	}
	// The phone normaliser owns every number rule; an ANI is a plain number without options.
	return normalizePhoneNumber(value, { field: 'Caller ID (ANI)', itemIndex }).replace(/^tel:\+/, '');
}
