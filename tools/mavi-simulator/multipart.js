'use strict';
// Minimal multipart/form-data parsers (RFC 7578): whole-buffer, and streaming for /upload.

const crypto = require('node:crypto');

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function boundaryOf(contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType || '');
	return match ? match[1] || match[2] : null;
}

function isMultipart(contentType) {
	return /^multipart\/form-data\b/i.test(contentType || '') && boundaryOf(contentType) !== null;
}

function parseHeaders(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0)
			headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

/** Reads name and filename (plain or RFC 5987 filename*) from Content-Disposition. */
function parseDisposition(value) {
	const result = { name: null, filename: null };
	const name = /(?:^|;)\s*name="([^"]*)"/i.exec(value) || /(?:^|;)\s*name=([^;]+)/i.exec(value);
	if (name) result.name = name[1].trim();
	const extended = /filename\*=(?:UTF-8|utf-8)''([^;]+)/.exec(value);
	const plain =
		/(?:^|;)\s*filename="([^"]*)"/i.exec(value) || /(?:^|;)\s*filename=([^;]+)/i.exec(value);
	if (extended) {
		try {
			result.filename = decodeURIComponent(extended[1].trim());
		} catch {
			result.filename = extended[1].trim();
		}
	} else if (plain) {
		result.filename = plain[1].trim();
	}
	return result;
}

/**
 * Splits a multipart body into parts {name, filename, contentType, headers, data}.
 * Throws an Error with a readable message when the body is malformed.
 */
function parseMultipart(body, contentType) {
	const boundaryText = boundaryOf(contentType);
	if (!boundaryText) throw new Error('multipart boundary missing');
	const boundary = Buffer.from(`--${boundaryText}`);
	const delimiter = Buffer.concat([CRLF, boundary]);
	const parts = [];
	let pos = body.indexOf(boundary);
	if (pos < 0) throw new Error('multipart boundary not found in body');
	for (;;) {
		pos += boundary.length;
		if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--"
		// Transport padding after the boundary line is allowed, then CRLF.
		while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
		if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw new Error('malformed multipart body');
		pos += 2;
		const headerEnd = body.indexOf(HEADER_END, pos);
		if (headerEnd < 0) throw new Error('malformed multipart part headers');
		const headers = parseHeaders(body.toString('utf8', pos, headerEnd));
		const dataStart = headerEnd + HEADER_END.length;
		const dataEnd = body.indexOf(delimiter, dataStart);
		if (dataEnd < 0) throw new Error('multipart body is truncated');
		const disposition = parseDisposition(headers['content-disposition'] || '');
		parts.push({
			name: disposition.name,
			filename: disposition.filename,
			contentType: headers['content-type'] || null,
			headers,
			data: body.subarray(dataStart, dataEnd),
		});
		pos = dataEnd + CRLF.length;
	}
	return parts;
}

/**
 * Reads a multipart request as it arrives, without holding it: each part is hashed (sha256) and
 * counted on the fly; only its first `headBytes` and, up to `keepBytes`, its data are kept.
 * Resolves with parts {name, filename, contentType, size, sha256, head, data|null}; rejects with
 * a readable message when the body is malformed or the client goes away.
 */
