import { checkEnvelope, classifyCallback, toJsonObject } from '../../nodes/Mavi/trigger/callback';
import type { CallbackResult } from '../../nodes/Mavi/trigger/callback';
import {
	diarizationCallback,
	documentedCallback,
	failureCallback,
	multiSpeakerCallback,
	videoDescriptionCallback,
} from './fixtures';

const TASK = '0123456789abcdef0123456789abcdef';

/** Body to result, as webhook() chains the three steps. */
function parse(body: unknown): CallbackResult | { kind: 'broken'; error: string } {
	const json = toJsonObject(body);
	if (!json.ok) return { kind: 'broken', error: json.error };
	const envelope = checkEnvelope(json.value);
	if (!envelope.ok) return { kind: 'broken', error: envelope.error };
	return classifyCallback(envelope.envelope);
}

describe('callback', () => {
	it('reads the documented callback as a transcript', () => {
		expect(parse(documentedCallback())).toEqual({
			kind: 'transcript',
			taskId: '016c7052f8224d5c971e35b7d08972fc',
			entries: [{ start_time: 0.0, end_time: 2.0, text: ' Oh', speaker: null }],
			keys: { start: 'start_time', end: 'end_time', text: 'text' },
			meta: { taskId: '016c7052f8224d5c971e35b7d08972fc', model: 'whisper-1', audioDuration: 2 },
		});
	});

	it('tells each result kind apart by shape', () => {
		expect(parse(diarizationCallback(TASK)).kind).toBe('diarization');
		expect(parse(videoDescriptionCallback(TASK)).kind).toBe('other');
		expect(parse(multiSpeakerCallback(TASK)).kind).toBe('namedSpeakerTranscript');
		expect(parse(failureCallback(TASK))).toEqual({
			kind: 'failure',
			taskId: TASK,
			error: 'Audio track could not be decoded',
			code: '500',
		});
	});

	it('an empty segment list takes its kind from the model, else it is no transcript', () => {
		const body = (model?: string) => ({
			task_id: TASK,
			code: 200,
			data: { data: { data: [], usage_metadata: { model } } },
		});
		expect(parse(body('whisper-1')).kind).toBe('transcript');
		expect(parse(body('pyannote')).kind).toBe('diarization');
		expect(parse(body('gemini-2.5-flash')).kind).toBe('other');
		expect(parse(body()).kind).toBe('other');
	});

	it('honours top-level success/failed flags and falls back to a generic error', () => {
		expect(parse({ task_id: TASK, failed: true })).toMatchObject({
			kind: 'failure',
			error: 'Mavi reported the task as failed',
			code: null,
		});
		expect(parse({ task_id: TASK, code: {}, message: 'x' })).toMatchObject({
			kind: 'failure',
			error: 'x',
			code: null,
		});
		expect(parse({ task_id: TASK, code: '0000', message: 'success' }).kind).toBe('other');
	});

	it('toJsonObject accepts objects, JSON text and bytes and rejects the rest', () => {
		expect(toJsonObject({ a: 1 })).toEqual({ ok: true, value: { a: 1 } });
		expect(toJsonObject('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
		expect(toJsonObject(Buffer.from('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
		expect(toJsonObject('{"token":"abc"')).toEqual({
			ok: false,
			error: 'The body is not valid JSON',
		});
		expect(toJsonObject(undefined)).toMatchObject({ ok: false });
		expect(toJsonObject([1])).toMatchObject({ ok: false });
	});

	it('checkEnvelope refuses only what cannot be used: task_id and data', () => {
		expect(checkEnvelope({})).toEqual({ ok: false, error: 'task_id is required' });
		expect(checkEnvelope({ task_id: 1 })).toEqual({ ok: false, error: 'task_id must be a string' });
		expect(checkEnvelope({ task_id: TASK, data: [] })).toEqual({
			ok: false,
			error: 'data must be an object',
		});
		expect(checkEnvelope({ task_id: TASK, data: { success: 1 }, code: [] })).toMatchObject({
			ok: true,
		});
		expect(checkEnvelope({ task_id: TASK, data: null })).toMatchObject({ ok: true });
	});

	it('does not copy the segment list before reading it', () => {
		const segments = [{ start_time: 0, end_time: 1, text: 'x' }];
		const body = { task_id: TASK, code: 200, data: { data: { data: segments } } };
		const envelope = checkEnvelope(body);
		if (!envelope.ok) throw new Error(envelope.error);
		expect((envelope.envelope.data?.data as { data: unknown }).data).toBe(segments);
		expect(classifyCallback(envelope.envelope).kind).toBe('transcript');
	});
});
