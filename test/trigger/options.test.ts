import { callWebhook, freshWorkflowId } from './fakeWebhook';
import { documentedCallback, speakerSegments, transcriptionCallback } from './fixtures';

const TASK = '11112222333344445555666677778888';

describe('webhook(): Task IDs filter', () => {
	const other = 'ffffeeeeddddccccbbbbaaaa99998888';

	it.each([
		['comma separated', `${other}, ${TASK}`],
		['upper case and new lines', `${other}\n${TASK.toUpperCase()}`],
		['a list from an expression', [other, TASK]],
	])('accepts a listed task (%s)', async (_name, taskIds) => {
		const outcome = await callWebhook({
			body: transcriptionCallback(TASK, speakerSegments(2)),
			parameters: { taskIds },
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items).toHaveLength(2);
	});

	it('answers 200 {ignored, reason} for a task not listed, with no execution', async () => {
		const outcome = await callWebhook({
			body: transcriptionCallback(TASK, speakerSegments(2)),
			parameters: { taskIds: other },
			workflowId: freshWorkflowId(),
		});
		expect(outcome).toMatchObject({
			executionStarted: false,
			status: 200,
			response: { ignored: true, reason: expect.stringMatching(/Task IDs/) },
		});
	});
});

describe('task ids of every form Mavi documents: 32 hex digits and UUIDs (live audio streams)', () => {
	const uuid = '8d3b6c1e-3f0a-4a7e-9d61-2b9a7c4e5f10';

	it.each([
		['32 hex digits', TASK],
		['a UUID', uuid],
		['an upper-case UUID', uuid.toUpperCase()],
	])('%s is emitted, filtered and deduplicated like any other', async (_name, id) => {
		const workflowId = freshWorkflowId();
		const body = transcriptionCallback(id, speakerSegments(2));
		const listed = { taskIds: `ffffeeeeddddccccbbbbaaaa99998888, ${id.toLowerCase()}` };
		const first = await callWebhook({ body, workflowId, parameters: listed });
		expect(first.items.map((item) => item.json.task_id)).toEqual([id, id]);
		expect(first.result.webhookResponse).toEqual({ received: true, task_id: id });
		const again = await callWebhook({ body, workflowId, parameters: listed });
		expect(again).toMatchObject({ executionStarted: false, status: 200 });
		expect(again.response).toMatchObject({ duplicate: true, task_id: id });
		const notListed = await callWebhook({
			body: transcriptionCallback(id, speakerSegments(2)),
			parameters: { taskIds: uuid.replace('8d3b', '0000') },
			workflowId: freshWorkflowId(),
		});
		expect(notListed.response).toMatchObject({ ignored: true, task_id: id });
	});
});

describe('webhook(): options', () => {
	it('"Include Raw Payload" adds the body to the first item only', async () => {
		const body = transcriptionCallback(TASK, speakerSegments(3));
		const outcome = await callWebhook({
			body,
			parameters: { options: { includeRawPayload: true } },
			workflowId: freshWorkflowId(),
		});
		expect(outcome.items[0].json.raw_payload).toEqual(body);
		expect(outcome.items[1].json.raw_payload).toBeUndefined();
	});

	it('"Include Request Headers" adds headers and query without the token', async () => {
		const configured = 'tok-0123456789-abcdef';
		const outcome = await callWebhook({
			body: documentedCallback(),
			query: { token: configured, source: 'mavi' },
			headers: { 'x-mavi-token': configured, 'user-agent': 'Mavi/1.0', authorization: 'Basic abc' },
			credentials: { apiKey: 'sk-mavi-test', webhookToken: configured },
			parameters: { options: { includeHeaders: true } },
			workflowId: freshWorkflowId(),
		});
		const json = outcome.items[0].json;
		expect(json.headers).toMatchObject({ 'user-agent': 'Mavi/1.0' });
		expect(json.headers).not.toHaveProperty('x-mavi-token');
		expect(json.headers).not.toHaveProperty('authorization');
		expect(json.query).toEqual({ source: 'mavi' });
		expect(JSON.stringify(outcome.items)).not.toContain(configured);
	});
});