function readMultipartStream(req, contentType, { headBytes = 65536, keepBytes = 16 << 20 } = {}) {
	const boundaryText = boundaryOf(contentType);
	if (!boundaryText) return Promise.reject(new Error('multipart boundary missing'));
	const opening = Buffer.from(`--${boundaryText}`);
	const delimiter = Buffer.concat([CRLF, opening]);
	const parts = [];
	let state = 'preamble';
	let pending = Buffer.alloc(0);
	let part = null;

	const startPart = (headers) => {
		const disposition = parseDisposition(headers['content-disposition'] || '');
		part = {
			name: disposition.name,
			filename: disposition.filename,
			contentType: headers['content-type'] || null,
			headers,
			size: 0,
			hash: crypto.createHash('sha256'),
			headChunks: [],
			dataChunks: [],
		};
	};
	const addData = (chunk) => {
		if (chunk.length === 0) return;
		if (part.size < headBytes) part.headChunks.push(chunk.subarray(0, headBytes - part.size));
		part.size += chunk.length;
		part.hash.update(chunk);
		if (part.dataChunks && part.size <= keepBytes) part.dataChunks.push(chunk);
		else part.dataChunks = null;
	};
	const endPart = () => {
		const { hash, headChunks, dataChunks, ...rest } = part;
		parts.push({
			...rest,
			sha256: hash.digest('hex'),
			head: Buffer.concat(headChunks),
			data: dataChunks ? Buffer.concat(dataChunks) : null,
		});
		part = null;
	};

	// After a boundary line: "--" closes the body, CRLF (after optional padding) opens a part.
	const afterBoundary = () => {
		if (pending.length < 2) return false;
		if (pending[0] === 0x2d && pending[1] === 0x2d) {
			state = 'done';
			return false;
		}
		let pos = 0;
		while (pending[pos] === 0x20 || pending[pos] === 0x09) pos++;
		if (pos + 2 > pending.length) return false;
		if (pending[pos] !== 0x0d || pending[pos + 1] !== 0x0a)
			throw new Error('malformed multipart body');
		pending = pending.subarray(pos + 2);
		state = 'headers';
		return true;
	};

	const step = () => {
		if (state === 'preamble') {
			const at = pending.indexOf(opening);
			if (at < 0) {
				pending = pending.subarray(Math.max(0, pending.length - opening.length));
				return false;
			}
			pending = pending.subarray(at + opening.length);
			state = 'boundary';
			return true;
		}
		if (state === 'boundary') return afterBoundary();
		if (state === 'headers') {
			const end = pending.indexOf(HEADER_END);
			if (end < 0) {
				if (pending.length > 16384) throw new Error('malformed multipart part headers');
				return false;
			}
			startPart(parseHeaders(pending.toString('utf8', 0, end)));
			pending = pending.subarray(end + HEADER_END.length);
			state = 'data';
			return true;
		}
		if (state === 'data') {
			const at = pending.indexOf(delimiter);
			if (at < 0) {
				// Keep a tail that could be the start of the delimiter.
				const safe = Math.max(0, pending.length - delimiter.length + 1);
				addData(pending.subarray(0, safe));
				pending = pending.subarray(safe);
				return false;
			}
			addData(pending.subarray(0, at));
			endPart();
			pending = pending.subarray(at + delimiter.length);
			state = 'boundary';
			return true;
		}
		return false; // done: ignore the epilogue
	};

	return new Promise((resolve, reject) => {
		let failed = false;
		const fail = (error) => {
			if (failed) return;
			failed = true;
			req.resume(); // drain, so the client can still read our answer
			reject(error);
		};
		req.on('data', (chunk) => {
			if (failed) return;
			// Copy only the small carry-over; a chunk is referenced, not duplicated.
			pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
			try {
				while (step());
			} catch (error) {
				fail(error);
			}
		});
		req.on('end', () => {
			if (failed) return;
			if (state !== 'done') return fail(new Error('multipart body is truncated'));
			resolve(parts);
		});
		req.on('error', fail);
		req.on('close', () => {
			if (!req.readableEnded) fail(new Error('client closed the connection'));
		});
	});
}

/** Builds a multipart body (used by tests and the CLI smoke check). */
function buildMultipart(fields, boundary = `----mavi-sim-${Date.now().toString(16)}`) {
	const chunks = [];
	for (const field of fields) {
		const filename = field.filename ? `; filename="${field.filename}"` : '';
		const type = field.contentType ? `\r\nContent-Type: ${field.contentType}` : '';
		chunks.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${field.name}"${filename}${type}\r\n\r\n`,
			),
			Buffer.isBuffer(field.data) ? field.data : Buffer.from(String(field.data)),
			CRLF,
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

module.exports = { isMultipart, parseMultipart, readMultipartStream, buildMultipart, boundaryOf };
