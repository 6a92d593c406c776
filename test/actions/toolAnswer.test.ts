import type { INodeParameters } from 'n8n-workflow';

import type { MediaServer } from '../support/mediaServer';
import { startMediaServer } from '../support/mediaServer';
import type { Mavi } from '../support/maviSim';
import { makeWav, seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe } from '../support/runMavi';

jest.setTimeout(60_000);

let mavi: Mavi;
let media: MediaServer;
let assetId: string;

beforeAll(async () => {
	mavi = await startMavi({ speakers: 2 });
	media = await startMediaServer();
	assetId = await seedAsset(mavi, { seconds: 30, fileName: 'standup.wav' });
});

afterAll(async () => {
	await mavi.stop();
	await media.stop();
});

const fromUrl = (url: string, options = {}): INodeParameters => ({
	resource: 'transcription',
	operation: 'transcribeFromUrl',
	source: 'url',
	url,
	provider: 'elevenlabs',
	speaker: true,
	output: 'transcript',
	options,
});

describe('the answer to an AI Agent (the node run as a tool)', () => {
	it('Transcribe From URL answers text_with_timestamps, language, duration and speakers only', async () => {
		const url = media.add('tool.wav', makeWav(30));
		const tool = await runTranscribe(fromUrl(url), mavi.credentials, { asTool: true });
		expect(tool.error).toBeUndefined();
		expect(tool.items).toHaveLength(1);
		const answer = tool.items[0].json;
		expect(Object.keys(answer).sort()).toEqual([
			'audio_duration',
			'language_code',
			'speakers',
			'text_with_timestamps',
		]);
		expect(answer).toMatchObject({ language_code: 'en', speakers: ['SPEAKER_00', 'SPEAKER_01'] });
		// The same words as the full item, in a fraction of its size.
		const full = await runTranscribe(fromUrl(url), mavi.credentials);
		expect(answer.text_with_timestamps).toBe(full.items[0].json.text_with_timestamps);
		expect(JSON.stringify(answer).length).toBeLessThan(
			JSON.stringify(full.items[0].json).length / 3,
		);
	});

	it('is compact whatever the Output; "Full Output" gives the chosen Output as before', async () => {
		const url = media.add('tool-segments.wav', makeWav(30));
		const segments = { ...fromUrl(url), output: 'segments' };
		const compact = await runTranscribe(segments, mavi.credentials, { asTool: true });
		expect(compact.items).toHaveLength(1);
		expect(compact.items[0].json).toHaveProperty('text_with_timestamps');
		const full = await runTranscribe(
			{ ...segments, options: { toolAnswer: 'full' } },
			mavi.credentials,
			{ asTool: true },
		);
		expect(full.items.length).toBeGreaterThan(1);
		expect(full.items[0].json).toHaveProperty('segment_index', 0);
	});

	it('Transcribe and Wait as a tool answers compactly too; as a node it is unchanged', async () => {
		const parameters: INodeParameters = {
			resource: 'transcription',
			operation: 'transcribeAndWait',
			assetId,
			model: 'whisper-1',
			speaker: true,
			output: 'transcript',
		};
		const tool = await runTranscribe(parameters, mavi.credentials, { asTool: true });
		expect(Object.keys(tool.items[0].json).sort()).toEqual([
			'audio_duration',
			'speakers',
			'text_with_timestamps',
		]);
		const node = await runTranscribe(parameters, mavi.credentials);
		expect(node.items[0].json).toHaveProperty('srt');
		expect(node.items[0].json).toHaveProperty('segments');
	});
});
