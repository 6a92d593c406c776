import type { IDataObject } from 'n8n-workflow';

import type { Mavi } from '../support/maviSim';
import { seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe, transcriptionStart } from '../support/runMavi';
import { SEGMENT_ITEM_KEYS } from '../support/segmentKeys';

jest.setTimeout(30_000);

let mavi: Mavi;
let assetId: string;

beforeAll(async () => {
	mavi = await startMavi({ speakers: 2 });
	assetId = await seedAsset(mavi, { seconds: 12, fileName: 'meeting.wav' });
});

afterAll(async () => {
	await mavi.stop();
});

describe('Transcription operations against the simulator', () => {
	it('Start returns the task and the simulator records it', async () => {
		const result = await runTranscribe(transcriptionStart(assetId, true), mavi.credentials);
		expect(result.error).toBeUndefined();
		const output = result.items[0].json;
		expect(output).toEqual({
			task_id: expect.stringMatching(/^[0-9a-f]{32}$/),
			asset_id: assetId,
			model: 'whisper-1',
			speaker: true,
		});
		expect(mavi.sim.stats().tasks).toContainEqual(
			expect.objectContaining({ task_id: output.task_id, asset_id: assetId, kind: 'audio' }),
		);
	});

	it("Transcribe and Wait outputs one item per segment, in the trigger's item shape", async () => {
		const result = await runTranscribe(
			{
				resource: 'transcription',
				operation: 'transcribeAndWait',
				assetId,
				model: 'whisper-1',
				speaker: true,
				output: 'segments',
			},
			mavi.credentials,
			{ inputItems: [{ json: { source: 'a' } }] },
		);
		expect(result.error).toBeUndefined();
		const items = result.items.map((item) => item.json);
		expect(items.length).toBeGreaterThan(1);
		items.forEach((item, index) => {
			expect(Object.keys(item).sort()).toEqual(SEGMENT_ITEM_KEYS);
			expect(item).toMatchObject({
				task_id: null,
				segment_index: index,
				segment_count: items.length,
				model: 'whisper-1',
				speaker: expect.stringMatching(/^SPEAKER_\d\d$/),
			});
			expect(typeof item.text).toBe('string');
			expect((item.text as string).trim()).toBe(item.text);
			expect(item.end_time as number).toBeGreaterThan(item.start_time as number);
		});
		expect(result.pairedItems.every((paired) => (paired as IDataObject).item === 0)).toBe(true);
	});

	it('Transcribe and Wait can output one transcript item with SRT and WebVTT', async () => {
		const result = await runTranscribe(
			{
				resource: 'transcription',
				operation: 'transcribeAndWait',
				assetId,
				model: 'whisper-1',
				speaker: false,
				output: 'transcript',
			},
			mavi.credentials,
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const transcript = result.items[0].json;
		expect(transcript).toMatchObject({
			task_id: null,
			text: expect.any(String),
			speakers: [],
			model: 'whisper-1',
			srt: expect.stringContaining(' --> '),
			vtt: expect.stringMatching(/^WEBVTT\n\n/),
		});
		const segments = transcript.segments as IDataObject[];
		expect(segments.length).toBe(transcript.segment_count);
		expect(segments[0]).toEqual({
			start_time: expect.any(Number),
			end_time: expect.any(Number),
			text: expect.any(String),
			speaker: null,
		});
		expect((transcript.text as string).length).toBeGreaterThan(0);
	});
});

describe('Speaker operations against the simulator', () => {
	it('Diarize and Wait outputs speaker segments without text', async () => {
		const result = await runTranscribe(
			{ resource: 'speaker', operation: 'diarizeAndWait', assetId, output: 'segments' },
			mavi.credentials,
		);
		expect(result.error).toBeUndefined();
		const items = result.items.map((item) => item.json);
		expect(items.length).toBeGreaterThan(0);
		for (const item of items) {
			expect(Object.keys(item).sort()).toEqual(SEGMENT_ITEM_KEYS);
			expect(item).toMatchObject({ task_id: null, text: null, model: 'pyannote' });
			expect(item.speaker).toMatch(/^SPEAKER_\d\d$/);
		}
		expect(new Set(items.map((item) => item.speaker)).size).toBe(2);
	});

	it('Diarize and Wait as a transcript lists the speakers', async () => {
		const result = await runTranscribe(
			{ resource: 'speaker', operation: 'diarizeAndWait', assetId, output: 'transcript' },
			mavi.credentials,
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			task_id: null,
			text: '',
			speakers: ['SPEAKER_00', 'SPEAKER_01'],
			srt: expect.stringContaining('SPEAKER_0'),
		});
	});

	it('Start (speaker) returns the task id and asset id', async () => {
		const result = await runTranscribe(
			{ resource: 'speaker', operation: 'start', assetId },
			mavi.credentials,
		);
		expect(result.error).toBeUndefined();
		const output = result.items[0].json;
		expect(output).toEqual({ task_id: expect.stringMatching(/^[0-9a-f]{32}$/), asset_id: assetId });
		expect(mavi.sim.stats().tasks).toContainEqual(
			expect.objectContaining({ task_id: output.task_id, kind: 'speaker' }),
		);
	});
});
