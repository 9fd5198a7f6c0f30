'use strict';
// Phone numbers as Plum reads them: "16175551234", "6175551234" (a 1 is added, North America),
// "tel:+16175551234", each optionally followed by ";ani=<caller id>" and ";postd=<digits after connect>".

class PhoneError extends Error {}

const FORMATTING = /[\s().-]/g;
const COMMON_SHAPE = /^(?:tel:\+)?(\d{10}|1\d{10})(?:;ani=(\d{10,15}))?$/;

/** -> { number: '16175551234', ani?: '8005551234', postd?: '1234' }; throws PhoneError. */
function parsePhone(input) {
	const text = String(input ?? '').trim();
	if (text === '') throw new PhoneError('is empty');
	// Fast path for the shapes clients send (100,000-line lists): tel:+16175551234[;ani=8005551234]
	const common = COMMON_SHAPE.exec(text);
	if (common) {
		const number = common[1].length === 10 ? `1${common[1]}` : common[1];
		return common[2] === undefined ? { number } : { number, ani: common[2] };
	}
	const [main, ...options] = text.split(';');
	let number = main.replace(/^tel:/i, '').replace(FORMATTING, '');
	if (number.startsWith('+')) number = number.slice(1);
	if (!/^\d+$/.test(number)) throw new PhoneError('must hold only digits, optionally after "tel:+"');
	if (number.length === 10) number = `1${number}`;
	if (number.length < 11 || number.length > 15) {
		throw new PhoneError('must have 10 digits, or 11 to 15 digits with the country code');
	}
	const parsed = { number };
	for (const option of options) {
		const equals = option.indexOf('=');
		const name = (equals < 0 ? option : option.slice(0, equals)).trim().toLowerCase();
		const value = equals < 0 ? '' : option.slice(equals + 1).trim();
		if (name === 'ani') {
			const ani = value.replace(FORMATTING, '').replace(/^\+/, '');
			if (!/^\d{10,15}$/.test(ani)) throw new PhoneError('has a caller ID (;ani=) that is not 10 to 15 digits');
			parsed.ani = ani;
		} else if (name === 'postd') {
			if (!/^[0-9*#pw,]+$/i.test(value)) throw new PhoneError('has post-dial digits (;postd=) other than 0-9 * # p w ,');
			parsed.postd = value;
		} else {
			throw new PhoneError(`has an unknown option ";${name}" (Plum documents ;ani= and ;postd=)`);
		}
	}
	return parsed;
}

/** DEV webservice form: tel:+16175551234;ani=8005551234[;postd=..]; the account's caller ID fills a missing ani. */
function formatTelUri(parsed, defaultAni) {
	const ani = parsed.ani || defaultAni;
	return `tel:+${parsed.number}${ani ? `;ani=${ani}` : ''}${parsed.postd ? `;postd=${parsed.postd}` : ''}`;
}

/** Deployment call_details form: the dialed digits in single quotes, North American numbers without the 1 ('6173720293'). */
function quotedDigits(parsed) {
	const digits = parsed.number.length === 11 && parsed.number.startsWith('1') ? parsed.number.slice(1) : parsed.number;
	return `'${digits}'`;
}

/** Deterministic outcome from the last four digits: 0000 -> failed (busy), 9999 -> rejected, else completed. */
function outcomeForNumber(number) {
	const last4 = number.slice(-4);
	if (last4 === '0000') return 'failed';
	if (last4 === '9999') return 'rejected';
	return 'completed';
}

module.exports = { PhoneError, parsePhone, formatTelUri, quotedDigits, outcomeForNumber };
