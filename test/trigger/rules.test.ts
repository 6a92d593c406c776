import { callWebhook, freshWorkflowId } from './fakeWebhook';
import {
	diarizationCallback,
	documentedCallback,
	failureCallback,
	multiSpeakerCallback,
	speakerSegments,
	transcriptionCallback,
	videoDescriptionCallback,
} from './fixtures';

const TASK = '11112222333344445555666677778888';

describe('rule 1: only a broken envelope is refused (400, JSON error, no execution)', () => {
	const broken: Array<[string, unknown, RegExp]> = [
		['not JSON (text)', 'this is not json', /not valid JSON/],
		['truncated JSON', '{"task_id": "abc", "code": 2', /not valid JSON/],
		['empty text body', '   ', /empty/],
		['a JSON array', '[1,2,3]', /must be a JSON object/],
		['a JSON number', '42', /must be a JSON object/],
		['JSON null', 'null', /must be a JSON object/],
		['no task_id', { code: 200, message: 'SUCCESS' }, /task_id is required/],
		['task_id null', { task_id: null, code: 200 }, /task_id is required/],
		['task_id a number', { task_id: 12, code: 200 }, /task_id must be a string/],
		['task_id empty', { task_id: ' ', code: 200 }, /task_id must not be empty/],
		['task_id of 129 characters', { task_id: 'a'.repeat(129), code: 200 }, /longer than 128/],
		['task_id of 5 MB', { task_id: 'a'.repeat(5_000_000), code: 200 }, /longer than 128/],
		['data a string', { task_id: 'abc', data: 'x' }, /data must be an object/],
		['data a list', { task_id: 'abc', data: [] }, /data must be an object/],
	];

	it.each(broken)('%s', async (_name, body, message) => {
		const outcome = await callWebhook({ body, workflowId: freshWorkflowId() });
		expect(outcome.executionStarted).toBe(false);
		expect(outcome.status).toBe(400);
		expect(outcome.response).toEqual({ error: expect.stringMatching(message) });
		expect(outcome.logLines).toEqual([expect.stringMatching(/^warn: .*HTTP 400: /)]);
	});

	it.each([['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x']])(
		'a %s body (which n8n parses into an object) is not JSON: 400',
		async (contentType) => {
			const outcome = await callWebhook({
				body: { task_id: TASK, code: '0000' },
				headers: { 'content-type': contentType },
				workflowId: freshWorkflowId(),
			});
			expect(outcome.executionStarted).toBe(false);
			expect(outcome.status).toBe(400);
			expect(outcome.response).toEqual({ error: expect.stringMatching(/must be JSON/) });
		},
	);

	const sound: Array<[string, Record<string, unknown>]> = [
		['task_id with spaces', { task_id: 'a b' }],
		['task_id of 128 characters', { task_id: 'a'.repeat(128) }],
		['code an object', { code: {} }],
		['message a number', { message: 5 }],
		['data.success a string', { data: { success: 'yes', data: { data: [] } } }],
		['data.msg a number', { data: { msg: 1, data: { data: [] } } }],
	];

	it.each(sound)('an envelope with %s is answered 2xx', async (_name, overrides) => {
		const body = { ...transcriptionCallback(TASK, speakerSegments(1)), ...overrides };
		const outcome = await callWebhook({ body, workflowId: freshWorkflowId() });
		if (!outcome.executionStarted) expect(outcome.status).toBe(200);
	});

	it('a bare {task_id} is acknowledged, ignored and logged', async () => {
		const outcome = await callWebhook({ body: { task_id: TASK }, workflowId: freshWorkflowId() });
		expect(outcome).toMatchObject({ status: 200, executionStarted: false });
		expect(outcome.response).toMatchObject({ ignored: true, task_id: TASK });
		expect(outcome.logLines).toEqual([expect.stringContaining(`task_id "${TASK}"`)]);
	});
});

