import {
	listSpeakers,
	mergeSpeakerTurns,
	toTimestampedText,
} from '../../nodes/Mavi/helpers/segments';
import {
	mapTranscript,
	toSegmentItems,
	toSpeakerTurnItems,
	toTranscriptItem,
} from '../../nodes/Mavi/helpers/transcriptItems';
import type { TranscriptMeta, TranscriptSegment } from '../../nodes/Mavi/helpers/transcriptTypes';

const meta: TranscriptMeta = { taskId: 't1', model: 'whisper-1', audioDuration: 9 };

function seg(
	start: number,
	end: number,
	text: string | null,
	speaker: string | null,
): TranscriptSegment {
	return { start_time: start, end_time: end, text, speaker };
}

const conversation = [
	seg(0, 2.1, 'Hello', 'SPEAKER_00'),
	seg(2.1, 5.3, 'there', 'SPEAKER_00'),
	seg(5.3, 7, 'Hi', 'SPEAKER_01'),
	seg(7, 9, 'Bye', 'SPEAKER_00'),
];

describe('segments helpers', () => {
	it('toSegmentItems: one item per segment, in order, with rounded duration', () => {
		const items = toSegmentItems(conversation, meta);
		expect(items).toHaveLength(4);
		expect(items[1]).toEqual({
			task_id: 't1',
			segment_index: 1,
			segment_count: 4,
			start_time: 2.1,
			end_time: 5.3,
			duration: 3.2,
			text: 'there',
			speaker: 'SPEAKER_00',
			model: 'whisper-1',
			audio_duration: 9,
		});
	});

	it('toSegmentItems: zero segments still give one item', () => {
		expect(toSegmentItems([], meta)).toEqual([
			{
				task_id: 't1',
				segment_index: null,
				segment_count: 0,
				start_time: null,
				end_time: null,
				duration: null,
				text: '',
				speaker: null,
				model: 'whisper-1',
				audio_duration: 9,
			},
		]);
	});

	it('mergeSpeakerTurns merges consecutive segments of one speaker without touching the input', () => {
		const copy = JSON.parse(JSON.stringify(conversation));
		const turns = mergeSpeakerTurns(conversation);
		expect(turns).toEqual([
			seg(0, 5.3, 'Hello there', 'SPEAKER_00'),
			seg(5.3, 7, 'Hi', 'SPEAKER_01'),
			seg(7, 9, 'Bye', 'SPEAKER_00'),
		]);
		expect(conversation).toEqual(copy);
	});

	it('mergeSpeakerTurns keeps text null for diarization and skips empty text', () => {
		expect(mergeSpeakerTurns([seg(0, 1, null, 'A'), seg(1, 2, null, 'A')])).toEqual([
			seg(0, 2, null, 'A'),
		]);
		expect(
			mergeSpeakerTurns([seg(0, 1, '', 'A'), seg(1, 2, 'x', 'A'), seg(2, 3, '', 'A')]),
		).toEqual([seg(0, 3, 'x', 'A')]);
	});

	it('toSpeakerTurnItems numbers the turns', () => {
		const items = toSpeakerTurnItems(conversation, meta);
		expect(items.map((item) => [item.segment_index, item.segment_count, item.duration])).toEqual([
			[0, 3, 5.3],
			[1, 3, 1.7],
			[2, 3, 2],
		]);
	});

	it('listSpeakers lists speakers in order of first appearance', () => {
		expect(listSpeakers(conversation)).toEqual(['SPEAKER_00', 'SPEAKER_01']);
		expect(listSpeakers([seg(0, 1, 'x', null)])).toEqual([]);
	});

	it('toTranscriptItem joins the text and adds subtitles', () => {
		const item = toTranscriptItem(conversation, meta);
		expect(item).toMatchObject({
			task_id: 't1',
			text: 'Hello there Hi Bye',
			segment_count: 4,
			speakers: ['SPEAKER_00', 'SPEAKER_01'],
			audio_duration: 9,
			model: 'whisper-1',
		});
		expect(item.srt.split('\n\n').filter(Boolean)).toHaveLength(4);
		expect(item.vtt.startsWith('WEBVTT\n\n')).toBe(true);
	});

	it('mapTranscript picks the shape by output mode', () => {
		expect(mapTranscript(conversation, meta, 'segments')).toHaveLength(4);
		expect(mapTranscript(conversation, meta, 'speakerTurns')).toHaveLength(3);
		expect(mapTranscript(conversation, meta, 'transcript')).toHaveLength(1);
		expect(mapTranscript([], meta, 'transcript')[0]).toMatchObject({
			text: '',
			segment_count: 0,
			srt: '',
		});
	});

	it('rule 7: segments without a speaker are never merged, one turn each', () => {
		const unlabelled = [seg(0, 1, 'a', null), seg(1, 2, 'b', null), seg(2, 3, 'c', 'A')];
		expect(mergeSpeakerTurns(unlabelled).map((turn) => turn.text)).toEqual(['a', 'b', 'c']);
		const mixed = [seg(0, 1, 'a', 'A'), seg(1, 2, 'b', null), seg(2, 3, 'c', 'A')];
		expect(mergeSpeakerTurns(mixed)).toHaveLength(3);
	});

	it('a turn keeps the warnings of its segments and the times it could read', () => {
		const odd: TranscriptSegment = { ...seg(0, 0, 'b', 'A'), end_time: null, warnings: ['w'] };
		const [turn] = mergeSpeakerTurns([seg(0, 1, 'a', 'A'), odd, seg(2, 3, 'c', 'A')]);
		expect(turn).toEqual({
			start_time: 0,
			end_time: 3,
			text: 'a b c',
			speaker: 'A',
			warnings: ['w'],
		});
	});

	it('an odd segment item has duration null and its warnings; the good ones have no warnings key', () => {
		const odd: TranscriptSegment = {
			...seg(1, 0, 'x', null),
			end_time: null,
			warnings: ['end_time is not a number'],
		};
		const items = toSegmentItems([seg(0, 1, 'a', null), odd], meta);
		expect(items[0]).not.toHaveProperty('warnings');
		expect(items[1]).toMatchObject({
			end_time: null,
			duration: null,
			warnings: ['end_time is not a number'],
		});
	});
});

