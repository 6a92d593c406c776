import { formatTimestamp, toSrt, toVtt } from '../../nodes/Mavi/helpers/subtitles';
import type { TimedCue } from '../../nodes/Mavi/helpers/subtitles';

const segments: TimedCue[] = [
	{ start_time: 0, end_time: 2.5, text: 'Oh', speaker: null },
	{ start_time: 3661.0015, end_time: 3662.9996, text: 'Later', speaker: 'SPEAKER_01' },
	{ start_time: 4000, end_time: 4001, text: null, speaker: 'SPEAKER_00' },
];

describe('subtitles helpers', () => {
	it.each([
		[0, ',', '00:00:00,000'],
		[2.5, '.', '00:00:02.500'],
		[59.9996, ',', '00:01:00,000'],
		[3661.0015, ',', '01:01:01,002'],
		[-4, '.', '00:00:00.000'],
		[360000, ',', '100:00:00,000'],
	] as Array<[number, ',' | '.', string]>)(
		'formatTimestamp(%p, %p) = %p',
		(seconds, separator, expected) => {
			expect(formatTimestamp(seconds, separator)).toBe(expected);
		},
	);

	it('toSrt numbers cues and prefixes speakers', () => {
		expect(toSrt(segments)).toBe(
			'1\n00:00:00,000 --> 00:00:02,500\nOh\n\n' +
				'2\n01:01:01,002 --> 01:01:03,000\nSPEAKER_01: Later\n\n' +
				'3\n01:06:40,000 --> 01:06:41,000\nSPEAKER_00\n\n',
		);
	});

	it('toVtt uses voice tags', () => {
		expect(toVtt(segments)).toBe(
			'WEBVTT\n\n' +
				'00:00:00.000 --> 00:00:02.500\nOh\n\n' +
				'01:01:01.002 --> 01:01:03.000\n<v SPEAKER_01>Later\n\n' +
				'01:06:40.000 --> 01:06:41.000\n<v SPEAKER_00>\n\n',
		);
	});

	it('empty input gives empty subtitles', () => {
		expect(toSrt([])).toBe('');
		expect(toVtt([])).toBe('WEBVTT\n\n');
	});

	it('rule 7: WebVTT cue text and voice names are escaped', () => {
		const vtt = toVtt([
			{ start_time: 0, end_time: 1, text: 'a <b> & c --> d', speaker: 'Tom & <Jerry>' },
		]);
		expect(vtt).toBe(
			'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v Tom &amp; &lt;Jerry&gt;>a &lt;b&gt; &amp; c --&gt; d\n\n',
		);
		expect(vtt.match(/-->/g)).toHaveLength(1);
	});

	it('rule 7: no empty SRT cues, and the numbering stays continuous', () => {
		const srt = toSrt([
			{ start_time: 0, end_time: 1, text: 'one', speaker: null },
			{ start_time: 1, end_time: 2, text: '  ', speaker: null },
			{ start_time: 2, end_time: 3, text: null, speaker: null },
			{ start_time: 3, end_time: 4, text: 'two', speaker: null },
		]);
		expect(srt).toBe(
			'1\n00:00:00,000 --> 00:00:01,000\none\n\n2\n00:00:03,000 --> 00:00:04,000\ntwo\n\n',
		);
	});

	it('a blank line inside a text cannot end a cue early', () => {
		const srt = toSrt([{ start_time: 0, end_time: 1, text: 'a\n\n\nb', speaker: null }]);
		expect(srt).toBe('1\n00:00:00,000 --> 00:00:01,000\na\nb\n\n');
	});
});
