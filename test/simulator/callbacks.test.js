'use strict';

const { startFastSimulator, api, uploadWav, startReceiver } = require('./support');

const start = (sim, json, endpoint = 'async-generate-audio') =>
	api(sim, 'POST', `/transcriptions/${endpoint}`, { json });

describe('simulator: async tasks and webhook callbacks', () => {
	let sim;
	let receiver;
	let assetId;
	beforeAll(async () => {
		receiver = await startReceiver();
		sim = await startFastSimulator();
	});
	beforeEach(async () => {
		receiver.received.length = 0;
		sim.reset(); // forgets assets too
		sim.configure({
			duplicateDeliveries: 0,
			outOfOrder: false,
			holdCallbacks: false,
			codeStyle: '0000',
		});
		sim.setWebhookUrl(`${receiver.url}/webhook/abc/mavi?token=tok-secret-42`);
		assetId = await uploadWav(sim, { seconds: 6 });
	});
	afterAll(async () => {
		await sim.stop();
		await receiver.stop();
	});

	it('returns a 32-hex task_id and POSTs the documented envelope to the webhook URL', async () => {
		const response = await start(sim, { asset_id: assetId, model: 'whisper-1', speaker: false });
		expect(response.status).toBe(200);
		const taskId = response.json.data.task_id;
		expect(taskId).toMatch(/^[0-9a-f]{32}$/);
		expect(response.json.data).toEqual({ task_id: taskId });

		const deliveries = await sim.waitForCallbacks(1, 3000);
		expect(deliveries[0]).toMatchObject({ task_id: taskId, status: 200, ok: true });
		const [call] = await receiver.waitFor(1);
		expect(call.url).toBe('/webhook/abc/mavi?token=tok-secret-42');
		expect(call.headers['content-type']).toBe('application/json');
		expect(call.headers.authorization).toBeUndefined();
		const body = call.body;
		expect(Object.keys(body)).toEqual(['code', 'message', 'data', 'task_id']);
		expect(body).toMatchObject({ code: '0000', message: 'SUCCESS', task_id: taskId });
		expect(body.data).toMatchObject({
			msg: 'ASR transcription completed successfully',
			success: true,
		});
		expect(body.data.data.usage_metadata).toEqual({
			duration: 6,
			model: 'whisper-1',
			output_tokens: 0,
			prompt_tokens: 0,
		});
		const items = body.data.data.data;
		expect(items.length).toBeGreaterThan(0);
		expect(Object.keys(items[0])).toEqual(['start_time', 'end_time', 'text', 'speaker']);
		expect(items.every((item) => item.speaker === null && item.text.startsWith(' '))).toBe(true);
		expect(sim.stats().tasks).toEqual([
			expect.objectContaining({ task_id: taskId, asset_id: assetId, kind: 'audio' }),
		]);
	});

	it('labels speakers in the callback when speaker=true and honours codeStyle 200', async () => {
		sim.configure({ codeStyle: '200' });
		await start(sim, { asset_id: assetId, speaker: true });
		const [call] = await receiver.waitFor(1);
		expect(call.body.code).toBe(200);
		expect(call.body.data.data.data.every((item) => /^SPEAKER_\d\d$/.test(item.speaker))).toBe(
			true,
		);
	});

	it('sends duplicateDeliveries extra copies of the same callback', async () => {
		sim.configure({ duplicateDeliveries: 2 });
		const taskId = (await start(sim, { asset_id: assetId })).json.data.task_id;
		await sim.waitForCallbacks(3, 3000);
		await receiver.waitFor(3);
		expect(receiver.received.map((call) => call.body.task_id)).toEqual([taskId, taskId, taskId]);
		expect(new Set(receiver.received.map((call) => call.text)).size).toBe(1);
		expect(sim.stats().tasks).toHaveLength(1);
	});

	it('delivers out of order when outOfOrder is on', async () => {
		sim.configure({ outOfOrder: true, outOfOrderWindowMs: 50 });
		const ids = [];
		for (const endpoint of ['async-generate-audio', 'async-generate-speaker', 'async-summary']) {
			ids.push((await start(sim, { asset_id: assetId }, endpoint)).json.data.task_id);
		}
		await receiver.waitFor(3);
		const order = receiver.received.map((call) => call.body.task_id);
		expect([...order].sort()).toEqual([...ids].sort());
		expect(order).not.toEqual(ids);
	});

	it('holds callbacks until released, then delivers them in the order asked for', async () => {
		sim.configure({ holdCallbacks: true });
		const ids = [];
		for (let i = 0; i < 3; i++) {
			ids.push((await start(sim, { asset_id: assetId })).json.data.task_id);
		}
		expect(sim.stats().heldCallbacks).toEqual(ids);
		expect(receiver.received).toEqual([]);
		sim.releaseCallbacks({ reverse: true });
		await sim.waitForCallbacks(3, 3000);
		await receiver.waitFor(3);
		expect(receiver.received.map((call) => call.body.task_id)).toEqual([...ids].reverse());
		expect(sim.stats().heldCallbacks).toEqual([]);
		const more = [];
		for (let i = 0; i < 2; i++)
			more.push((await start(sim, { asset_id: assetId })).json.data.task_id);
		sim.releaseCallbacks({ taskIds: [more[1]] });
		await receiver.waitFor(4);
		expect(receiver.received[3].body.task_id).toBe(more[1]);
		expect(sim.stats().heldCallbacks).toEqual([more[0]]);
	});

	it('sends a failure envelope for an asset whose name contains failTaskPattern', async () => {
		const failing = await uploadWav(sim, { fileName: 'x-failtask.wav', seconds: 2 });
		const taskId = (await start(sim, { asset_id: failing })).json.data.task_id;
		const [call] = await receiver.waitFor(1);
		expect(call.body).toEqual({
			code: 500,
			message: 'FAILED',
			data: { data: null, msg: expect.any(String), success: false },
			task_id: taskId,
		});
		expect(sim.stats().tasks[0]).toMatchObject({ task_id: taskId, failing: true });
	});

	it('sends the other result kinds in their documented shapes', async () => {
		await start(sim, { asset_id: assetId }, 'async-generate-speaker');
		await start(sim, { asset_id: assetId, model: 'gemini-2.5-flash' }, 'async-generate-video');
		await start(sim, { asset_id: assetId }, 'async-generate-multi-speaker');
		await start(sim, { asset_id: assetId }, 'async-summary');
		await receiver.waitFor(4);
		const byKind = Object.fromEntries(
			sim
				.stats()
				.tasks.map((task) => [
					task.kind,
					receiver.received.find((call) => call.body.task_id === task.task_id).body.data.data,
				]),
		);
		expect(Object.keys(byKind.speaker.data[0]).sort()).toEqual(['end', 'speaker', 'start']);
		expect(byKind.speaker.usage_metadata.model).toBe('pyannote');
		expect(Object.keys(byKind.video.data[0]).sort()).toEqual([
			'end_time',
			'start_time',
			'transcript',
		]);
		expect(Object.keys(byKind['multi-speaker'].audio_transcription[0]).sort()).toEqual([
			'end_time',
			'speaker',
			'start_time',
			'text',
		]);
		expect(Array.isArray(byKind['multi-speaker'].usage_metadata)).toBe(true);
		expect(Object.keys(byKind['multi-speaker'].faces[0]).sort()).toEqual([
			'face_file_blob',
			'face_file_bucket',
			'face_file_protocol',
			'face_id',
			'name',
		]);
		expect(Object.keys(byKind.summary).sort()).toEqual(['summary', 'usage']);
		expect(typeof byKind.summary.summary).toBe('string');
		expect(byKind.summary.usage.model).toBe('gemini-2.5-flash');
	});

	it('requires a model for video descriptions', async () => {
		const response = await start(sim, { asset_id: assetId }, 'async-generate-video');
		expect(response.status).toBe(400);
		expect(sim.stats().tasks).toHaveLength(0);
	});

	it('records failed deliveries and times out waitForCallbacks with a clear error', async () => {
		const failingReceiver = await startReceiver({ status: 503 });
		try {
			sim.setWebhookUrl(`${failingReceiver.url}/hook`);
			await start(sim, { asset_id: assetId });
			const [delivery] = await sim.waitForCallbacks(1, 3000);
			expect(delivery).toMatchObject({ status: 503, ok: false });
			await expect(sim.waitForCallbacks(2, 100)).rejects.toThrow(/1 of 2/);
		} finally {
			await failingReceiver.stop();
		}
	});

	it('records an unreachable webhook as status 0', async () => {
		sim.setWebhookUrl('http://127.0.0.1:9/hook');
		await start(sim, { asset_id: assetId });
		const [delivery] = await sim.waitForCallbacks(1, 3000);
		expect(delivery).toMatchObject({ status: 0, ok: false });
	});
});