describe('text_with_timestamps', () => {
	it('a 3-segment, 2-speaker transcript gives exactly three lines', () => {
		const segments = [
			seg(0.4, 2.1, 'Hello there.', 'SPEAKER_00'),
			seg(62.9, 65, 'Hi, good to see you.', 'SPEAKER_01'),
			seg(3725.7, 3727, 'Bye.', 'SPEAKER_00'),
		];
		expect(toTranscriptItem(segments, meta).text_with_timestamps).toBe(
			[
				'[00:00:00] SPEAKER_00: Hello there.',
				'[00:01:02] SPEAKER_01: Hi, good to see you.',
				'[01:02:05] SPEAKER_00: Bye.',
			].join('\n'),
		);
	});

	it('consecutive segments of one speaker are one line, at the first start', () => {
		expect(toTimestampedText(conversation)).toBe(
			[
				'[00:00:00] SPEAKER_00: Hello there',
				'[00:00:05] SPEAKER_01: Hi',
				'[00:00:07] SPEAKER_00: Bye',
			].join('\n'),
		);
	});

	it('has no speaker part without labels, and only the speaker for diarization', () => {
		expect(toTimestampedText([seg(1.5, 3, 'Just me', null)])).toBe('[00:00:01] Just me');
		expect(toTimestampedText([seg(4, 6, null, 'SPEAKER_01')])).toBe('[00:00:04] SPEAKER_01');
		expect(toTimestampedText([])).toBe('');
	});
});
