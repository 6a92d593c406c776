'use strict';
// Minimal multipart/form-data parser (RFC 7578), enough for the single `file` field of /upload.

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

module.exports = { isMultipart, parseMultipart, buildMultipart, boundaryOf };
