import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { MediaServer } from '../support/mediaServer';
import { startMediaServer } from '../support/mediaServer';
import type { Mavi } from '../support/maviSim';
import { makeWav, startMavi } from '../support/maviSim';
import { runTranscribe } from '../support/runMavi';

jest.setTimeout(60_000);

let mavi: Mavi;
let media: MediaServer;
let url: string;

beforeAll(async () => {
	mavi = await startMavi({ speakers: 2 });
	media = await startMediaServer();
	url = media.add('call.wav', makeWav(12));
});

afterAll(async () => {
	await mavi.stop();
	await media.stop();
});

const fromUrl = (provider: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'transcription',
	operation: 'transcribeFromUrl',
	source: 'url',
	url,
	provider,
	languageCode: '',
	speaker: false,
	output: 'transcript',
	options: {},
	...extra,
});

/** Runs the operation; returns the one transcript item and the body the simulator received. */
async function run(parameters: INodeParameters) {
	const result = await runTranscribe(parameters, mavi.credentials);
	expect(result.error).toBeUndefined();
	const calls = (mavi.sim.stats() as unknown as { speechToText: IDataObject[] }).speechToText;
	return { item: result.items[0].json, body: calls[calls.length - 1].body as IDataObject };
}

describe('Transcribe From URL: AssemblyAI options', () => {
	it('PII Redaction sends redact_pii with its policies; the result keeps what came back', async () => {
		const { body, item } = await run(
			fromUrl('assemblyai', {
				languageCode: 'en_us',
				options: {
					redactPii: true,
					redactPiiPolicies: ['person_name', 'phone_number'],
					autoChapters: true,
					summarization: true,
					entityDetection: true,
					speechModel: 'slam-1',
					wordBoost: 'Mavi, n8n',
					customSpelling: 'Ariana|Aryana=Arianna',
				},
			}),
		);
		expect(body).toMatchObject({
			provider: 'assemblyai',
			language_code: 'en_us',
			redact_pii: true,
			redact_pii_policies: ['person_name', 'phone_number'],
			auto_chapters: true,
			summarization: true,
			entity_detection: true,
			speech_model: 'slam-1',
			word_boost: ['Mavi', 'n8n'],
			custom_spelling: [{ from: ['Ariana', 'Aryana'], to: 'Arianna' }],
		});
		expect(item).toMatchObject({
			language_code: 'en_us',
			chapters: expect.arrayContaining([expect.objectContaining({ headline: 'Chapter 1' })]),
			summary: expect.any(String),
			entities: [expect.objectContaining({ text: 'Mavi' })],
			redact_pii: true,
		});
		expect(item).not.toHaveProperty('words');
	});

	it('Additional Provider Fields are sent unchanged', async () => {
		const { body } = await run(
			fromUrl('assemblyai', { options: { additionalFields: '{"foo": 1, "bar": {"x": [2]}}' } }),
		);
		expect(body).toMatchObject({ foo: 1, bar: { x: [2] } });
	});

	it.each([
		['{"foo": ', 'is not valid JSON'],
		['[1]', 'must be a JSON object'],
		['{"url": "https://elsewhere"}', 'may not set url'],
	])('Additional Provider Fields %s is refused before any request', async (json, message) => {
		const before = mavi.sim.stats().requests;
		const result = await runTranscribe(
			fromUrl('assemblyai', { options: { additionalFields: json } }),
			mavi.credentials,
		);
		expect(result.error?.message).toContain(message);
		expect(mavi.sim.stats().requests).toBe(before);
	});
});

describe('Transcribe From URL: ElevenLabs options and languages', () => {
	it('model, timestamps granularity and translation fields are sent as documented', async () => {
		const { body } = await run(
			fromUrl('elevenlabs', {
				options: {
					modelId: 'scribe_v1',
					timestampsGranularity: 'segment',
					sourceLang: 'de',
					targetLang: 'en',
				},
			}),
		);
		expect(body).toMatchObject({
			model_id: 'scribe_v1',
			timestamps_granularity: 'segment',
			source_lang: 'de',
			target_lang: 'en',
		});
		expect(body).not.toHaveProperty('redact_pii');
	});

	it('a Japanese answer gives segments without inserted spaces, split at 。', async () => {
		const result = await runTranscribe(
			fromUrl('elevenlabs', { languageCode: 'ja', output: 'segments' }),
			mavi.credentials,
		);
		expect(result.error).toBeUndefined();
		const texts = result.items.map((item) => item.json.text as string);
		expect(texts.length).toBeGreaterThan(1);
		for (const text of texts) {
			expect(text).not.toContain(' ');
			expect(text).toMatch(/^[^。]+。$/);
		}
		expect(texts[0]).toBe('今日はいい天気ですね。');
	});

	it.each(['en_us', 'pt-BR', 'yue'])('Language %s is accepted and sent', async (code) => {
		const { body } = await run(fromUrl('elevenlabs', { languageCode: code }));
		expect(body.language_code).toBe(code.toLowerCase());
	});
});
