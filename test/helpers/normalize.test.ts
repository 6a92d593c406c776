import {
	DIARIZATION_KEYS,
	normalizeSegments,
	toFiniteNumber,
	WHISPER_KEYS,
} from '../../nodes/Mavi/helpers/normalize';

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
		const result = normalizeSegments(
			[
				{ start_time: 0, end_time: '2', text: ' Oh ', speaker: null },
				{ start_time: 2, end_time: 3, text: null },
				{ start_time: 3, end_time: 4, speaker: '' },
				{ start_time: 4, end_time: 5, text: 'x', speaker: 1 },
			],
			'data.data.data',
			WHISPER_KEYS,
		);
		expect(result).toEqual({
			ok: true,
			segments: [
				{ start_time: 0, end_time: 2, text: 'Oh', speaker: null },
				{ start_time: 2, end_time: 3, text: '', speaker: null },
				{ start_time: 3, end_time: 4, text: '', speaker: null },
				{ start_time: 4, end_time: 5, text: 'x', speaker: 'SPEAKER_01' },
			],
		});
	});

	it('normalizes diarization segments with text null', () => {
		const result = normalizeSegments(
			[{ start: 1, end: 2, speaker: 'SPEAKER_00' }],
			'items',
			DIARIZATION_KEYS,
		);
		expect(result).toEqual({
			ok: true,
			segments: [{ start_time: 1, end_time: 2, text: null, speaker: 'SPEAKER_00' }],
		});
	});

	it.each([
		['not an array', { a: 1 }, 'p must be an array'],
		['entry not an object', [1], 'p[0] must be an object'],
		['entry an array', [[]], 'p[0] must be an object'],
		['bad start', [{ start_time: 'x', end_time: 1 }], 'p[0].start_time must be a number'],
		['bad end', [{ start_time: 0 }], 'p[0].end_time must be a number'],
		['bad text', [{ start_time: 0, end_time: 1, text: 5 }], 'p[0].text must be a string'],
		[
			'bad speaker',
			[{ start_time: 0, end_time: 1, speaker: true }],
			'p[0].speaker must be a string or null',
		],
	])('reports %s with the exact path', (_name, raw, error) => {
		expect(normalizeSegments(raw, 'p', WHISPER_KEYS)).toEqual({ ok: false, error });
	});
});
