'use strict';

const http = require('node:http');
const { startFastSimulator, api, uploadWav } = require('./support');
const { makeWav } = require('../../tools/mavi-simulator/wav');

describe('simulator: POST /transcriptions/speech-to-text', () => {
	let sim;
	let host;
	let mediaUrl;
	let assetId;
	beforeAll(async () => {
		sim = await startFastSimulator({ speakers: 2 });
		const wav = makeWav({ seconds: 20 });
		host = http.createServer((req, res) => {
			if (req.url !== '/talk.wav') return res.writeHead(404).end();
			res.writeHead(200, { 'content-type': 'audio/wav' }).end(wav);
		});
		await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
		mediaUrl = `http://127.0.0.1:${host.address().port}/talk.wav`;
		assetId = await uploadWav(sim, { seconds: 20 });
	});
	afterAll(async () => {
		await sim.stop();
		await new Promise((resolve) => host.close(resolve));
	});

	const stt = (json) => api(sim, 'POST', '/transcriptions/speech-to-text', { json });

	it('ElevenLabs (default): words in seconds with spacing entries and speaker_id', async () => {
		const response = await stt({ url: mediaUrl, diarize: true });
		expect(response.status).toBe(200);
		const data = response.json.data;
		expect(data).toMatchObject({ language_code: 'en', text: expect.any(String) });
		const words = data.words.filter((word) => word.type === 'word');
		expect(data.words.some((word) => word.type === 'spacing')).toBe(true);
		for (const word of words) {
			expect(Object.keys(word).sort()).toEqual(['end', 'speaker_id', 'start', 'text', 'type']);
			expect(word.speaker_id).toMatch(/^speaker_[01]$/);
			expect(word.end).toBeGreaterThanOrEqual(word.start);
		}
		expect(words[words.length - 1].end).toBe(20);
		expect(words.map((word) => word.text).join(' ')).toBe(data.text);
	});

	it('AssemblyAI: words in milliseconds with speaker letters and utterances', async () => {
		const response = await stt({
			provider: 'assemblyai',
			source_url: mediaUrl,
			speaker_labels: true,
			language_code: 'de',
		});
		expect(response.status).toBe(200);
		const data = response.json.data;
		expect(data).toMatchObject({ status: 'completed', language_code: 'de', audio_duration: 20 });
		expect(data.words[data.words.length - 1].end).toBe(20000);
		for (const word of data.words) {
			expect(Number.isInteger(word.start) && Number.isInteger(word.end)).toBe(true);
			expect(word.speaker).toMatch(/^[AB]$/);
		}
		expect(data.utterances.length).toBeGreaterThan(1);
	});

	it('an asset gives the same words as its URL; no speakers means none in the words', async () => {
		const fromAsset = await stt({ asset_id: assetId, provider: 'assemblyai' });
		const fromUrl = await stt({ url: mediaUrl, provider: 'assemblyai' });
		const strip = (data) => data.words.map(({ text, start, end }) => [text, start, end]);
		expect(strip(fromAsset.json.data)).toEqual(strip(fromUrl.json.data));
		expect(fromAsset.json.data.utterances).toBeNull();
		expect(fromAsset.json.data.words.every((word) => word.speaker === null)).toBe(true);
	});

	it('num_speakers caps the speakers', async () => {
		const response = await stt({ url: mediaUrl, diarize: true, num_speakers: 1 });
		const speakers = new Set(response.json.data.words.map((word) => word.speaker_id));
		expect([...speakers]).toEqual(['speaker_0']);
	});

	// MEDIA stands for the media URL, known only once the host listens.
	it.each([
		[{}, 'One of asset_id, url or source_url is required'],
		[{ url: 'MEDIA', provider: 'whisper' }, 'provider must be one of elevenlabs, assemblyai'],
		[{ url: 'file:///etc/passwd' }, 'url must be a valid http(s) URL'],
		[{ url: 'MEDIA-gone' }, 'Could not download the file from url: HTTP 404'],
		[{ asset_id: 're_1' }, 'Request has exceeded the limit.'],
		[{ url: 'MEDIA', diarize: 'yes' }, 'diarize must be a boolean'],
		[{ url: 'MEDIA', num_speakers: 0 }, 'num_speakers must be an integer from 1 to 32'],
	])('%j answers 400 %s', async (json, msg) => {
		const url = json.url && json.url.replace('MEDIA', mediaUrl);
		const response = await stt({ ...json, ...(url ? { url } : {}) });
		expect(response.status).toBe(400);
		expect(response.json).toEqual({ code: 400, msg, data: null });
	});

	it('records what each call asked for', () => {
		const calls = sim.stats().speechToText;
		expect(calls[0]).toMatchObject({ provider: 'elevenlabs', url: mediaUrl, speakers: true });
		expect(calls.some((call) => call.asset_id === assetId)).toBe(true);
	});
});
