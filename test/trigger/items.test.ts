import { callWebhook, freshWorkflowId } from './fakeWebhook';
import { speakerSegments, transcriptionCallback } from './fixtures';

const TASK = '11112222333344445555666677778888';

describe('rule 2: odd segments never cost the transcript', () => {
	const odd: Array<[string, unknown, Record<string, unknown>]> = [
		['start_time a word', { start_time: 'soon', end_time: 1, text: 'x' }, { start_time: null }],
		['end_time null', { start_time: 0, end_time: null, text: 'x' }, { end_time: null }],
		['end_time missing', { start_time: 0, text: 'x' }, { end_time: null, duration: null }],
		['text a number', { start_time: 0, end_time: 1, text: 7 }, { text: null }],
		['text missing', { start_time: 0, end_time: 1 }, { text: null }],
		[
			'speaker an object',
			{ start_time: 0, end_time: 1, text: 'x', speaker: {} },
			{ speaker: null },
		],
		['segment not an object', 'hello', { start_time: null, end_time: null, text: null }],
	];

	it.each(odd)(
		'a segment with %s is emitted with warnings, the others unchanged',
		async (_name, bad, read) => {
			const body = transcriptionCallback(TASK, speakerSegments(3));
			(body.data as { data: { data: unknown[] } }).data.data.splice(1, 0, bad);
			const outcome = await callWebhook({ body, workflowId: freshWorkflowId() });
			expect(outcome.executionStarted).toBe(true);
			const items = outcome.items.map((item) => item.json);
			expect(items).toHaveLength(4);
			expect(items[1]).toMatchObject({ ...read, segment_index: 1, warnings: [expect.any(String)] });
			expect([items[0], items[2], items[3]].map((item) => item.text)).toEqual([
				'part 0',
				'part 1',
				'part 2',
			]);
			for (const good of [items[0], items[2], items[3]])
				expect(good).not.toHaveProperty('warnings');
		},
	);

	it('the transcript item keeps the text, leaves untimed segments out of the subtitles and says so', async () => {
		const body = transcriptionCallback(TASK, speakerSegments(3));
		(body.data as { data: { data: Array<Record<string, unknown>> } }).data.data[1].end_time = null;
		const outcome = await callWebhook({
			body,
			parameters: { output: 'transcript' },
			workflowId: freshWorkflowId(),
		});
		const json = outcome.items[0].json;
		expect(json.text).toBe('part 0 part 1 part 2');
		expect(json.srt).not.toContain('part 1');
		expect(json.vtt).not.toContain('part 1');
		expect(String(json.srt).match(/-->/g)).toHaveLength(2);
		expect(json.warnings).toEqual([
			expect.stringMatching(/^segment 1: end_time is not a number.*srt/),
		]);
	});
});
