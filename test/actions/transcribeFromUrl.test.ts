import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { MediaServer } from '../support/mediaServer';
import { startMediaServer } from '../support/mediaServer';
import type { Mavi } from '../support/maviSim';
import { makeWav, seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe } from '../support/runMavi';
import { SEGMENT_ITEM_KEYS } from '../support/segmentKeys';

jest.setTimeout(60_000);

let mavi: Mavi;
let media: MediaServer;
let url: string;
let assetId: string;

beforeAll(async () => {
	mavi = await startMavi({ speakers: 2 });
	media = await startMediaServer();
	url = media.add('meeting.wav', makeWav(12));
	assetId = await seedAsset(mavi, { seconds: 12, fileName: 'meeting.wav' });
});

afterAll(async () => {
	await mavi.stop();
	await media.stop();
});

function fromUrl(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'transcription',
		operation: 'transcribeFromUrl',
		source: 'url',
		url,
		provider: 'elevenlabs',
		languageCode: '',
		speaker: false,
		output: 'segments',
		options: {},
		...extra,
	};
}

async function segmentsOf(parameters: INodeParameters): Promise<IDataObject[]> {
	const result = await runTranscribe(parameters, mavi.credentials);
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json);
}

const timesAndText = (items: IDataObject[]) =>
	items.map(({ start_time, end_time, text, speaker }) => ({ start_time, end_time, text, speaker }));

describe('Transcribe from URL against the simulator', () => {
	let whisper: IDataObject[];

	beforeAll(async () => {
		whisper = await segmentsOf({
			resource: 'transcription',
			operation: 'transcribeAndWait',
			assetId,
			model: 'whisper-1',
			speaker: true,
			output: 'segments',
		});
	});

	it.each([
		['elevenlabs', 'en'],
		['assemblyai', 'en_us'],
	])(
		'%s with speakers: segments in seconds, speakers, language_code',
		async (provider, language) => {
			const items = await segmentsOf(fromUrl({ provider, speaker: true }));
			// The same media gives the Whisper timeline: words regrouped into the same sentences.
			expect(timesAndText(items)).toEqual(timesAndText(whisper));
			items.forEach((item, index) => {
				expect(Object.keys(item).sort()).toEqual([...SEGMENT_ITEM_KEYS, 'language_code'].sort());
				expect(item).toMatchObject({
					task_id: null,
					segment_index: index,
					segment_count: items.length,
					language_code: language,
					speaker: expect.stringMatching(/^SPEAKER_0[01]$/),
				});
			});
			expect(items[items.length - 1].end_time).toBeLessThanOrEqual(12);
			expect(new Set(items.map((item) => item.speaker)).size).toBe(2);
			expect(lastCall()).toMatchObject({ provider, url, speakers: true });
		},
	);

	it.each(['elevenlabs', 'assemblyai'])('%s without speakers: speaker null', async (provider) => {
		const items = await segmentsOf(fromUrl({ provider, languageCode: ' DE ' }));
		expect(items.length).toBe(whisper.length);
		for (const item of items) expect(item).toMatchObject({ speaker: null, language_code: 'de' });
		expect(lastCall()).toMatchObject({ provider, language_code: 'de', speakers: false });
	});

	it('sends each provider its own option names', async () => {
		await segmentsOf(fromUrl({ provider: 'assemblyai', speaker: true, numSpeakers: 1 }));
		expect(lastCall().body).toEqual({
			provider: 'assemblyai',
			url,
			speaker_labels: true,
			speakers_expected: 1,
		});
		const items = await segmentsOf(
			fromUrl({ speaker: true, numSpeakers: 1, options: { tagAudioEvents: false } }),
		);
		expect(lastCall().body).toEqual({
			provider: 'elevenlabs',
			url,
			diarize: true,
			num_speakers: 1,
			timestamps_granularity: 'word',
			tag_audio_events: false,
		});
		// One expected speaker: the simulator then has only SPEAKER_00.
		expect(new Set(items.map((item) => item.speaker))).toEqual(new Set(['SPEAKER_00']));
	});

	it('transcribes an uploaded asset too, as one transcript item', async () => {
		const [transcript] = await segmentsOf(
			fromUrl({ source: 'assetId', assetId, speaker: true, output: 'transcript' }),
		);
		expect(transcript).toMatchObject({
			task_id: null,
			speakers: ['SPEAKER_00', 'SPEAKER_01'],
			language_code: 'en',
			segment_count: whisper.length,
		});
		expect(lastCall()).toMatchObject({ asset_id: assetId, url: null });
	});

	it('an unreachable URL is an API error on the item, not a TypeError', async () => {
		const result = await runTranscribe(
			fromUrl({ url: media.url('missing.mp3') }),
			mavi.credentials,
		);
		expect(result.thrownError).toBeInstanceOf(NodeApiError);
		expect(result.thrownError?.context?.itemIndex).toBe(0);
		expect(result.error?.message).toContain('Could not download the file from url: HTTP 404');
	});
});

function lastCall(): IDataObject {
	const calls = (mavi.sim.stats() as unknown as { speechToText: IDataObject[] }).speechToText;
	return calls[calls.length - 1];
}

describe('Transcribe from URL input checks (before any request)', () => {
	it.each([
		[{ url: 'ftp://example.com/a.mp3' }, '"URL" field must start with http'],
		[{ url: '={{ $json.missing ?? "" }}' }, '"URL" field is empty'],
		[{ url: 'not a url' }, '"URL" field is not a valid URL'],
		[{ languageCode: 'english' }, '"Language" field must be an ISO 639-1 code'],
		[
			{ speaker: '={{ "false" }}' },
			'"Identify Speakers" field must be true or false, got the text "false"',
		],
		[{ speaker: true, numSpeakers: 2.5 }, '"Number of Speakers" field must be a whole number'],
		[{ source: 'assetId', assetId: 'abc' }, '"Asset ID" field must look like re_'],
	])('%j is refused naming the field', async (extra, message) => {
		const before = mavi.sim.stats().requests;
		const result = await runTranscribe(fromUrl(extra as INodeParameters), mavi.credentials);
		expect(result.thrownError).toBeInstanceOf(NodeOperationError);
		expect(result.thrownError?.context?.itemIndex).toBe(0);
		expect(result.error?.message).toContain(message);
		expect(mavi.sim.stats().requests).toBe(before);
	});
});
