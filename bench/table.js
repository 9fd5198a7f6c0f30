'use strict';
// Prints the figures as a Markdown table (readable in a terminal, pasteable into the README).

/** 1234.5 -> '1,234.5'; digits after the point as given. */
function formatNumber(value, digits = 0) {
	if (value === undefined || value === null || Number.isNaN(value)) return '–';
	return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function formatMs(ms) {
	if (ms === undefined || ms === null || Number.isNaN(ms)) return '–';
	return ms >= 10000 ? `${formatNumber(ms / 1000, 1)} s` : `${formatNumber(ms, 0)} ms`;
}

function formatMb(kb) {
	return kb === undefined ? '–' : `${formatNumber(kb / 1024, 0)} MB`;
}

function formatRatio(ratio) {
	if (ratio === undefined || ratio === null || Number.isNaN(ratio)) return '–';
	return `${formatNumber(ratio, 2)}×`;
}

/**
 * rows: [{ id, figure, measured, baseline, ratio, target, met }] where met is true, false or a word
 * ('pending', 'info'). Returns the table as text.
 */
function renderTable(rows) {
	const header = ['#', 'Figure', 'Measured', 'Baseline (same run)', 'Ratio', 'Target', 'Met'];
	const body = rows.map((row) => [
		row.id,
		row.figure,
		row.measured,
		row.baseline,
		typeof row.ratio === 'number' ? formatRatio(row.ratio) : (row.ratio ?? '–'),
		row.target ?? '–',
		row.met === true ? 'yes' : row.met === false ? '**no**' : (row.met ?? '–'),
	]);
	const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => String(cells[column]).length)));
	const line = (cells) => `| ${cells.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;
	return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

module.exports = { renderTable, formatNumber, formatMs, formatMb, formatRatio };
