import { describeType, fail } from './fail';

/** The field a value belongs to, as the user sees it, and where the value came from. */
export interface FieldContext {
	field: string;
	itemIndex?: number;
	line?: number;
	/** A valid value to show in the fix; a generic one is used when absent. */
	example?: string;
}

/** Maximum lengths, in characters, from Plum's documentation (queuecall.php / queuecalls.php). */
export const LIMITS = {
	login: 128,
	pin: 16,
	phoneNumber: 128,
	url: 255,
	messageReference: 255,
	// Inside a queuecalls phone_list the message_reference column is limited to 128, not 255.
	phoneListMessageReference: 128,
	callParameters: 255,
	naturalTime: 80,
	campaignName: 255,
} as const;

const EXAMPLE_URL = 'https://example.com/plum/start.vxml';
const EXAMPLE_ID = '1234';
const WHITESPACE = /\s/;
const URL_SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// A DNS name (letters, digits, '-', '_', dots), an IPv4 address, or an IPv6 address in brackets.
const HOST_NAME = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])$/i;
const INTEGER_TEXT = /^[+-]?\d+(?:\.0*)?$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Trims; '' / undefined / null give undefined; numbers and booleans become text; objects are rejected. */
export function optionalText(value: unknown, maxLength: number, ctx: FieldContext): string | undefined {
	if (value === undefined || value === null) return undefined;
	let text: string;
	if (typeof value === 'string') text = value.trim();
	else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
	else if (typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
	else
		fail(
			ctx.field,
			`must be text, not ${describeType(value)}`,
			`Map a single value, e.g. {{ $json.reference }}, or turn it into text with {{ JSON.stringify($json.data) }}.`,
			value,
			ctx,
		);
	if (text === '') return undefined;
	if (text.length > maxLength) {
		fail(
			ctx.field,
			`is ${text.length} characters long; the limit is ${maxLength}`,
			`Shorten it to ${maxLength} characters or fewer${ctx.example ? `, e.g. ${ctx.example}` : ''}.`,
			text,
			ctx,
		);
	}
	return text;
}

export function requiredText(value: unknown, maxLength: number, ctx: FieldContext): string {
	const text = optionalText(value, maxLength, ctx);
	if (text === undefined) {
		fail(ctx.field, 'is required', `Enter a value, e.g. ${ctx.example ?? '{{ $json.name }}'}.`, undefined, ctx);
	}
	return text;
}

/** An absolute http(s) URL with a host and no spaces: Plum fetches start_url and posts to result_url. */
export function optionalUrl(value: unknown, ctx: FieldContext, maxLength: number = LIMITS.url): string | undefined {
	const text = optionalText(value, maxLength, ctx);
	if (text === undefined) return undefined;
	const example = ctx.example ?? EXAMPLE_URL;
	if (WHITESPACE.test(text)) {
		fail(ctx.field, 'contains spaces', `Remove them or write each space as %20, e.g. ${example}.`, text, ctx);
	}
	const scheme = URL_SCHEME.exec(text);
	if (scheme === null) {
		const suggestion = text.startsWith('//') ? `https:${text}` : `https://${text}`;
		fail(ctx.field, 'has no http:// or https:// at the start', `Write the full address, e.g. ${suggestion}.`, text, ctx);
	}
	const protocol = scheme[1].toLowerCase();
	if (protocol !== 'http' && protocol !== 'https') {
		fail(
			ctx.field,
			`starts with ${scheme[1]}:, but Plum can only reach http:// and https:// addresses`,
			`Use a web address, e.g. ${example}.`,
			text,
			ctx,
		);
	}
	// Browsers (and WHATWG URL) forgive "http:example.com" and "http:/example.com"; Plum's server may not.
	const afterScheme = text.slice(scheme[0].length);
	if (!afterScheme.startsWith('//')) {
		const rest = afterScheme.replace(/^[/\\]+/, '');
		fail(ctx.field, `needs // after ${scheme[1]}:`, `Write the full address, e.g. ${protocol}://${rest || 'example.com'}.`, text, ctx);
	}
	let host = '';
	try {
		host = new URL(text).hostname;
	} catch {
		// handled below: an unparsable URL has no host
	}
	if (host === '') {
		fail(ctx.field, 'is not a complete web address (no host name)', `Use a full address, e.g. ${example}.`, text, ctx);
	}
	// The parser turns international names into xn-- form; anything else left ("&", "!") is no host name.
	if (!HOST_NAME.test(host)) {
		fail(ctx.field, `has "${host}" as its host, which is not a host name`, `Use a full address, e.g. ${example}.`, text, ctx);
	}
	return text;
}

export function requiredUrl(value: unknown, ctx: FieldContext, maxLength: number = LIMITS.url): string {
	const url = optionalUrl(value, ctx, maxLength);
	if (url === undefined) {
		fail(ctx.field, 'is required', `Enter a web address, e.g. ${ctx.example ?? EXAMPLE_URL}.`, undefined, ctx);
	}
	return url;
}

function isMissing(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Numbers and numeric text as a number; undefined when the value is not a number at all. */
function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'string') {
		const text = value.trim();
		if (INTEGER_TEXT.test(text) || DECIMAL_TEXT.test(text)) return Number(text);
	}
	return undefined;
}

function exampleInRange(value: number, min: number, max: number): number {
	if (value < min) return min;
	if (value > max) return max;
	return Math.round(value);
}

/** A whole number from min to max; accepts numbers and numeric text. */
export function integerInRange(value: unknown, min: number, max: number, ctx: FieldContext): number {
	const range = `a whole number from ${min} to ${max}`;
	if (isMissing(value)) {
		fail(ctx.field, 'is required', `Enter ${range}, e.g. ${ctx.example ?? min}.`, undefined, ctx);
	}
	const number = toNumber(value);
	if (number === undefined || Number.isNaN(number)) {
		fail(ctx.field, 'is not a number', `Enter ${range}, e.g. ${ctx.example ?? min}.`, value, ctx);
	}
	if (Number.isFinite(number) && !Number.isInteger(number)) {
		fail(
			ctx.field,
			'must be a whole number',
			`Enter ${range}, e.g. ${exampleInRange(number, min, max)}.`,
			value,
			ctx,
		);
	}
	if (number < min || number > max) {
		fail(
			ctx.field,
			`must be from ${min} to ${max}`,
			`Enter ${range}, e.g. ${exampleInRange(number, min, max)}.`,
			value,
			ctx,
		);
	}
	return number;
}

export function optionalIntegerInRange(value: unknown, min: number, max: number, ctx: FieldContext): number | undefined {
	return isMissing(value) ? undefined : integerInRange(value, min, max, ctx);
}

/** applicationId, deploymentId and similar: a positive whole number. */
export function positiveId(value: unknown, ctx: FieldContext): number {
	const fix = `Use the number Plum shows (for deployments, on the Outbound page), e.g. ${ctx.example ?? EXAMPLE_ID}.`;
	if (isMissing(value)) fail(ctx.field, 'is required', fix, undefined, ctx);
	const number = toNumber(value);
	if (number === undefined || !Number.isSafeInteger(number) || number < 1) {
		fail(ctx.field, 'must be a positive whole number', fix, value, ctx);
	}
	return number;
}
