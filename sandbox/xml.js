'use strict';
// Small helpers to write Plum-shaped XML. Answers are built as arrays of lines and joined once,
// so a 100,000-call queuecalls answer costs one join, not 100,000 string copies.

const XML_DECLARATION = '<?xml version="1.0"?>';
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function escapeXml(value) {
	const text = String(value);
	return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (char) => ESCAPES[char]) : text;
}

/** `<name>value</name>`, escaped, indented by `depth` levels of four spaces (Plum's own indentation). */
function element(name, value, depth = 1) {
	return `${'    '.repeat(depth)}<${name}>${escapeXml(value)}</${name}>`;
}

/**
 * Any JSON-like value as XML elements: objects become child elements, arrays repeat the
 * `itemName` element (Plum's `<events><event>…</event></events>` style).
 */
function valueToXmlLines(name, value, depth, lines, itemName) {
	const pad = '    '.repeat(depth);
	if (Array.isArray(value)) {
		lines.push(`${pad}<${name}>`);
		for (const item of value) valueToXmlLines(itemName || 'item', item, depth + 1, lines);
		lines.push(`${pad}</${name}>`);
	} else if (value !== null && typeof value === 'object') {
		lines.push(`${pad}<${name}>`);
		for (const [key, child] of Object.entries(value)) {
			valueToXmlLines(key, child, depth + 1, lines, singular(key));
		}
		lines.push(`${pad}</${name}>`);
	} else {
		lines.push(`${pad}<${name}>${escapeXml(value ?? '')}</${name}>`);
	}
	return lines;
}

function singular(name) {
	return name.endsWith('s') ? name.slice(0, -1) : 'item';
}

/** A whole document: declaration plus `root` holding `value` (an object). */
function objectToXml(root, value) {
	return [XML_DECLARATION, ...valueToXmlLines(root, value, 0, [])].join('\n') + '\n';
}

module.exports = { XML_DECLARATION, escapeXml, element, valueToXmlLines, objectToXml };
