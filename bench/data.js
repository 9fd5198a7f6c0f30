'use strict';
// Deterministic contacts for the figures: unique North American numbers written the many ways a CRM export
// or spreadsheet writes them, with an id and a first name (campaign) or five variable fields (bulk queue).

const AREA_CODES = ['617', '212', '415', '312', '713', '305', '206', '404'];
const FIRST_NAMES = ['Ana', 'Ben', 'Chloé', 'Dmitri', 'Esther', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jamal', 'Kai', 'Lena'];
const LAST_NAMES = ['Alvarez', 'Brown', 'Chen', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Jones'];

/** The 10 digits of contact `index`: unique for the first 64 million indexes. */
function digitsOf(index) {
	const area = AREA_CODES[index % AREA_CODES.length];
	const serial = Math.floor(index / AREA_CODES.length);
	const exchange = String(200 + (Math.floor(serial / 10000) % 800));
	const line = String(serial % 10000).padStart(4, '0');
	return { area, exchange, line };
}

/** Contact `index`'s number in one of eight human formats (one of them a number, as spreadsheets give it). */
function humanPhone(index) {
	const { area, exchange, line } = digitsOf(index);
	switch (index % 8) {
		case 0:
			return `(${area}) ${exchange}-${line}`;
		case 1:
			return `+1 ${area}-${exchange}-${line}`;
		case 2:
			return `${area}.${exchange}.${line}`;
		case 3:
			return `1${area}${exchange}${line}`;
		case 4:
			return `1-${area}-${exchange}-${line}`;
		case 5:
			return `tel:+1${area}${exchange}${line}`;
		case 6:
			return ` +1 (${area}) ${exchange} ${line} `;
		default:
			return Number(`1${area}${exchange}${line}`);
	}
}

/** The tel: form the node sends for contact `index` (what normalizePhoneNumber gives). */
function telOf(index) {
	const { area, exchange, line } = digitsOf(index);
	return `tel:+1${area}${exchange}${line}`;
}

function firstNameOf(index) {
	return FIRST_NAMES[index % FIRST_NAMES.length];
}

/**
 * Campaign input items: { phone, id, first_name }. The 'plain' variant also carries the call parameters as a
 * field (call_parameters), so the parameter can be a plain field read instead of an expression.
 */
function campaignItems(count, variant = 'expression') {
	const items = new Array(count);
	for (let index = 0; index < count; index++) {
		const phone = humanPhone(index);
		const id = `c-${index}`;
		const firstName = firstNameOf(index);
		// Whole literals, as a parsed CSV or JSON gives them (no property added afterwards).
		items[index] = {
			json:
				variant === 'plain'
					? { phone, id, first_name: firstName, call_parameters: `first_name=${firstName}` }
					: { phone, id, first_name: firstName },
		};
	}
	return items;
}

/**
 * Queue a Campaign parameters as a saved workflow holds them. Call Parameters is mapped as the README's example maps
 * it, text around an expression (a template); 'plain' reads a field that already holds the text.
 */
function campaignParameters(campaignName, variant = 'expression') {
	return {
		resource: 'call',
		operation: 'queueMany',
		campaignName,
		startUrl: 'https://ivr.example.com/start.vxml',
		source: 'items',
		phoneNumber: '={{ $json.phone }}',
		messageReference: '={{ $json.id }}',
		callParameters: variant === 'plain' ? '={{ $json.call_parameters }}' : '=first_name={{ $json.first_name }}',
		options: {},
	};
}

/** The phone list the node uploads for campaignItems(count): "tel:+1…,c-N,first_name=X\n" per contact. */
function campaignPhoneList(count) {
	const lines = new Array(count);
	for (let index = 0; index < count; index++) {
		lines[index] = `${telOf(index)},c-${index},first_name=${firstNameOf(index)}`;
	}
	return count === 0 ? '' : lines.join('\n') + '\n';
}

/** Bulk queue input items: the phone and five variable fields (text, a number, a date). */
function deploymentItems(count) {
	const items = new Array(count);
	for (let index = 0; index < count; index++) {
		items[index] = {
			json: {
				phone: humanPhone(index),
				first_name: firstNameOf(index),
				last_name: LAST_NAMES[index % LAST_NAMES.length],
				account: `A-${100000 + index}`,
				amount: (index % 500) + 0.25,
				due_date: `2026-12-${String((index % 28) + 1).padStart(2, '0')}`,
			},
		};
	}
	return items;
}

const DEPLOYMENT_COLUMNS = ['first_name', 'last_name', 'account', 'amount', 'due_date'];

function deploymentParameters(target) {
	return {
		resource: 'deploymentCall',
		operation: 'queueMany',
		applicationId: target.applicationId,
		deploymentId: target.deploymentId,
		source: 'items',
		phoneNumber: '={{ $json.phone }}',
		columns: 'all',
		options: {},
	};
}

/** The bulk CSV the node uploads for deploymentItems(count): header, then every field quoted, CRLF. */
function deploymentCsv(count) {
	const quote = (value) => `"${String(value).replace(/"/g, '""')}"`;
	const lines = new Array(count + 1);
	lines[0] = ['destination', ...DEPLOYMENT_COLUMNS].map(quote).join(',');
	const items = deploymentItems(count);
	for (let index = 0; index < count; index++) {
		const json = items[index].json;
		lines[index + 1] = [telOf(index), ...DEPLOYMENT_COLUMNS.map((name) => json[name])].map(quote).join(',');
	}
	return lines.join('\r\n') + '\r\n';
}

module.exports = {
	humanPhone,
	telOf,
	campaignItems,
	campaignParameters,
	campaignPhoneList,
	deploymentItems,
	deploymentParameters,
	deploymentCsv,
	DEPLOYMENT_COLUMNS,
};
