'use strict';
// Shared helpers for the simulator tests: real HTTP only.

const http = require('node:http');
const path = require('node:path');

const SIM_DIR = path.join(__dirname, '..', '..', 'tools', 'mavi-simulator');
const { startSimulator } = require(path.join(SIM_DIR, 'server.js'));
const { makeWav } = require(path.join(SIM_DIR, 'wav.js'));

const KEY = 'sk-mavi-test-0123456789';

/** Fast defaults so tests do not wait for the real 1 s limit unless they mean to. */
function startFastSimulator(options = {}) {
	return startSimulator({
		apiKey: KEY,
		rateLimitMs: 0,
		assetReadyMs: 0,
		callbackDelayMs: 10,
		...options,
	});
}

async function api(sim, method, route, { key = KEY, json, body, headers = {}, signal } = {}) {
	const init = { method, headers: { ...headers }, signal };
	if (key !== null) init.headers.authorization = key;
	if (json !== undefined) {
		init.headers['content-type'] = 'application/json';
		init.body = JSON.stringify(json);
	} else if (body !== undefined) {
		init.body = body;
	}
	const response = await fetch(`${sim.baseUrl}${route}`, init);
	const text = await response.text();
	let parsed = null;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = null;
	}
	return { status: response.status, json: parsed, text, headers: response.headers };
}

function wavForm(bytes, fileName = 'speech.wav', type = 'audio/wav') {
	const form = new FormData();
	form.append('file', new Blob([bytes], { type }), fileName);
	return form;
}

async function uploadWav(sim, { seconds = 5, fileName = 'speech.wav', key = KEY } = {}) {
	const response = await api(sim, 'POST', '/upload', {
		key,
		body: wavForm(makeWav({ seconds }), fileName),
	});
	if (response.status !== 200)
		throw new Error(`upload failed: ${response.status} ${response.text}`);
	return response.json.data.asset_id;
}

/** A tiny webhook receiver that records every POST. */
async function startReceiver({ status = 200 } = {}) {
	const received = [];
	let waiters = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			received.push({ url: req.url, headers: req.headers, text, body: JSON.parse(text) });
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
			const ready = waiters.filter((w) => received.length >= w.count);
			waiters = waiters.filter((w) => received.length < w.count);
			ready.forEach((w) => w.resolve(received));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		received,
		waitFor(count, timeoutMs = 5000) {
			if (received.length >= count) return Promise.resolve(received);
			return new Promise((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`only ${received.length} received`)),
					timeoutMs,
				);
				waiters.push({ count, resolve: (value) => (clearTimeout(timer), resolve(value)) });
			});
		},
		stop() {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(resolve));
		},
	};
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition()` holds: waits on the simulator's state, not on a duration. */
async function until(condition) {
	while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Freezes the simulator's clock (rate-limit windows, asset lifecycles) at the current time; the
 * test steps it with advance(ms), so nothing races real time.
 */
function steppedClock(sim) {
	let now = Date.now();
	sim.now = () => now;
	return { advance: (ms) => (now += ms) };
}

module.exports = {
	SIM_DIR,
	KEY,
	startSimulator,
	startFastSimulator,
	steppedClock,
	until,
	makeWav,
	api,
	wavForm,
	uploadWav,
	startReceiver,
	sleep,
};
