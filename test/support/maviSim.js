// Simulator plumbing for the action-node tests: start a simulator, seed assets over real HTTP,
// and receive its webhook callbacks. Plain JS because it needs node:http and timers.
const http = require('node:http');
const path = require('node:path');
const { makeWav: simulatorWav } = require('../../tools/mavi-simulator/wav');

const { startSimulator } = require(
	path.join(__dirname, '..', '..', 'tools', 'mavi-simulator', 'server.js'),
);

// Recognisable, so a leak anywhere is easy to grep for. Kept out of the .ts tests, whose
// lint flags key-like literals.
const TEST_KEY = 'sk-mavi-LEAKCHECK-7f3a9c2e5b1d4086';
const OTHER_KEYS = {
	wrong: 'sk-mavi-WRONG-c0ffee-LEAKCHECK-0401',
	outOfCredits: 'sk-mavi-BROKE-c0ffee-LEAKCHECK-0402',
	banned: 'sk-mavi-BANNED-c0ffee-LEAKCHECK-0403',
	echoed: 'sk-mavi-SECRET-c0ffee-LEAKCHECK-0000',
};

/** A callback receiver, so async starts have a webhook to deliver to. */
async function startSink() {
	let count = 0;
	const bodies = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			count++;
			bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/webhook`,
		get count() {
			return count;
		},
		/** The callback bodies received, parsed, in order. */
		bodies,
		stop() {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(resolve));
		},
	};
}

/** Simulator with a webhook sink; `options` override the simulator defaults. */
async function startMavi(options = {}) {
	const sink = await startSink();
	const sim = await startSimulator({
		apiKey: TEST_KEY,
		webhookUrl: sink.url,
		callbackDelayMs: 10,
		assetReadyMs: 300,
		...options,
	});
	return {
		sim,
		sink,
		credentials: { apiKey: TEST_KEY, baseUrl: sim.baseUrl },
		async stop() {
			await sim.stop();
			await sink.stop();
		},
	};
}

/** A real WAV of `seconds` (the simulator's generator, positional for brevity in tests). */
function makeWav(seconds = 3, sampleRate = 8000) {
	return simulatorWav({ seconds, sampleRate });
}

/**
 * Uploads a WAV (`wav`, or `seconds` of one) straight to an in-process simulator, not through the
 * node, and resolves its asset_id once the simulator reports it SUCCESS: for tests whose subject is
 * a later step. The set-up upload neither waits for nor leaves a rate-limit window, so the first
 * upload a test makes is never refused because of it.
 */
async function uploadReadyAsset(simulator, { apiKey, wav, seconds = 3, fileName = 'speech.wav' }) {
	const form = new FormData();
	form.append('file', new Blob([wav || makeWav(seconds)], { type: 'audio/wav' }), fileName);
	simulator.forgetRateWindow('POST /upload');
	const response = await fetch(`${simulator.baseUrl}/upload`, {
		method: 'POST',
		headers: { authorization: apiKey },
		body: form,
	});
	simulator.forgetRateWindow('POST /upload');
	const body = await response.json();
	const assetId = body.data && body.data.asset_id;
	if (!assetId) throw new Error(`upload failed: HTTP ${response.status} ${JSON.stringify(body)}`);
	const { assets } = simulator;
	while (assets.status(assets.get(assetId)).status !== 'SUCCESS') {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	return assetId;
}

/** `uploadReadyAsset` with the test key, for the action-node tests. */
const seedAsset = (mavi, options = {}) =>
	uploadReadyAsset(mavi.sim, { apiKey: TEST_KEY, ...options });

module.exports = { TEST_KEY, OTHER_KEYS, startMavi, seedAsset, uploadReadyAsset, makeWav };

/**
 * A bare server answering every request with `reply(req, body)` = {status, body, headers?}: for
 * malformed answers, gateways and redirects.
 */
async function startRawServer(reply) {
	let requests = 0;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			requests++;
			const { status, body, headers } = reply(req, Buffer.concat(chunks));
			res.writeHead(status, { 'content-type': 'application/json', ...headers });
			res.end(typeof body === 'string' ? body : JSON.stringify(body));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${server.address().port}/serve/api/v2`,
		get requests() {
			return requests;
		},
		stop() {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports.startRawServer = startRawServer;
