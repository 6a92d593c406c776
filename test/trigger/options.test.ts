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
