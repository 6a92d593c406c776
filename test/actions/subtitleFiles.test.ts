import type { IBinaryData, INodeParameters } from 'n8n-workflow';

import { subtitleBaseName } from '../../nodes/Mavi/actions/subtitleFiles';
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
	media.add('Episode 12 (final).mp3', makeWav(6), 'audio/mpeg');
	assetId = await seedAsset(mavi, { seconds: 6, fileName: 'talk.wav' });
});

afterAll(async () => {
	await mavi.stop();
	await media.stop();
});

function text(binary: IBinaryData): string {
	return Buffer.from(binary.data, 'base64').toString('utf8');
}

describe('subtitleBaseName', () => {
	it.each([
		['https://cdn.example.com/podcasts/episode-12.mp3?sig=abc', 'episode-12'],
		['https://example.com/a/Episode%2012%20(final).mp3', 'Episode_12_final'],
		['https://example.com/', 'transcript'],
		['re_657929111888723968', 're_657929111888723968'],
		['016c7052f8224d5c971e35b7d08972fc', '016c7052f8224d5c971e35b7d08972fc'],
		[null, 'transcript'],
		['../../etc/passwd', 'etc_passwd'],
	])('%j -> %s', (source, name) => {
		expect(subtitleBaseName(source)).toBe(name);
	});
});

describe('Attach Subtitle Files', () => {
	it.each<[string, INodeParameters, string]>([
		[
			'Transcribe from URL',
			{
				operation: 'transcribeFromUrl',
				source: 'url',
				provider: 'elevenlabs',
				speaker: true,
			},
			'Episode_12_final',
		],
		[
			'Transcribe and Wait',
			{ operation: 'transcribeAndWait', model: 'whisper-1', speaker: true },
			'',
		],
	])('%s: SRT and WebVTT as binary files named after the source', async (_label, extra, base) => {
		const url = media.url('Episode%2012%20(final).mp3');
		const result = await runTranscribe(
			{
				resource: 'transcription',
				url,
				assetId,
				output: 'transcript',
				options: { attachSubtitles: true },
				...extra,
			},
			mavi.credentials,
		);
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const name = base || assetId;
		expect(item.binary?.subtitles_srt).toMatchObject({
			fileName: `${name}.srt`,
			mimeType: 'application/x-subrip',
			fileExtension: 'srt',
		});
		expect(item.binary?.subtitles_vtt).toMatchObject({
			fileName: `${name}.vtt`,
			mimeType: 'text/vtt',
			fileExtension: 'vtt',
		});
		expect(text(item.binary!.subtitles_srt)).toBe(item.json.srt);
		expect(text(item.binary!.subtitles_vtt)).toBe(item.json.vtt);
		expect(text(item.binary!.subtitles_vtt)).toMatch(/^WEBVTT\n\n00:00:00\.000 --> /);
	});

	it('is off by default and ignored for segment output', async () => {
		for (const parameters of [
			{ output: 'transcript', options: {} },
			{ output: 'segments', options: { attachSubtitles: true } },
		]) {
			const result = await runTranscribe(
				{
					resource: 'transcription',
					operation: 'transcribeAndWait',
					assetId,
					model: 'whisper-1',
					speaker: false,
					...parameters,
				},
				mavi.credentials,
			);
			expect(result.error).toBeUndefined();
			expect(result.items.every((item) => item.binary === undefined)).toBe(true);
		}
	});
});
