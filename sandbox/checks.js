'use strict';
// Field rules shared by the DEV webservice and the deployment API handlers. Each check throws
// InputRejected with a message a person can act on; the handler turns it into Plum's error shape.

class InputRejected extends Error {}

/** The field's value, or undefined when it is missing or empty (an empty form field means "not set"). */
function optional(fields, name) {
	const value = fields[name];
	return value === undefined || value === '' ? undefined : value;
}

function required(fields, name) {
	const value = optional(fields, name);
	if (value === undefined) throw new InputRejected(`${name} is required`);
	return value;
}

function maxLength(fields, limits) {
	for (const [name, limit] of Object.entries(limits)) {
		const value = fields[name];
		if (value !== undefined && value.length > limit) {
			throw new InputRejected(`${name} is longer than ${limit} characters (${value.length})`);
		}
	}
}

/** A whole number written in digits, within [min, max]; undefined when not given. */
function integerIn(fields, name, min, max) {
	const value = optional(fields, name);
	if (value === undefined) return undefined;
	const text = value.trim();
	if (!/^\d+$/.test(text)) throw new InputRejected(`${name} must be a whole number, got "${shorten(value)}"`);
	const number = Number(text);
	if (number < min || number > max) throw new InputRejected(`${name} must be between ${min} and ${max}, got ${number}`);
	return number;
}

function flag(fields, name) {
	const value = optional(fields, name);
	if (value === undefined) return undefined;
	if (value !== '0' && value !== '1') throw new InputRejected(`${name} must be 0 or 1, got "${shorten(value)}"`);
	return Number(value);
}

function httpUrl(fields, name) {
	const value = optional(fields, name);
	if (value === undefined) return undefined;
	let url;
	try {
		url = new URL(value);
	} catch {
		throw new InputRejected(`${name} is not a valid URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new InputRejected(`${name} must be an http:// or https:// URL`);
	}
	return value;
}

/** Both given and non-zero: the end must come after the start. */
function orderedTimes(start, end, startName, endName) {
	if (start && end && end <= start) throw new InputRejected(`${endName} must be later than ${startName}`);
}

function shorten(value) {
	const text = String(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

module.exports = { InputRejected, optional, required, maxLength, integerIn, flag, httpUrl, orderedTimes, shorten };