describe('webhook(): result kinds sharing the URL', () => {
	it('diarization is ignored by default', async () => {
		const outcome = await callWebhook({
			body: diarizationCallback(TASK),
			workflowId: freshWorkflowId(),
		});
		expect(outcome.executionStarted).toBe(false);
		expect(outcome.status).toBe(200);
		expect(outcome.response).toMatchObject({
			ignored: true,
			reason: expect.stringMatching(/diarization/i),
		});
	});

	it('diarization with "Include Speaker Diarization Results" gives segment items with text null', async () => {
		const outcome = await callWebhook({
			body: diarizationCallback(TASK),
			parameters: { includeDiarization: true },
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				segment_index: 0,
				start_time: 0.5,
				end_time: 3.25,
				duration: 2.75,
				text: null,
				speaker: 'SPEAKER_00',
				model: 'pyannote',
			}),
			expect.objectContaining({
				segment_index: 1,
				start_time: 3.25,
				end_time: 5,
				text: null,
				speaker: 'SPEAKER_01',
			}),
		]);
	});

	it.each([
		['video description', videoDescriptionCallback(TASK)],
		[
			'summary (data.data is text)',
			{ ...documentedCallback(), task_id: TASK, data: { data: 'A summary.', success: true } },
		],
		['no data at all', { task_id: TASK, code: 200, message: 'SUCCESS' }],
		[
			'unknown entries',
			{ ...documentedCallback(), task_id: TASK, data: { data: { data: [{ clip: 1 }] } } },
		],
	])('%s is ignored with a reason and no execution', async (_name, body) => {
		const outcome = await callWebhook({ body, workflowId: freshWorkflowId() });
		expect(outcome.executionStarted).toBe(false);
		expect(outcome).toMatchObject({
			status: 200,
			response: { ignored: true, reason: expect.any(String) },
		});
	});

	it('rule 3: named-speaker transcripts are emitted by default, speaker = the name', async () => {
		const outcome = await callWebhook({
			body: multiSpeakerCallback(TASK),
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ task_id: TASK, speaker: 'Ann', text: 'Hi', segment_index: 0 }),
		]);
	});

	it('every ignored result leaves one log line with the reason and the task_id', async () => {
		const outcome = await callWebhook({
			body: { ...documentedCallback(), task_id: TASK, data: { data: { summary: 'A summary.' } } },
			workflowId: freshWorkflowId(),
		});
		expect(outcome.executionStarted).toBe(false);
		expect(outcome.logLines).toEqual([
			expect.stringMatching(new RegExp(`^info: .*HTTP 200: Not a transcript.*task_id "${TASK}"`)),
		]);
	});

	it('other results with "Pass Through Other Results" give one item holding the raw body', async () => {
		const body = videoDescriptionCallback(TASK);
		const outcome = await callWebhook({
			body,
			parameters: { passThroughOther: true },
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items).toEqual([{ json: { task_id: TASK, raw_payload: body } }]);
	});
});

describe('webhook(): failures', () => {
	it('a failed task gives one failed item with the reason from data.msg', async () => {
		const outcome = await callWebhook({
			body: failureCallback(TASK),
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items).toEqual([
			{
				json: {
					task_id: TASK,
					failed: true,
					error: 'Audio track could not be decoded',
					code: '500',
				},
			},
		]);
	});

	it.each([
		['code not a success code', { code: 4001 }, 4001],
		['message not SUCCESS', { message: 'ERROR' }, '0000'],
		['data.success false', { data: { success: false, msg: 'Quota exceeded' } }, '0000'],
	])('%s is a failure', async (_name, overrides, code) => {
		const body = { ...documentedCallback(), task_id: TASK, ...overrides };
		const outcome = await callWebhook({ body, workflowId: freshWorkflowId() });
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0].json).toMatchObject({ task_id: TASK, failed: true, code });
		expect(typeof outcome.items[0].json.error).toBe('string');
	});

	it('takes the error from message when data.msg is absent', async () => {
		const body = { task_id: TASK, code: 500, message: 'Internal failure', data: null };
		const outcome = await callWebhook({ body, workflowId: freshWorkflowId() });
		expect(outcome.items[0].json).toEqual({
			task_id: TASK,
			failed: true,
			error: 'Internal failure',
			code: 500,
		});
	});

	it('"Ignore Failed Tasks" acknowledges and drops them', async () => {
		const outcome = await callWebhook({
			body: failureCallback(TASK),
			parameters: { ignoreFailed: true },
			workflowId: freshWorkflowId(),
		});
		expect(outcome).toMatchObject({
			executionStarted: false,
			status: 200,
			response: { ignored: true },
		});
	});
});
