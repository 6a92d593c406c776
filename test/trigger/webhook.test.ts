import { callWebhook, freshWorkflowId } from './fakeWebhook';
import type { FakeRequest } from './fakeWebhook';
import {
	DOCUMENTED_TASK_ID,
	documentedCallback,
	speakerSegments,
	transcriptionCallback,
} from './fixtures';

const TASK = 'aaaabbbbccccddddeeeeffff00001111';

describe('webhook(): transcription callbacks', () => {
	it('the documented example callback gives exactly one item', async () => {
		const outcome = await callWebhook({
			body: documentedCallback(),
			workflowId: freshWorkflowId(),
		});
		expect(outcome.executionStarted).toBe(true);
		expect(outcome.result.webhookResponse).toEqual({
			received: true,
			task_id: DOCUMENTED_TASK_ID,
		});
		expect(outcome.items).toEqual([
			{
				json: {
					task_id: DOCUMENTED_TASK_ID,
					segment_index: 0,
					segment_count: 1,
					start_time: 0,
					end_time: 2,
					duration: 2,
					text: 'Oh',
					speaker: null,
					model: 'whisper-1',
					audio_duration: 2,
				},
			},
		]);
	});

	it('code 200 (integer), speaker true, 3 segments give 3 items in order', async () => {
		const body = transcriptionCallback(TASK, speakerSegments(3), { code: 200 });
		expect((body as { code: unknown }).code).toBe(200);
		const outcome = await callWebhook({ body, workflowId: freshWorkflowId() });
		expect(outcome.items).toHaveLength(3);
		expect(outcome.items.map((item) => item.json.segment_index)).toEqual([0, 1, 2]);
		expect(outcome.items.map((item) => item.json.text)).toEqual(['part 0', 'part 1', 'part 2']);
		for (const item of outcome.items) {
			expect(item.json.speaker).toMatch(/^SPEAKER_\d\d$/);
			expect(item.json.segment_count).toBe(3);
		}
		expect(outcome.items.map((item) => item.json.speaker)).toEqual([
			'SPEAKER_00',
			'SPEAKER_01',
			'SPEAKER_00',
		]);
	});

	it('accepts code "200" as a string and numeric strings for times', async () => {
		const body = transcriptionCallback(TASK, [], { code: '200' });
		(body.data as { data: { data: unknown[] } }).data.data = [
			{ start_time: '1.5', end_time: '2.25', text: 'x', speaker: null },
		];
		const outcome = await callWebhook({ body, workflowId: freshWorkflowId() });
		expect(outcome.items[0].json).toMatchObject({
			start_time: 1.5,
			end_time: 2.25,
			duration: 0.75,
		});
	});

	it('a successful transcription with zero segments still emits one item', async () => {
		const outcome = await callWebhook({
			body: transcriptionCallback(TASK, []),
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0].json).toMatchObject({
			task_id: TASK,
			segment_index: null,
			segment_count: 0,
			text: '',
		});
	});

	it('one item per speaker turn merges consecutive segments of the same speaker', async () => {
		const outcome = await callWebhook({
			body: transcriptionCallback(TASK, speakerSegments(6, 2)),
			parameters: { output: 'speakerTurns' },
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ segment_index: 0, segment_count: 3, start_time: 0, end_time: 4 }),
			expect.objectContaining({ segment_index: 1, speaker: 'SPEAKER_01', text: 'part 2 part 3' }),
			expect.objectContaining({ segment_index: 2, speaker: 'SPEAKER_00', duration: 4 }),
		]);
	});

	it('one item per transcript carries text, speakers, segments, SRT and WebVTT', async () => {
		const outcome = await callWebhook({
			body: transcriptionCallback(TASK, speakerSegments(2)),
			parameters: { output: 'transcript' },
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items).toHaveLength(1);
		const json = outcome.items[0].json;
		expect(json).toMatchObject({
			task_id: TASK,
			text: 'part 0 part 1',
			segment_count: 2,
			speakers: ['SPEAKER_00', 'SPEAKER_01'],
			audio_duration: 4,
			model: 'whisper-1',
		});
		expect(json.srt).toContain('00:00:00,000 --> 00:00:02,000');
		expect(String(json.vtt).startsWith('WEBVTT')).toBe(true);
		expect(json.segments).toHaveLength(2);
	});

	it('reads every parameter once per request, not per segment', async () => {
		const outcome = await callWebhook({
			body: transcriptionCallback(TASK, speakerSegments(500)),
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items).toHaveLength(500);
		// One read for each of the 8 parameters (output, 5 switches, taskIds, options), never per segment.
		expect(outcome.parameterReads).toBeLessThanOrEqual(8);
	});
});

describe('webhook(): body formats', () => {
	const bytes = () => Buffer.from(JSON.stringify(documentedCallback()));
	it.each<[string, Partial<FakeRequest>]>([
		[
			'a JSON body that arrives as a string (text/plain)',
			{ body: JSON.stringify(documentedCallback()) },
		],
		[
			'the raw bytes when n8n left the body empty (other content types)',
			{ body: {}, rawBody: bytes() },
		],
		[
			'the stream n8n left unread (version 1.1, other content types)',
			{ body: {}, unreadBody: bytes() },
		],
		['a Buffer body', { body: bytes() }],
	])('reads %s', async (_name, request) => {
		const outcome = await callWebhook({ ...request, workflowId: freshWorkflowId() });
		expect(outcome.items).toHaveLength(1);
	});
});
