'use strict';
// Envelopes and small HTTP helpers shared by the routes.

const AMBIGUOUS_400 = 'Request has exceeded the limit.';
const SUCCESS_CODES = { '0000': '0000', 200: 200, 200: 200, '200-string': '200' };

function successCode(codeStyle) {
	return SUCCESS_CODES[codeStyle] ?? '0000';
}

function sendJson(res, status, body) {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json;charset=UTF-8',
		'content-length': Buffer.byteLength(text),
	});
	res.end(text);
}

/** Error envelope: HTTP status equals code, data is null (as the API documents). */
function sendError(res, status, msg) {
	sendJson(res, status, { code: status, msg, data: null });
}

/** Success envelope of synchronous responses (note `msg`, callbacks use `message`). */
function sendSuccess(res, options, data) {
	sendJson(res, 200, {
		code: successCode(options.codeStyle),
		msg: 'success',
		data,
		success: true,
		failed: false,
	});
}

/** Reads the whole request body; rejects if the client goes away first. */
function readBody(req) {
	return new Promise((resolve, reject) => {
		if (req.readableEnded) return resolve(Buffer.alloc(0));
		const chunks = [];
		let ended = false;
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			ended = true;
			resolve(Buffer.concat(chunks));
		});
		req.on('error', reject);
		req.on('close', () => {
			if (!ended) reject(new Error('client closed the connection'));
		});
	});
}

/** Reads and discards the body (a refused upload of any size); resolves once it has ended. */
function drainBody(req) {
	return new Promise((resolve, reject) => {
		if (req.readableEnded) return resolve(null);
		req.on('end', () => resolve(null));
		req.on('error', reject);
		req.on('close', () => {
			if (!req.readableEnded) reject(new Error('client closed the connection'));
		});
		req.resume();
	});
}

/** Parses a JSON object body; returns null when it is not a JSON object. */
function parseJsonObject(buffer) {
	if (buffer.length === 0) return {};
	try {
		const value = JSON.parse(buffer.toString('utf8'));
		return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
	} catch {
		return null;
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits `ms`, or less when the client leaves first (a slow answer nobody waits for ends). */
function sleepUnlessClosed(req, ms) {
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			req.socket.off('close', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		req.socket.once('close', done);
	});
}

module.exports = {
	AMBIGUOUS_400,
	successCode,
	sendJson,
	sendError,
	sendSuccess,
	readBody,
	drainBody,
	parseJsonObject,
	sleep,
	sleepUnlessClosed,
};
