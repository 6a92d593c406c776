'use strict';
// Plumbing for the duplicate-delivery tests: async tasks started straight on the
// simulator, and a relay between the simulator and n8n that records every callback it forwards,
// so the very same callbacks can be delivered again after n8n restarts (on another port).
const http = require('node:http');

const { uploadReadyAsset } = require('./environment');

/** Starts `count` async transcriptions of one uploaded WAV; resolves their task_ids. */
async function startTasks(simulator, apiKey, count) {
	simulator.configure({ rateLimit: false });
	const assetId = await uploadReadyAsset(simulator, { apiKey, fileName: 'duplicates.wav' });
	const taskIds = [];
	for (let i = 0; i < count; i++) {
		const res = await fetch(`${simulator.baseUrl}/transcriptions/async-generate-audio`, {
			method: 'POST',
			headers: { authorization: apiKey, 'content-type': 'application/json' },
			body: JSON.stringify({ asset_id: assetId, model: 'whisper-1' }),
		});
		const body = await res.json();
		if (!body.data || !body.data.task_id) throw new Error(`start failed: ${JSON.stringify(body)}`);
		taskIds.push(body.data.task_id);
	}
	return taskIds;
}

/**
 * A relay on 127.0.0.1: forwards each POST body to `relay.target` (set it to the trigger's
 * production URL with ?token=) and answers with n8n's status. `relay.bodies` keeps what passed.
 * With `relay.settle` set (an async function of the bodies forwarded so far), the relay forwards
 * one body at a time and awaits `settle` before the next: the test decides when n8n is done.
 */
async function startRelay() {
	const relay = { target: null, bodies: [], statuses: [], settle: null };
	let previous = Promise.resolve();
	const forward = async (body) => {
		relay.bodies.push(body);
		let status = 502;
		try {
			status = (await relay.post(body)).status;
		} catch {
			// n8n unreachable: answer 502 so the simulator records a failed delivery.
		}
		relay.statuses.push(status);
		if (relay.settle) await relay.settle([...relay.bodies]);
		return status;
	};
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const body = Buffer.concat(chunks);
			const turn = relay.settle ? previous.then(() => forward(body)) : forward(body);
			previous = turn.catch(() => undefined);
			let status = 502;
			try {
				status = await turn;
			} catch {
				// settle failed: the test sees it through its own wait; the simulator sees a 502.
			}
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end('{}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	relay.url = `http://127.0.0.1:${server.address().port}/callback`;
	relay.post = (body) =>
		fetch(relay.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	/** Sends every recorded body again, in the recorded order; resolves the statuses. */
	relay.replay = async () => {
		const statuses = [];
		for (const body of [...relay.bodies]) statuses.push((await relay.post(body)).status);
		return statuses;
	};
	relay.stop = () => {
		server.closeAllConnections();
		return new Promise((resolve) => server.close(resolve));
	};
	return relay;
}

module.exports = { startTasks, startRelay };
