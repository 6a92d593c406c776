'use strict';

const { startFastSimulator, steppedClock, api, uploadWav } = require('./support');

const AMBIGUOUS = { code: 400, msg: 'Request has exceeded the limit.', data: null };

describe('simulator: synchronous transcription and validation', () => {
	let sim;
	let assetId;
	beforeAll(async () => {
		sim = await startFastSimulator();
		assetId = await uploadWav(sim, { seconds: 30 });
	});
	afterAll(() => sim.stop());

	const sync = (json, endpoint = 'sync-generate-audio') =>
		api(sim, 'POST', `/transcriptions/${endpoint}`, { json });

	it('returns Whisper items without `speaker` unless requested, text with a leading space', async () => {
		const response = await sync({ asset_id: assetId, model: 'whisper-1' });
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({
			code: '0000',
			msg: 'success',
			success: true,
			failed: false,
		});
		const { model, items } = response.json.data;
		expect(model).toBe('whisper-1');
		expect(items.length).toBeGreaterThan(3);
		for (const item of items) {
			expect(Object.keys(item).sort()).toEqual(['end_time', 'start_time', 'text']);
			expect(item.text).toMatch(/^ \S/);
			expect(item.end_time).toBeGreaterThan(item.start_time);
		}
		// Duration comes from the WAV header: 30 s.
		expect(items[0].start_time).toBe(0);
		expect(items[items.length - 1].end_time).toBe(30);
	});

	it('adds SPEAKER_xx labels when speaker=true, using the configured speaker count', async () => {
		const { items } = (await sync({ asset_id: assetId, speaker: true })).json.data;
		const speakers = new Set(items.map((item) => item.speaker));
		expect([...speakers].sort()).toEqual(['SPEAKER_00', 'SPEAKER_01']);
	});

	it('is deterministic for the same asset bytes', async () => {
		const again = await uploadWav(sim, { seconds: 30, fileName: 'copy.wav' });
		const first = (await sync({ asset_id: assetId })).json.data;
		const second = (await sync({ asset_id: again })).json.data;
		expect(second).toEqual(first);
	});

	it('returns pyannote diarization items {start, end, speaker}', async () => {
		const response = await sync({ asset_id: assetId }, 'sync-generate-speaker');
		expect(response.json.data.model).toBe('pyannote');
		for (const item of response.json.data.items) {
			expect(Object.keys(item).sort()).toEqual(['end', 'speaker', 'start']);
			expect(item.speaker).toMatch(/^SPEAKER_\d\d$/);
		}
	});

	it('produces 50,000 segments when options.segments overrides the count', async () => {
		sim.configure({ segments: 50000, speakers: 3 });
		try {
			const { items } = (await sync({ asset_id: assetId, speaker: true })).json.data;
			expect(items).toHaveLength(50000);
			expect(new Set(items.map((item) => item.speaker)).size).toBe(3);
			for (let i = 1; i < items.length; i++) {
				if (items[i].start_time < items[i - 1].end_time) throw new Error(`overlap at ${i}`);
			}
		} finally {
			sim.configure({ segments: null, speakers: 2 });
		}
	});

	it('gives zero segments for zero segments requested', async () => {
		sim.configure({ segments: 0 });
		try {
			expect((await sync({ asset_id: assetId })).json.data.items).toEqual([]);
		} finally {
			sim.configure({ segments: null });
		}
	});

	it('validates: missing asset_id, unknown asset, unknown model (the ambiguous 400)', async () => {
		expect((await sync({})).json).toEqual({
			code: 400,
			msg: 'asset_id cannot be null or empty',
			data: null,
		});
		expect((await sync({ asset_id: '  ' })).json.msg).toBe('asset_id cannot be null or empty');
		expect((await sync({ asset_id: 're_404' })).json).toEqual(AMBIGUOUS);
		expect((await sync({ asset_id: assetId, model: 'whisper-9' })).json).toEqual(AMBIGUOUS);
		expect((await sync({ asset_id: assetId, speaker: 'yes' })).status).toBe(400);
		const notJson = await api(sim, 'POST', '/transcriptions/sync-generate-audio', {
			body: '{nope',
			headers: { 'content-type': 'application/json' },
		});
		expect(notJson.status).toBe(400);
	});

	it('answers the ambiguous 400 for an asset that is not SUCCESS yet, and for a FAILED one', async () => {
		sim.configure({ assetReadyMs: 300 });
		const realClock = sim.now;
		const clock = steppedClock(sim);
		try {
			const waiting = await uploadWav(sim, { seconds: 2, fileName: 'slow.wav' });
			const failed = await uploadWav(sim, { seconds: 2, fileName: 'fail.wav' });
			expect((await sync({ asset_id: waiting })).json).toEqual(AMBIGUOUS);
			clock.advance(320);
			expect((await sync({ asset_id: waiting })).status).toBe(200);
			expect((await sync({ asset_id: failed })).json).toEqual(AMBIGUOUS);
		} finally {
			sim.now = realClock;
			sim.configure({ assetReadyMs: 0 });
		}
	});

	it('refuses async calls with no webhook configured', async () => {
		const response = await sync({ asset_id: assetId }, 'async-generate-audio');
		expect(response.json).toEqual({
			code: 400,
			msg: 'An async request requires at least one webhook.',
			data: null,
		});
		expect(sim.stats().tasks).toHaveLength(0);
	});
});

describe('simulator: code styles', () => {
	it.each([
		['0000', '0000'],
		['200', 200],
		['200-string', '200'],
	])('codeStyle %s gives code %p', async (codeStyle, expected) => {
		const sim = await startFastSimulator({ codeStyle });
		try {
			const assetId = await uploadWav(sim, { seconds: 1 });
			const response = await api(sim, 'GET', `/${assetId}/metadata`);
			expect(response.json.code).toBe(expected);
			expect(response.json).toMatchObject({ success: true, failed: false, msg: 'success' });
		} finally {
			await sim.stop();
		}
	});

	it('can be switched at run time over POST /__admin/config', async () => {
		const sim = await startFastSimulator();
		try {
			const response = await fetch(`${sim.url}/__admin/config`, {
				method: 'POST',
				body: JSON.stringify({ codeStyle: '200' }),
			});
			expect(response.status).toBe(200);
			expect((await api(sim, 'GET', `/${await uploadWav(sim)}/metadata`)).json.code).toBe(200);
			const bad = await fetch(`${sim.url}/__admin/config`, {
				method: 'POST',
				body: JSON.stringify({ codeStyle: 'weird' }),
			});
			expect(bad.status).toBe(400);
		} finally {
			await sim.stop();
		}
	});
});
