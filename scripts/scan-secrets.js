#!/usr/bin/env node
// Looks for secrets (a PIN, a developer key) in files: n8n's database and logs after an end-to-end run,
// or anything else a test saved. Usage:
//   node scripts/scan-secrets.js <file-or-folder>... --secret X [--secret Y ...]
// Exit 0: none found; 1: a secret was found (each finding names the file, offset and encoding, never the
// secret); 2: wrong usage or a path that cannot be read. Binary files are scanned as bytes.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const CHUNK_BYTES = 1024 * 1024;
// A base64 fragment shorter than this could occur by chance in unrelated base64 text.
const MIN_BASE64_CORE = 8;

/**
 * The byte patterns under which a secret can be stored: as written, URL-encoded (also PHP's '+' for a
 * space), escaped inside JSON, XML or HTML, as UTF-16, and inside base64 text such as an HTTP Basic header
 * (the part of the encoding that does not depend on the bytes around the secret, for each alignment).
 */
function secretForms(secret) {
	const forms = new Map();
	const add = (name, text, encoding = 'utf8') => {
		if (!text) return;
		const bytes = Buffer.from(text, encoding);
		const key = bytes.toString('hex');
		if (!forms.has(key)) forms.set(key, { name, bytes });
	};
	add('plain', secret);
	const uriEncoded = encodeURIComponent(secret);
	add('URL-encoded', uriEncoded);
	add('URL-encoded (lower-case hex)', uriEncoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
	add(
		'form-encoded',
		uriEncoded.replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`).replaceAll('%20', '+'),
	);
	add('JSON-escaped', JSON.stringify(secret).slice(1, -1));
	add('JSON-escaped (ASCII)', JSON.stringify(secret).slice(1, -1).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
	const xmlText = secret.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
	add('XML-escaped', xmlText);
	add('XML-escaped (quotes)', xmlText.replaceAll('"', '&quot;').replaceAll("'", '&apos;'));
	add('HTML-escaped (quotes)', xmlText.replaceAll('"', '&quot;').replaceAll("'", '&#39;'));
	add('XML-escaped (numeric quotes)', xmlText.replaceAll('"', '&#34;').replaceAll("'", '&#39;'));
	add('UTF-16', secret, 'utf16le');
	for (const core of base64Cores(secret)) {
		add('base64', core);
		add('base64url', core.replaceAll('+', '-').replaceAll('/', '_'));
	}
	return [...forms.values()];
}

/** For each of the 3 byte alignments, the base64 characters that come from the secret's bytes alone. */
function base64Cores(secret) {
	const bytes = Buffer.from(secret, 'utf8');
	const cores = [];
	for (let prefix = 0; prefix < 3; prefix++) {
		const encoded = Buffer.concat([Buffer.alloc(prefix), bytes]).toString('base64');
		const firstGroup = Math.ceil(prefix / 3);
		const lastGroup = Math.floor((prefix + bytes.length - 3) / 3);
		if (lastGroup < firstGroup) continue;
		const core = encoded.slice(firstGroup * 4, (lastGroup + 1) * 4);
		if (core.length >= MIN_BASE64_CORE) cores.push(core);
	}
	return cores;
}

/** Every file under the given paths (folders recursively, symbolic links not followed). */
function* filesUnder(target) {
	const stat = fs.lstatSync(target);
	if (stat.isSymbolicLink()) return;
	if (stat.isDirectory()) {
		for (const name of fs.readdirSync(target).sort()) yield* filesUnder(path.join(target, name));
	} else if (stat.isFile()) {
		yield target;
	}
}

/** Findings in one file: { file, offset, secretIndex, form }. Reads in chunks, so a large database is fine. */
function scanFile(file, secrets) {
	const patterns = secrets.flatMap((secret, secretIndex) =>
		secretForms(secret).map((form) => ({ ...form, secretIndex })),
	);
	const longest = Math.max(...patterns.map((pattern) => pattern.bytes.length));
	const findings = [];
	const seen = new Set();
	const descriptor = fs.openSync(file, 'r');
	try {
		let carry = Buffer.alloc(0);
		let carryStart = 0;
		const chunk = Buffer.alloc(CHUNK_BYTES);
		for (;;) {
			const read = fs.readSync(descriptor, chunk, 0, CHUNK_BYTES, null);
			if (read === 0) break;
			const window = Buffer.concat([carry, chunk.subarray(0, read)]);
			for (const pattern of patterns) {
				let at = window.indexOf(pattern.bytes);
				while (at !== -1) {
					const offset = carryStart + at;
					const key = `${pattern.secretIndex}:${offset}`;
					if (!seen.has(key)) {
						seen.add(key);
						findings.push({ file, offset, secretIndex: pattern.secretIndex, form: pattern.name });
					}
					at = window.indexOf(pattern.bytes, at + 1);
				}
			}
			const keep = Math.min(window.length, longest - 1);
			carryStart += window.length - keep;
			carry = Buffer.from(window.subarray(window.length - keep));
		}
	} finally {
		fs.closeSync(descriptor);
	}
	return findings;
}

/** Scans every file under `targets`; returns { files, bytes, findings }. */
function scanPaths(targets, secrets) {
	const usable = secrets.filter((secret) => typeof secret === 'string' && secret !== '');
	if (usable.length === 0) throw new Error('no secret to look for: give at least one non-empty --secret');
	const result = { files: 0, bytes: 0, findings: [] };
	for (const target of targets) {
		for (const file of filesUnder(target)) {
			result.files++;
			result.bytes += fs.statSync(file).size;
			result.findings.push(...scanFile(file, usable));
		}
	}
	return result;
}

function parseArguments(argv) {
	const targets = [];
	const secrets = [];
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index];
		if (argument === '--secret') {
			if (index + 1 >= argv.length) throw new Error('--secret needs a value');
			secrets.push(argv[++index]);
		} else if (argument.startsWith('--secret=')) {
			secrets.push(argument.slice('--secret='.length));
		} else if (argument === '--help' || argument === '-h') {
			return { help: true, targets, secrets };
		} else if (argument.startsWith('--')) {
			throw new Error(`unknown option ${argument}`);
		} else {
			targets.push(argument);
		}
	}
	if (targets.length === 0) throw new Error('give at least one file or folder to scan');
	return { help: false, targets, secrets };
}

function main(argv) {
	let options;
	try {
		options = parseArguments(argv);
	} catch (error) {
		process.stderr.write(`scan-secrets: ${error.message}\nUsage: node scripts/scan-secrets.js <file-or-folder>... --secret X [--secret Y]\n`);
		return 2;
	}
	if (options.help) {
		process.stdout.write('Usage: node scripts/scan-secrets.js <file-or-folder>... --secret X [--secret Y]\n');
		return 0;
	}
	let result;
	try {
		result = scanPaths(options.targets, options.secrets);
	} catch (error) {
		process.stderr.write(`scan-secrets: ${error.message}\n`);
		return 2;
	}
	for (const finding of result.findings) {
		process.stdout.write(`LEAK ${finding.file} at byte ${finding.offset}: secret #${finding.secretIndex + 1} (${finding.form})\n`);
	}
	const summary = `${result.files} file(s), ${result.bytes} bytes scanned for ${options.secrets.length} secret(s)`;
	if (result.findings.length > 0) {
		process.stdout.write(`scan-secrets: ${result.findings.length} finding(s) in ${summary}\n`);
		return 1;
	}
	process.stdout.write(`scan-secrets: no secret found; ${summary}\n`);
	return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = { secretForms, scanFile, scanPaths, main };
