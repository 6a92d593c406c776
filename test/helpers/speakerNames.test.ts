import { parseSpeakerNames } from '../../nodes/Mavi/helpers/speakerNames';
import { transcriptItems } from '../../nodes/Mavi/helpers/transcriptItems';
import { WHISPER_KEYS } from '../../nodes/Mavi/helpers/transcriptTypes';
import type { TranscriptMeta } from '../../nodes/Mavi/helpers/transcriptTypes';

const meta: TranscriptMeta = { taskId: 't1', model: 'whisper-1', audioDuration: 9 };
const entries = [
	{ start_time: 0, end_time: 2, text: 'Hello.', speaker: 'SPEAKER_00' },
	{ start_time: 2, end_time: 4, text: 'Hi.', speaker: 'SPEAKER_01' },
	{ start_time: 4, end_time: 6, text: 'Bye.', speaker: 'SPEAKER_02' },
	// Odd (time as text): read by the lenient path, renamed all the same.
	{ start_time: '6', end_time: 8, text: 'Ok.', speaker: 'SPEAKER_00' },
];

function names(text: unknown) {
	const checked = parseSpeakerNames(text);
	if (!checked.ok) throw new Error(checked.error);
	return checked.value;
}

describe('Speaker Names', () => {
	it.each([
		['SPEAKER_00=Alice, SPEAKER_01=Bob', { SPEAKER_00: 'Alice', SPEAKER_01: 'Bob' }],
		[
			' SPEAKER_00 = Dr. Alice Smith \n SPEAKER_01=Bob;',
			{ SPEAKER_00: 'Dr. Alice Smith', SPEAKER_01: 'Bob' },
		],
		[{ SPEAKER_00: 'Alice' }, { SPEAKER_00: 'Alice' }],
	])('reads %j', (raw, expected) => {
		expect(Object.fromEntries(names(raw) ?? [])).toEqual(expected);
	});

	it.each(['', null, undefined, ' , '])('%j means no names', (raw) => {
		expect(names(raw)).toBeUndefined();
	});

	it.each([
		['SPEAKER_00=Alice, SPEAKER_01 Bob', '"SPEAKER_01 Bob" is not label=name'],
		['SPEAKER_00=Alice, =Bob', '"=Bob" has no label'],
		['SPEAKER_00=', '"SPEAKER_00=" has no name'],
		['SPEAKER_00=Alice, SPEAKER_00=Bob', 'names SPEAKER_00 twice'],
		[{ SPEAKER_00: 3 }, '"SPEAKER_00=3" has no name'],
		[['SPEAKER_00=Alice'], 'must be text like SPEAKER_00=Alice'],
	])('%j is refused: %s', (raw, message) => {
		const checked = parseSpeakerNames(raw);
		expect(checked).toEqual({ ok: false, error: expect.stringContaining(message) });
		if (!checked.ok) expect(checked.error).toMatch(/^The "Speaker Names" option/);
	});

	const map = names('SPEAKER_00=Alice, SPEAKER_01=Bob');

	it('renames segment and turn items; unmapped labels stay', () => {
		const segments = transcriptItems(entries, WHISPER_KEYS, meta, 'segments', map);
		expect(segments.map((item) => item.speaker)).toEqual(['Alice', 'Bob', 'SPEAKER_02', 'Alice']);
		const turns = transcriptItems(entries, WHISPER_KEYS, meta, 'speakerTurns', map);
		expect(turns.map((item) => item.speaker)).toEqual(['Alice', 'Bob', 'SPEAKER_02', 'Alice']);
	});

	it('renames every place of the transcript item: speakers, segments, SRT, WebVTT, text', () => {
		const [item] = transcriptItems(entries, WHISPER_KEYS, meta, 'transcript', map);
		expect(item.speakers).toEqual(['Alice', 'Bob', 'SPEAKER_02']);
		expect((item.segments as Array<{ speaker: string }>).map((s) => s.speaker)).toEqual([
			'Alice',
			'Bob',
			'SPEAKER_02',
			'Alice',
		]);
		expect(item.srt).toContain('Alice: Hello.');
		expect(item.srt).toContain('Bob: Hi.');
		expect(item.vtt).toContain('<v Alice>Hello.');
		expect(item.vtt).toContain('<v Bob>Hi.');
		expect(item.text_with_timestamps).toBe(
			'[00:00:00] Alice: Hello.\n[00:00:02] Bob: Hi.\n[00:00:04] SPEAKER_02: Bye.\n[00:00:06] Alice: Ok.',
		);
		expect(JSON.stringify(item)).not.toMatch(/SPEAKER_0[01]/);
	});
});
