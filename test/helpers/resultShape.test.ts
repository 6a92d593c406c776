import { detectResultShape } from '../../nodes/Mavi/helpers/resultShape';

const segment = { start_time: 0, end_time: 1, text: 'Hi', speaker: null };

describe('detectResultShape: the one detector of both nodes', () => {
	it('a callback transcript (data[]) and a synchronous one (items[]) are both transcripts', () => {
		const usage = { usage_metadata: { model: 'whisper-1', duration: 3 } };
		expect(detectResultShape({ data: [segment], ...usage }, 'other')).toMatchObject({
			kind: 'transcript',
			model: 'whisper-1',
			audioDuration: 3,
		});
		expect(
			detectResultShape({ items: [segment], model: 'whisper-1', duration: '4' }, 'transcript'),
		).toMatchObject({ kind: 'transcript', model: 'whisper-1', audioDuration: 4 });
	});

	it('named speakers: audio_transcription[] is a named-speaker transcript', () => {
		const result = {
			audio_transcription: [{ start_time: 0, end_time: 1, speaker: 'Alice', text: 'Hi' }],
			usage_metadata: [{ model: 'x' }],
		};
		expect(detectResultShape(result, 'other')).toMatchObject({
			kind: 'namedSpeakerTranscript',
			keys: { start: 'start_time', end: 'end_time', text: 'text' },
		});
	});

	it('diarization: {start, end, speaker}, or start_time/end_time and a speaker but no text', () => {
		expect(
			detectResultShape({ data: [{ start: 0, end: 1, speaker: 'SPEAKER_00' }] }, 'other'),
		).toMatchObject({ kind: 'diarization', keys: { start: 'start', end: 'end' } });
		expect(
			detectResultShape({ items: [{ start_time: 0, end_time: 1, speaker: 'A' }] }, 'diarization'),
		).toMatchObject({ kind: 'diarization', keys: { start: 'start_time', end: 'end_time' } });
	});

	it.each([
		['a video description', { data: [{ start_time: 0, end_time: 4, transcript: 'A man.' }] }],
		['entries with text but no time', { data: [{ text: 'A summary paragraph.' }] }],
		['entries with a time but no text', { data: [{ start_time: 0, end_time: 1, label: 'x' }] }],
		['unknown entries', { data: [{ clip: 1 }] }],
		['a text', 'A summary.'],
		['nothing', undefined],
	])('%s is "other" in a callback', (_name, result) => {
		expect(detectResultShape(result, 'other')).toEqual({
			kind: 'other',
			reason: expect.any(String),
		});
	});

	it('a result with a summary and no segment list is a summary, kept whole', () => {
		const result = { summary: { title: 'Short.' }, usage: { model: 'm' }, extra: 1 };
		expect(detectResultShape(result, 'other')).toEqual({ kind: 'summary', result });
	});

	it('odd first entries do not decide: the first decisive one does', () => {
		const result = { data: [null, { start_time: 0, end_time: null }, segment] };
		expect(detectResultShape(result, 'other').kind).toBe('transcript');
	});

	it('with no decisive entry the model decides, then what the caller asked for', () => {
		const odd = [{ start_time: 0, end_time: null }];
		expect(
			detectResultShape({ data: odd, usage_metadata: { model: 'whisper-1' } }, 'other').kind,
		).toBe('transcript');
		expect(detectResultShape({ data: [], model: 'pyannote' }, 'other').kind).toBe('diarization');
		expect(detectResultShape({ data: [], model: 'gemini-2.5-flash' }, 'transcript').kind).toBe(
			'other',
		);
		expect(detectResultShape({ items: [] }, 'transcript').kind).toBe('transcript');
		expect(detectResultShape({ items: [] }, 'diarization').kind).toBe('diarization');
		expect(detectResultShape({ data: [] }, 'other').kind).toBe('other');
	});
});
