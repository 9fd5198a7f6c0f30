/*
 * The calls of a queuecalls.php answer. A 100,000-call answer read into objects made 300,000 of them (match,
 * entry, strings) only to be copied into output items; read in place, a call is four offsets into the answer
 * and its text is copied out only when asked for.
 */

export interface QueuedCall {
	callId: string;
	phoneNumber: string;
}

export interface QueuedCallList {
	readonly length: number;
	callId(index: number): string;
	phoneNumber(index: number): string;
	/** Whether call `index` was queued for exactly this number (compared in place, nothing copied). */
	hasPhoneNumber(index: number, phoneNumber: string): boolean;
	toArray(): QueuedCall[];
	/** JSON and logs see the calls, never the answer text around them. */
	toJSON(): QueuedCall[];
}

/** Calls already read into objects (the generic parser's result). */
export function listCalls(calls: readonly QueuedCall[]): QueuedCallList {
	const toArray = () => calls.map((call) => ({ ...call }));
	return {
		length: calls.length,
		callId: (index) => calls[index].callId,
		phoneNumber: (index) => calls[index].phoneNumber,
		hasPhoneNumber: (index, phoneNumber) => calls[index].phoneNumber === phoneNumber,
		toArray,
		toJSON: toArray,
	};
}

class ScannedCallList implements QueuedCallList {
	/**
	 * @param text only the phone list part of the answer (a slice, so nothing is copied), whose entries matched
	 *   the documented shape and so hold no markup: no <pin> can be in it.
	 * @param bounds per call: call id start, end, phone number start, end (offsets into text).
	 */
	constructor(
		private readonly text: string,
		private readonly bounds: Int32Array,
		readonly length: number,
	) {}

	callId(index: number): string {
		return this.text.slice(this.bounds[index * 4], this.bounds[index * 4 + 1]);
	}

	phoneNumber(index: number): string {
		return this.text.slice(this.bounds[index * 4 + 2], this.bounds[index * 4 + 3]);
	}

	hasPhoneNumber(index: number, phoneNumber: string): boolean {
		const start = this.bounds[index * 4 + 2];
		return this.bounds[index * 4 + 3] - start === phoneNumber.length && this.text.startsWith(phoneNumber, start);
	}

	toArray(): QueuedCall[] {
		const calls: QueuedCall[] = new Array(this.length);
		for (let index = 0; index < this.length; index++) {
			calls[index] = { callId: this.callId(index), phoneNumber: this.phoneNumber(index) };
		}
		return calls;
	}

	toJSON(): QueuedCall[] {
		return this.toArray();
	}
}

/*
 * One call in the documented shape. A sticky expression without captures finds it (V8 compiles it to machine
 * code, faster than any scan written here) and allocates nothing; the values are then found by indexOf. Values
 * are ASCII without quotes, '<' or '&' (so no entity to decode); anything else is left to the generic parser.
 */
const CALL_ENTRY = /\s*<call\s+call_id\s*=\s*"[^"<&\u0080-\uffff]*"\s*>\s*<phone_number>[^"<&\u0080-\uffff]*<\/phone_number>\s*<\/call>/y;
const PHONE_OPEN = '<phone_number>';

/**
 * Reads the calls that follow `from` in the documented shape, each
 * `<call call_id="…"><phone_number>…</phone_number></call>` with white space between the parts, values trimmed.
 * Stops before the first thing that is not such a call and returns where (`end`, after the last call); the caller
 * checks what comes there.
 */
export function scanCallList(text: string, from: number): { calls: QueuedCallList; end: number } {
	let bounds = new Int32Array(1024);
	let count = 0;
	let position = from;
	for (;;) {
		CALL_ENTRY.lastIndex = position;
		if (!CALL_ENTRY.test(text)) break;
		const idStart = text.indexOf('"', position) + 1;
		const idEnd = text.indexOf('"', idStart);
		const phoneStart = text.indexOf(PHONE_OPEN, idEnd) + PHONE_OPEN.length;
		const phoneEnd = text.indexOf('<', phoneStart);
		position = CALL_ENTRY.lastIndex;

		if ((count + 1) * 4 > bounds.length) {
			const grown = new Int32Array(bounds.length * 2);
			grown.set(bounds);
			bounds = grown;
		}
		const base = count * 4;
		// Plum writes the values unpadded; looking at their ends first saves four calls per call.
		const padded =
			text.charCodeAt(idStart) <= 0x20 ||
			text.charCodeAt(idEnd - 1) <= 0x20 ||
			text.charCodeAt(phoneStart) <= 0x20 ||
			text.charCodeAt(phoneEnd - 1) <= 0x20;
		bounds[base] = (padded ? trimStart(text, idStart, idEnd) : idStart) - from;
		bounds[base + 1] = (padded ? trimEnd(text, idStart, idEnd) : idEnd) - from;
		bounds[base + 2] = (padded ? trimStart(text, phoneStart, phoneEnd) : phoneStart) - from;
		bounds[base + 3] = (padded ? trimEnd(text, phoneStart, phoneEnd) : phoneEnd) - from;
		count++;
	}
	return { calls: new ScannedCallList(text.slice(from, position), bounds, count), end: position };
}

/** ASCII white space as String.prototype.trim knows it: tab, line feed, vertical tab, form feed, CR, space. */
function isSpace(code: number): boolean {
	return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

function trimStart(text: string, from: number, to: number): number {
	let index = from;
	while (index < to && isSpace(text.charCodeAt(index))) index++;
	return index;
}

function trimEnd(text: string, from: number, to: number): number {
	let index = to;
	while (index > from && isSpace(text.charCodeAt(index - 1))) index--;
	return index;
}
