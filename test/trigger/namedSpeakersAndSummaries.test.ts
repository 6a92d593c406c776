import type { Mavi } from '../support/maviSim';
import { seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe } from '../support/runMavi';
import { callWebhook, freshWorkflowId } from './fakeWebhook';
import { DOCUMENTED_TASK_ID, documentedCallback } from './fixtures';

jest.setTimeout(30_000);

let mavi: Mavi;
let assetId: string;

beforeAll(async () => {
	mavi = await startMavi({ speakers: 2 });
	assetId = await seedAsset(mavi, { seconds: 12, fileName: 'interview.wav' });
});

afterAll(async () => {
	await mavi.stop();
});

/** Starts an async operation and returns its output and the callback the simulator sent. */
async function startAndReceive(resource: string, operation: string) {
	const delivered = mavi.sim.stats().callbacks.length;
	const result = await runTranscribe({ resource, operation, assetId }, mavi.credentials);
	expect(result.error).toBeUndefined();
	const output = result.items[0].json;
	const task = mavi.sim.stats().tasks.find((t) => t.task_id === output.task_id);
	// A delivery is recorded once the sink answered, so the sink holds its body by then.
	await mavi.sim.waitForCallbacks(delivered + 1, 5000);
	const body = mavi.sink.bodies.find((b) => b.task_id === output.task_id);
	return { output, task, body };
}

describe('Speaker → Recognize Named Speakers', () => {
	it('sends exactly {asset_id} to the multi-speaker endpoint and returns the task', async () => {
		const { output, task } = await startAndReceive('speaker', 'recognizeNamedSpeakers');
		expect(output).toEqual({ task_id: expect.stringMatching(/^[0-9a-f]{32}$/), asset_id: assetId });
		expect(task).toMatchObject({ kind: 'multi-speaker', body: { asset_id: assetId } });
		expect(Object.keys(task?.body as object)).toEqual(['asset_id']);
	});

	it('its callback reaches the trigger as segments named by the result, faces kept', async () => {
		const { body } = await startAndReceive('speaker', 'recognizeNamedSpeakers');
		const segments = await callWebhook({ body, workflowId: freshWorkflowId() });
		const items = segments.items.map((item) => item.json);
		expect(new Set(items.map((item) => item.speaker))).toEqual(new Set(['Alice', 'Bob']));
		const faces = (body?.data as { data: { faces: unknown[] } }).data.faces;
		expect(items[0].faces).toEqual(faces);
		expect(items.slice(1).some((item) => 'faces' in item)).toBe(false);

		const transcript = await callWebhook({
			body,
			parameters: { output: 'transcript' },
			workflowId: freshWorkflowId(),
		});
		expect(transcript.items).toHaveLength(1);
		expect(transcript.items[0].json).toMatchObject({ speakers: ['Alice', 'Bob'], faces });
		expect(transcript.items[0].json.usage_metadata).toEqual(expect.any(Array));
	});
});

describe('Transcription → Summarize', () => {
	it('sends {asset_id} to the summary endpoint; the callback becomes one summary item', async () => {
		const { output, task, body } = await startAndReceive('transcription', 'summarize');
		expect(output).toEqual({ task_id: expect.stringMatching(/^[0-9a-f]{32}$/), asset_id: assetId });
		expect(task).toMatchObject({ kind: 'summary', body: { asset_id: assetId } });
		const outcome = await callWebhook({
			body,
			parameters: { includeSummaries: true },
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items.map((item) => item.json)).toEqual([
			{
				task_id: output.task_id,
				kind: 'summary',
				summary: expect.stringMatching(/recording with 2 speaker/),
				usage: expect.objectContaining({ model: 'gemini-2.5-flash' }),
			},
		]);
	});

	it.each([
		['an object', { title: 'Budget', points: ['a', 'b'] }],
		['a list', ['first point', 'second point']],
	])('a summary that is %s is emitted as it came, with a warning', async (_name, summary) => {
		const body = { ...documentedCallback(), data: { data: { summary }, success: true } };
		const outcome = await callWebhook({
			body,
			parameters: { includeSummaries: true },
			workflowId: freshWorkflowId(),
		});
		expect(outcome.status).toBeUndefined();
		expect(outcome.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				kind: 'summary',
				summary,
				warnings: [expect.stringMatching(/^summary is (object|a list), not text/)],
			}),
		]);
	});

	it('fields the docs do not show are kept, with a warning naming them', async () => {
		const result = { summary: 'Short.', usage: { model: 'm' }, key_points: ['x'], lang: 'en' };
		const body = { ...documentedCallback(), data: { data: result, success: true } };
		const outcome = await callWebhook({
			body,
			parameters: { includeSummaries: true },
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items[0].json).toEqual({
			task_id: DOCUMENTED_TASK_ID,
			kind: 'summary',
			...result,
			warnings: ['fields the Mavi docs do not show, kept as sent: key_points, lang'],
		});
	});

	it('with Include Summaries off a summary is an other result, as before the option', async () => {
		const body = { ...documentedCallback(), data: { data: { summary: 'Short.' } } };
		const ignored = await callWebhook({
			body,
			parameters: { includeSummaries: false },
			workflowId: freshWorkflowId(),
		});
		expect(ignored.executionStarted).toBe(false);
		const passed = await callWebhook({
			body,
			parameters: { includeSummaries: false, passThroughOther: true },
			workflowId: freshWorkflowId(),
		});
		expect(passed.items).toEqual([{ json: { task_id: DOCUMENTED_TASK_ID, raw_payload: body } }]);
	});
});
