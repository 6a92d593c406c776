import {
	classifyCallback,
	parseCallback,
	toJsonObject,
	validateEnvelope,
} from '../../nodes/Mavi/helpers/callback';
import {
	diarizationCallback,
	documentedCallback,
	failureCallback,
	multiSpeakerCallback,
	videoDescriptionCallback,
} from '../trigger/fixtures';

const TASK = '0123456789abcdef0123456789abcdef';

describe('callback helper', () => {
	it('classifies the documented callback as a transcription', () => {
		expect(parseCallback(documentedCallback())).toEqual({
			kind: 'transcription',
			taskId: '016c7052f8224d5c971e35b7d08972fc',
			segments: [{ start_time: 0, end_time: 2, text: 'Oh', speaker: null }],
			meta: { taskId: '016c7052f8224d5c971e35b7d08972fc', model: 'whisper-1', audioDuration: 2 },
		});
	});

	it('classifies each result kind by shape', () => {
		expect(parseCallback(diarizationCallback(TASK)).kind).toBe('diarization');
		expect(parseCallback(videoDescriptionCallback(TASK)).kind).toBe('other');
		expect(parseCallback(multiSpeakerCallback(TASK)).kind).toBe('other');
		expect(parseCallback(failureCallback(TASK))).toEqual({
			kind: 'failure',
			taskId: TASK,
			error: 'Audio track could not be decoded',
			code: '500',
		});
	});

	it('an empty segment list is a transcription unless the model says otherwise', () => {
		const body = (model: string) => ({
			task_id: TASK,
			code: 200,
			data: { data: { data: [], usage_metadata: { model } } },
		});
		expect(parseCallback(body('whisper-1')).kind).toBe('transcription');
		expect(parseCallback(body('pyannote')).kind).toBe('diarization');
		expect(parseCallback(body('gemini-2.5-flash')).kind).toBe('other');
	});

	it('honours top-level success/failed flags and falls back to a generic error', () => {
		expect(parseCallback({ task_id: TASK, failed: true })).toMatchObject({
			kind: 'failure',
			error: 'Mavi reported the task as failed',
			code: null,
		});
		expect(parseCallback({ task_id: TASK, code: '0000', message: 'success' }).kind).toBe('other');
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

	it('validateEnvelope names the field that is wrong', () => {
		expect(validateEnvelope({})).toEqual({ ok: false, error: 'task_id is required' });
		expect(validateEnvelope({ task_id: 1 })).toEqual({
			ok: false,
			error: 'task_id must be a string',
		});
		expect(validateEnvelope({ task_id: TASK, data: [] })).toEqual({
			ok: false,
			error: 'data must be an object',
		});
		expect(validateEnvelope({ task_id: TASK, data: { success: 1 } })).toEqual({
			ok: false,
			error: 'data.success must be a boolean',
		});
	});

	it('classifyCallback does not copy the segment list through zod', () => {
		const segments = [{ start_time: 0, end_time: 1, text: 'x' }];
		const body = { task_id: TASK, code: 200, data: { data: { data: segments } } };
		const envelope = validateEnvelope(body);
		if (!envelope.ok) throw new Error(envelope.error);
		expect((envelope.envelope.data?.data as { data: unknown }).data).toBe(segments);
		expect(classifyCallback(envelope.envelope).kind).toBe('transcription');
	});
});
