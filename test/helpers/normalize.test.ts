import { normalizeSegments, toFiniteNumber } from '../../nodes/Mavi/helpers/normalize';
import { DIARIZATION_KEYS, WHISPER_KEYS } from '../../nodes/Mavi/helpers/transcriptTypes';

describe('normalize helpers', () => {
	it.each([
		[1.5, 1.5],
		['2.25', 2.25],
		[' 3 ', 3],
		['', undefined],
		['abc', undefined],
		[Number.NaN, undefined],
		[Number.POSITIVE_INFINITY, undefined],
		['1e999', undefined],
		[null, undefined],
		[true, undefined],
		[{}, undefined],
	])('toFiniteNumber(%p) = %p', (value, expected) => {
		expect(toFiniteNumber(value)).toBe(expected);
	});

	it('normalizes whisper segments: trimmed text, speaker string or null', () => {
		const segments = normalizeSegments(
			[
				{ start_time: 0, end_time: '2', text: ' Oh ', speaker: null },
				{ start_time: 2, end_time: 3, text: '', speaker: '' },
				{ start_time: 4, end_time: 5, text: 'x', speaker: 1 },
			],
			WHISPER_KEYS,
		);
		expect(segments).toEqual([
			{ start_time: 0, end_time: 2, text: 'Oh', speaker: null },
			{ start_time: 2, end_time: 3, text: '', speaker: null },
			{ start_time: 4, end_time: 5, text: 'x', speaker: 'SPEAKER_01' },
		]);
	});

	it('normalizes diarization segments with text null', () => {
		expect(
			normalizeSegments([{ start: '1', end: 2, speaker: 'SPEAKER_00' }], DIARIZATION_KEYS),
		).toEqual([{ start_time: 1, end_time: 2, text: null, speaker: 'SPEAKER_00' }]);
	});

	it.each([
		['entry not an object', 'x', { start_time: null, text: null }, ['segment is not an object']],
		['entry an array', [1], { end_time: null }, ['segment is not an object']],
		[
			'start a word',
			{ start_time: 'soon', end_time: 1, text: 'a' },
			{ start_time: null, end_time: 1, text: 'a' },
			['start_time is not a number'],
		],
		[
			'end null',
			{ start_time: 0, end_time: null, text: 'a' },
			{ start_time: 0, end_time: null },
			['end_time is not a number'],
		],
		['text missing', { start_time: 0, end_time: 1 }, { text: null }, ['text is missing']],
		['text null', { start_time: 0, end_time: 1, text: null }, { text: null }, ['text is missing']],
		[
			'text a number',
			{ start_time: 0, end_time: 1, text: 7 },
			{ text: null },
			['text is not text'],
		],
		[
			'speaker an object',
			{ start_time: 0, end_time: 1, text: 'a', speaker: {} },
			{ speaker: null, text: 'a' },
			['speaker is not a name'],
		],
		[
			'speaker negative',
			{ start_time: 0, end_time: 1, text: 'a', speaker: -1 },
			{ speaker: null },
			['speaker is not a name'],
		],
		[
			'two problems',
			{ start_time: 'x', text: 'a' },
			{ start_time: null, end_time: null, text: 'a' },
			['start_time is not a number', 'end_time is not a number'],
		],
	])(
		'keeps a segment with %s, with what could be read and warnings',
		(_name, raw, read, warnings) => {
			const good = { start_time: 9, end_time: 10, text: 'good', speaker: null };
			const segments = normalizeSegments([good, raw, good], WHISPER_KEYS);
			expect(segments).toHaveLength(3);
			expect(segments[1]).toMatchObject({ ...read, warnings });
			expect(segments[0]).toEqual(good);
			expect(segments[2]).toEqual(good);
		},
	);
});
