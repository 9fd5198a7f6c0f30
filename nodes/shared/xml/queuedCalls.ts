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

// Per call in `bounds`: the text it is in, call id start, end, phone number start, end (offsets into that text).
const FIELDS_PER_CALL = 5;

class ScannedCallList implements QueuedCallList {
	/**
	 * @param texts the parts of the answer the calls are in: only the phone list part of each piece (slices, so
	 *   nothing is copied) and short bridges across the cuts between pieces. Their entries matched the documented
	 *   shape and so hold no markup: no <pin> can be in them.
	 * @param bounds FIELDS_PER_CALL numbers per call.
	 */
	constructor(
		private readonly texts: readonly string[],
		private readonly bounds: Int32Array,
		readonly length: number,
	) {}

	callId(index: number): string {
		const base = index * FIELDS_PER_CALL;
		return this.texts[this.bounds[base]].slice(this.bounds[base + 1], this.bounds[base + 2]);
	}

	phoneNumber(index: number): string {
		const base = index * FIELDS_PER_CALL;
		return this.texts[this.bounds[base]].slice(this.bounds[base + 3], this.bounds[base + 4]);
	}

	hasPhoneNumber(index: number, phoneNumber: string): boolean {
		const base = index * FIELDS_PER_CALL;
		const start = this.bounds[base + 3];
		return (
			this.bounds[base + 4] - start === phoneNumber.length &&
			this.texts[this.bounds[base]].startsWith(phoneNumber, start)
		);
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
// A call cut between two pieces is read from a bridge of the end of one and this much of the next. A call in the
// documented shape is about 110 characters; one spread wider than this stops the scan (the generic parser reads it).
const BRIDGE_CHARACTERS = 4096;

/** A place in an answer given as pieces: the piece, and the offset in it. */
export interface PiecePlace {
	piece: number;
	at: number;
}

/** The calls one scan finds: the texts they are in and FIELDS_PER_CALL bounds per call. */
class FoundCalls {
	readonly texts: string[] = [];

	bounds = new Int32Array(1024 * FIELDS_PER_CALL);

	count = 0;

	/**
	 * Reads the calls in `text` from `from` on. They are recorded against the kept text number `textIndex`, which
	 * starts at `offset` in `text`. Returns where the calls end.
	 */
	scan(text: string, from: number, textIndex: number, offset: number): number {
		let position = from;
		for (;;) {
			CALL_ENTRY.lastIndex = position;
			if (!CALL_ENTRY.test(text)) return position;
			const idStart = text.indexOf('"', position) + 1;
			const idEnd = text.indexOf('"', idStart);
			const phoneStart = text.indexOf(PHONE_OPEN, idEnd) + PHONE_OPEN.length;
			const phoneEnd = text.indexOf('<', phoneStart);
			position = CALL_ENTRY.lastIndex;

			if ((this.count + 1) * FIELDS_PER_CALL > this.bounds.length) {
				const grown = new Int32Array(this.bounds.length * 2);
				grown.set(this.bounds);
				this.bounds = grown;
			}
			const bounds = this.bounds;
			const base = this.count * FIELDS_PER_CALL;
			// Plum writes the values unpadded; looking at their ends first saves four calls per call.
			const padded =
				text.charCodeAt(idStart) <= 0x20 ||
				text.charCodeAt(idEnd - 1) <= 0x20 ||
				text.charCodeAt(phoneStart) <= 0x20 ||
				text.charCodeAt(phoneEnd - 1) <= 0x20;
			bounds[base] = textIndex;
			bounds[base + 1] = (padded ? trimStart(text, idStart, idEnd) : idStart) - offset;
			bounds[base + 2] = (padded ? trimEnd(text, idStart, idEnd) : idEnd) - offset;
			bounds[base + 3] = (padded ? trimStart(text, phoneStart, phoneEnd) : phoneStart) - offset;
			bounds[base + 4] = (padded ? trimEnd(text, phoneStart, phoneEnd) : phoneEnd) - offset;
			this.count++;
		}
	}
}

/**
 * Reads the calls that follow `from` in an answer given as pieces (as it was decoded), in the documented shape,
 * each `<call call_id="…"><phone_number>…</phone_number></call>` with white space between the parts, values
 * trimmed. The pieces are not joined: a call cut between two pieces is read from a short bridge of both. Stops
 * before the first thing that is not such a call and returns where (`end`, a place in a piece, after the last
 * call); the caller checks what comes there.
 */
export function scanCallPieces(
	pieces: readonly string[],
	from: PiecePlace,
): { calls: QueuedCallList; end: PiecePlace } {
	const found = new FoundCalls();
	let piece = from.piece;
	let text = pieces[piece];
	// The calls' part of each piece is kept, from `offset` on (in the first piece, what comes before is not calls).
	let offset = from.at;
	let position = found.scan(text, offset, 0, offset);
	for (;;) {
		found.texts.push(text.slice(offset, position));
		const next = pieces[piece + 1];
		if (next === undefined || text.length - position > BRIDGE_CHARACTERS) break;
		const tail = text.slice(position);
		const bridge = tail + next.slice(0, BRIDGE_CHARACTERS);
		const bridgeEnd = found.scan(bridge, 0, found.texts.length, 0);
		// No call crosses the cut, so the calls end in this piece.
		if (bridgeEnd <= tail.length) break;
		found.texts.push(bridge.slice(0, bridgeEnd));
		piece++;
		text = next;
		offset = bridgeEnd - tail.length;
		position = found.scan(text, offset, found.texts.length, offset);
	}
	return { calls: new ScannedCallList(found.texts, found.bounds, found.count), end: { piece, at: position } };
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
