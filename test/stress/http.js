'use strict';
// Raw HTTP POST with full control over headers (fetch would add a content-type of its own).
const http = require('node:http');

/** Resolves { status, text, ms } or { status: 0, error } when the connection fails or times out. */
function rawPost(url, { headers = {}, body = '', timeoutMs = 30000 } = {}) {
	const payload = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
	const started = Date.now();
	return new Promise((resolve) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				agent: false,
				headers: { ...headers, 'content-length': payload.length, connection: 'close' },
			},
			(res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () =>
					resolve({
						status: res.statusCode,
						text: Buffer.concat(chunks).toString('utf8'),
						ms: Date.now() - started,
					}),
				);
				res.on('error', (error) =>
					resolve({ status: 0, error: error.message, ms: Date.now() - started }),
				);
			},
		);
		req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer after ${timeoutMs} ms`)));
		req.on('error', (error) =>
			resolve({ status: 0, error: error.message, ms: Date.now() - started }),
		);
		req.end(payload);
	});
}

module.exports = { rawPost };
