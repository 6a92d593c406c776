import { normalizeSegments } from '../../nodes/Mavi/helpers/normalize';
import { mapTranscript, transcriptItems } from '../../nodes/Mavi/helpers/transcriptItems';
import {
	DIARIZATION_KEYS,
	DIARIZATION_TIME_KEYS,
	WHISPER_KEYS,
} from '../../nodes/Mavi/helpers/transcriptTypes';
import type {
	OutputMode,
	SegmentKeys,
	TranscriptMeta,
} from '../../nodes/Mavi/helpers/transcriptTypes';

// The one-pass path for segment items is an optimisation: whatever Mavi sends, its items must
// be exactly those of reading every entry first and mapping the segments after.
const meta: TranscriptMeta = { taskId: 't1', model: 'whisper-1', audioDuration: 60 };

const reference = (entries: unknown[], keys: SegmentKeys, mode: OutputMode) =>
	mapTranscript(normalizeSegments(entries, keys), meta, mode);

const VALUES: unknown[] = [
	0,
	1.25,
	-3,
	Number.NaN,
	Number.POSITIVE_INFINITY,
	'2.5',
	' 7 ',
	'',
	'soon',
	null,
	undefined,
	true,
	[],
	{},
	' Hello there ',
	'SPEAKER_01',
	3,
	1.5,
];

/** A deterministic mix of well-formed and odd entries for the given keys. */
function entriesFor(keys: SegmentKeys, count: number): unknown[] {
	let seed = 7;
	const next = () => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return seed;
	};
	const pick = () => VALUES[next() % VALUES.length];
	const entries: unknown[] = [];
	for (let i = 0; i < count; i++) {
		const shape = next() % 10;
		if (shape === 0) {
			entries.push([null, 'not an object', 42, []][next() % 4]);
			continue;
		}
		const entry: Record<string, unknown> = {};
		// Mostly well-formed, so both paths are taken in the same list.
		entry[keys.start] = shape < 6 ? i : pick();
		entry[keys.end] = shape < 6 ? i + 0.7 : pick();
		if (keys.text !== undefined) entry[keys.text] = shape < 7 ? ` part ${i}` : pick();
		if (shape % 3 !== 0) entry.speaker = shape < 5 ? `SPEAKER_0${i % 2}` : pick();
		entries.push(entry);
	}
	return entries;
}

describe('transcriptItems', () => {
	it.each([
		['transcript keys', WHISPER_KEYS],
		['diarization keys', DIARIZATION_KEYS],
		['diarization with time keys', DIARIZATION_TIME_KEYS],
	])('segment items equal reading every entry first (%s)', (_name, keys) => {
		const entries = entriesFor(keys, 3000);
		const items = transcriptItems(entries, keys, meta, 'segments');
		expect(items).toEqual(reference(entries, keys, 'segments'));
		// The list really mixed both paths.
		expect(items.some((item) => item.warnings !== undefined)).toBe(true);
		expect(items.some((item) => item.warnings === undefined)).toBe(true);
	});

	it('a well-formed entry keeps its shape: trimmed text, no warnings, duration in ms', () => {
		const [item] = transcriptItems(
			[{ start_time: 2.1, end_time: 5.3, text: ' Hi ', speaker: '' }],
			WHISPER_KEYS,
			meta,
			'segments',
		);
		expect(item).toEqual({
			task_id: 't1',
			segment_index: 0,
			segment_count: 1,
			start_time: 2.1,
			end_time: 5.3,
			duration: 3.2,
			text: 'Hi',
			speaker: null,
			model: 'whisper-1',
			audio_duration: 60,
		});
	});

	it('no entries: one item that says the transcript is empty', () => {
		expect(transcriptItems([], WHISPER_KEYS, meta, 'segments')).toEqual([
			expect.objectContaining({ segment_index: null, segment_count: 0, text: '' }),
		]);
	});

	it.each(['speakerTurns', 'transcript'] as const)(
		'%s output is built from the read segments',
		(mode) => {
			const entries = entriesFor(WHISPER_KEYS, 200);
			expect(transcriptItems(entries, WHISPER_KEYS, meta, mode)).toEqual(
				reference(entries, WHISPER_KEYS, mode),
			);
		},
	);
});
