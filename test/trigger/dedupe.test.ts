import { scopeCount } from '../../nodes/Mavi/trigger/dedupe';
import { callWebhook, fakeHookFunctions, freshWorkflowId, trigger } from './fakeWebhook';
import { failureCallback, speakerSegments, transcriptionCallback } from './fixtures';

function taskId(n: number): string {
	return n.toString(16).padStart(32, '0');
}

describe('webhook(): duplicate deliveries', () => {
	it('the same callback twice gives one execution, then 200 {duplicate: true}', async () => {
		const workflowId = freshWorkflowId();
		const body = transcriptionCallback(taskId(1), speakerSegments(2));
		const first = await callWebhook({ body, workflowId });
		const second = await callWebhook({ body, workflowId });
		expect(first.executionStarted).toBe(true);
		expect(second.executionStarted).toBe(false);
		expect(second.status).toBe(200);
		expect(second.response).toMatchObject({ duplicate: true });
		expect(second.items).toHaveLength(0);
	});

	it('two identical deliveries arriving at once still give one execution', async () => {
		const workflowId = freshWorkflowId();
		const body = transcriptionCallback(taskId(6), speakerSegments(3));
		const outcomes = await Promise.all(
			[1, 2, 3].map(async () => await callWebhook({ body, workflowId })),
		);
		expect(outcomes.filter((outcome) => outcome.executionStarted)).toHaveLength(1);
		expect(outcomes.filter((outcome) => outcome.status === 200)).toHaveLength(2);
	});

	it('a failed task is not emitted twice either', async () => {
		const workflowId = freshWorkflowId();
		await callWebhook({ body: failureCallback(taskId(2)), workflowId });
		const again = await callWebhook({ body: failureCallback(taskId(2)), workflowId });
		expect(again.response).toMatchObject({ duplicate: true });
	});

	it('with "Ignore Duplicate Deliveries" off, every delivery starts an execution', async () => {
		const workflowId = freshWorkflowId();
		const body = transcriptionCallback(taskId(3), speakerSegments(1));
		const parameters = { ignoreDuplicates: false };
		await callWebhook({ body, workflowId, parameters });
		const again = await callWebhook({ body, workflowId, parameters });
		expect(again.executionStarted).toBe(true);
	});

	it('remembers a task only when an execution was started for it', async () => {
		const workflowId = freshWorkflowId();
		const body = transcriptionCallback(taskId(4), speakerSegments(1));
		const filtered = await callWebhook({ body, workflowId, parameters: { taskIds: taskId(99) } });
		expect(filtered.response).toMatchObject({ ignored: true });
		const broken = transcriptionCallback(taskId(4), [
			{ start_time: 0, end_time: 1, text: 'x', speaker: null },
		]);
		(broken as { data: unknown }).data = 'not an object';
		expect((await callWebhook({ body: broken, workflowId })).status).toBe(400);
		const ignoredFailure = await callWebhook({
			body: failureCallback(taskId(4)),
			workflowId,
			parameters: { ignoreFailed: true },
		});
		expect(ignoredFailure.response).toMatchObject({ ignored: true });
		const real = await callWebhook({ body, workflowId });
		expect(real.executionStarted).toBe(true);
	});

	it('keeps separate memories per workflow, per node and for test vs production', async () => {
		const workflowId = freshWorkflowId();
		const body = transcriptionCallback(taskId(5), speakerSegments(1));
		expect((await callWebhook({ body, workflowId })).executionStarted).toBe(true);
		expect((await callWebhook({ body, workflowId, nodeId: 'node-2' })).executionStarted).toBe(true);
		expect((await callWebhook({ body, workflowId, mode: 'manual' })).executionStarted).toBe(true);
		expect((await callWebhook({ body, workflowId: freshWorkflowId() })).executionStarted).toBe(
			true,
		);
		expect((await callWebhook({ body, workflowId })).executionStarted).toBe(false);
	});

	it('holds the last 1,000 task_ids per trigger node', async () => {
		const workflowId = freshWorkflowId();
		for (let n = 0; n < 1001; n++) {
			const outcome = await callWebhook({ body: failureCallback(taskId(10_000 + n)), workflowId });
			expect(outcome.executionStarted).toBe(true);
		}
		// The oldest was forgotten, the most recent is remembered.
		expect(
			(await callWebhook({ body: failureCallback(taskId(10_000)), workflowId })).executionStarted,
		).toBe(true);
		expect(
			(await callWebhook({ body: failureCallback(taskId(11_000)), workflowId })).response,
		).toMatchObject({
			duplicate: true,
		});
	}, 60_000);
});

describe('webhookMethods: local state only', () => {
	const productionUrl = 'http://localhost:5678/webhook/abc/mavi';
	const testUrl = 'http://localhost:5678/webhook-test/abc/mavi';

	it('create registers the webhook; checkExists sees it; delete clears it and the memory', async () => {
		const workflowId = freshWorkflowId();
		const methods = trigger.webhookMethods.default;
		const activate = fakeHookFunctions({ workflowId, mode: 'trigger', url: productionUrl });
		expect(await methods.checkExists.call(activate)).toBe(false);
		expect(await methods.create.call(activate)).toBe(true);
		expect(await methods.checkExists.call(activate)).toBe(true);

		const body = transcriptionCallback(taskId(20), speakerSegments(1));
		await callWebhook({ body, workflowId });
		expect((await callWebhook({ body, workflowId })).response).toMatchObject({ duplicate: true });

		// Stopping a test listen (n8n calls delete with mode 'internal') leaves production alone.
		const listen = fakeHookFunctions({ workflowId, mode: 'manual', url: testUrl });
		await methods.create.call(listen);
		const stopListening = fakeHookFunctions({
			workflowId,
			mode: 'internal',
			url: testUrl,
		});
		expect(await methods.delete.call(stopListening)).toBe(true);
		expect((await callWebhook({ body, workflowId })).response).toMatchObject({ duplicate: true });

		const scopesBefore = scopeCount();
		const deactivate = fakeHookFunctions({
			workflowId,
			mode: 'internal',
			url: productionUrl,
		});
		expect(await methods.delete.call(deactivate)).toBe(true);
		expect(scopeCount()).toBe(scopesBefore - 1);
		expect(await methods.checkExists.call(activate)).toBe(false);
		expect((await callWebhook({ body, workflowId })).executionStarted).toBe(true);
	});

	it('delete of a webhook this process never created changes nothing and does not throw', async () => {
		const hook = fakeHookFunctions({
			workflowId: freshWorkflowId(),
			mode: 'internal',
			url: productionUrl,
		});
		await expect(trigger.webhookMethods.default.delete.call(hook)).resolves.toBe(true);
	});
});
