'use strict';
// Reads a request body into one Buffer and decodes it as a form (urlencoded or multipart).
const { MultipartError, boundaryOf, parseMultipart } = require('./multipart');

const MAX_BODY_BYTES = 256 * 1024 * 1024;

class BodyTooLargeError extends Error {}

/** Resolves to the whole body as one Buffer (chunks are joined once, at the end). */
function readBody(req, maxBytes = MAX_BODY_BYTES) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let length = 0;
		const collect = (chunk) => {
			length += chunk.length;
			if (length > maxBytes) {
				// Stop keeping the body but keep reading (and dropping) it, so the 413 answer can be read.
				req.off('data', collect);
				req.resume();
				chunks.length = 0;
				reject(new BodyTooLargeError(`request body is larger than ${maxBytes} bytes`));
				return;
			}
			chunks.push(chunk);
		};
		req.on('data', collect);
		req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length)));
		req.on('error', reject);
		req.on('close', () => {
			if (!req.complete) reject(new Error('the client went away before the body was complete'));
		});
	});
}

function mediaTypeOf(contentType) {
	return String(contentType || '').split(';')[0].trim().toLowerCase();
}

/**
 * Decodes a form body. Returns { kind: 'multipart'|'urlencoded'|'other', fields, files } where
 * fields are strings and files are { filename, contentType, content: Buffer }. Like PHP, a
 * repeated field keeps its last value, and a multipart part counts as a file only when it has a filename.
 */
function parseForm(contentType, body) {
	const mediaType = mediaTypeOf(contentType);
	const fields = Object.create(null);
	const files = Object.create(null);
	if (mediaType === 'application/x-www-form-urlencoded') {
		for (const [name, value] of new URLSearchParams(body.toString('utf8'))) fields[name] = value;
		return { kind: 'urlencoded', fields, files };
	}
	if (mediaType === 'multipart/form-data') {
		const boundary = boundaryOf(contentType);
		if (!boundary) throw new MultipartError('the multipart Content-Type has no boundary');
		for (const part of parseMultipart(body, boundary)) {
			if (part.filename !== undefined && part.filename !== '') {
				files[part.name] = { filename: part.filename, contentType: part.contentType || '', content: part.content };
			} else {
				fields[part.name] = part.content.toString('utf8');
			}
		}
		return { kind: 'multipart', fields, files };
	}
	return { kind: 'other', fields, files };
}

module.exports = { BodyTooLargeError, MultipartError, readBody, parseForm, mediaTypeOf };
