import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { MediaServer } from '../support/mediaServer';
import { startMediaServer } from '../support/mediaServer';
import type { Mavi } from '../support/maviSim';
import { makeWav, seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe } from '../support/runMavi';
import { callWebhook, freshWorkflowId } from '../trigger/fakeWebhook';
import { transcriptionCallback } from '../trigger/fixtures';

jest.setTimeout(60_000);

let mavi: Mavi;
let media: MediaServer;
let assetId: string;
const NAMES = 'SPEAKER_00=Alice, SPEAKER_01=Bob';

beforeAll(async () => {
	mavi = await startMavi({ speakers: 2 });
	media = await startMediaServer();
	assetId = await seedAsset(mavi, { seconds: 20, fileName: 'meeting.wav' });
});

afterAll(async () => {
	await mavi.stop();
	await media.stop();
});

/** Every place a transcript item shows a speaker says Alice or Bob, never the label. */
function expectNamedEverywhere(item: IDataObject) {
	expect(item.speakers).toEqual(expect.arrayContaining(['Alice', 'Bob']));
	expect((item.speakers as string[]).every((s) => s === 'Alice' || s === 'Bob')).toBe(true);
	expect(item.srt).toMatch(/\n(Alice|Bob): /);
	expect(item.vtt).toMatch(/<v (Alice|Bob)>/);
	expect(item.text_with_timestamps).toMatch(/^\[00:00:00\] (Alice|Bob): /);
	expect(JSON.stringify(item)).not.toContain('SPEAKER_0');
}

/** Transcribe and Wait with speakers, the given Output and Speaker Names. */
const waitFor = (output: string, speakerNames: string): INodeParameters => ({
	resource: 'transcription',
	operation: 'transcribeAndWait',
	assetId,
	model: 'whisper-1',
	speaker: true,
	output,
	options: { speakerNames },
});

describe('Speaker Names on the operations', () => {
	it('Transcribe and Wait, Output Transcript: speakers, SRT, VTT and text all name the speakers', async () => {
		const result = await runTranscribe(waitFor('transcript', NAMES), mavi.credentials);
		expect(result.error).toBeUndefined();
		expectNamedEverywhere(result.items[0].json);
	});

	it('Diarize and Wait, speaker turns: a label left out of the mapping stays as sent', async () => {
		const result = await runTranscribe(
			{
				resource: 'speaker',
				operation: 'diarizeAndWait',
				assetId,
				output: 'speakerTurns',
				options: { speakerNames: 'SPEAKER_01=Bob' },
			},
			mavi.credentials,
		);
		expect(result.error).toBeUndefined();
		const speakers = new Set(result.items.map((item) => item.json.speaker));
		expect(speakers).toEqual(new Set(['SPEAKER_00', 'Bob']));
	});

	it('Transcribe From URL names the provider labels too', async () => {
		const url = media.add('names.wav', makeWav(20));
		const result = await runTranscribe(
			{
				resource: 'transcription',
				operation: 'transcribeFromUrl',
				source: 'url',
				url,
				provider: 'assemblyai',
				speaker: true,
				numSpeakers: 2,
				output: 'transcript',
				options: { speakerNames: NAMES },
			},
			mavi.credentials,
		);
		expect(result.error).toBeUndefined();
		expectNamedEverywhere(result.items[0].json);
	});

	it('a malformed mapping is an error naming the entry, and nothing is sent to Mavi', async () => {
		const before = mavi.sim.stats().requests;
		const malformed = 'SPEAKER_00=Alice, SPEAKER_01 Bob';
		const result = await runTranscribe(waitFor('segments', malformed), mavi.credentials);
		expect(result.error?.message).toBe(
			'The "Speaker Names" option: "SPEAKER_01 Bob" is not label=name',
		);
		expect(mavi.sim.stats().requests).toBe(before);
	});
});

describe('Speaker Names on the trigger', () => {
	const body = transcriptionCallback('5e8f2c1a9b7d4e6f8a0b1c2d3e4f5a6b', [
		{ start_time: 0, end_time: 1, text: ' Hello.', speaker: 'SPEAKER_00' },
		{ start_time: 1, end_time: 2, text: ' Hi.', speaker: 'SPEAKER_01' },
	]);

	it('names segment items and every place of the transcript item', async () => {
		const segments = await callWebhook({
			body,
			parameters: { options: { speakerNames: NAMES } },
			workflowId: freshWorkflowId(),
		});
		expect(segments.items.map((item) => item.json.speaker)).toEqual(['Alice', 'Bob']);
		const transcript = await callWebhook({
			body,
			parameters: { output: 'transcript', options: { speakerNames: NAMES } },
			workflowId: freshWorkflowId(),
		});
		expectNamedEverywhere(transcript.items[0].json);
	});

	it('a malformed mapping keeps the labels as sent and says why, never loses the result', async () => {
		const outcome = await callWebhook({
			body,
			parameters: { options: { speakerNames: 'SPEAKER_00:Alice' } },
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items.map((item) => item.json.speaker)).toEqual(['SPEAKER_00', 'SPEAKER_01']);
		expect(outcome.items[0].json.warnings).toEqual([
			'The "Speaker Names" option: "SPEAKER_00:Alice" is not label=name',
		]);
		expect(outcome.logLines).toContainEqual(expect.stringContaining('"SPEAKER_00:Alice"'));
	});
});
