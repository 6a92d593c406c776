import {
	BoundedIdSet,
	dedupeScope,
	forget,
	MAX_NODES,
	remember,
	scopeCount,
	wasSeen,
} from '../../nodes/Mavi/trigger/dedupe';
import { callWebhook, freshWorkflowId } from './fakeWebhook';
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

describe('dedupe helper', () => {
	it('BoundedIdSet forgets the oldest id beyond its capacity', () => {
		const set = new BoundedIdSet(3);
		for (const id of ['a', 'b', 'c', 'a', 'd']) set.add(id);
		expect(set.size).toBe(3);
		expect(set.has('a')).toBe(false);
		expect(['b', 'c', 'd'].every((id) => set.has(id))).toBe(true);
	});

	it('scopes separate workflows, nodes, and test from production', () => {
		expect(dedupeScope('w', 'n', 'webhook')).toBe(dedupeScope('w', 'n', 'trigger'));
		expect(dedupeScope('w', 'n', 'webhook')).not.toBe(dedupeScope('w', 'n', 'manual'));
		expect(dedupeScope('w', 'n', 'webhook')).not.toBe(dedupeScope('w', 'm', 'webhook'));
		expect(dedupeScope('w', 'n', 'webhook')).not.toBe(dedupeScope(undefined, 'n', 'webhook'));
	});

	it('remembers per scope and forgets a whole scope', () => {
		const scope = dedupeScope('dedupe-test', 'n', 'webhook');
		expect(wasSeen(scope, 't1')).toBe(false);
		remember(scope, 't1');
		expect(wasSeen(scope, 't1')).toBe(true);
		expect(wasSeen(dedupeScope('dedupe-test', 'n', 'manual'), 't1')).toBe(false);
		forget(scope);
		expect(wasSeen(scope, 't1')).toBe(false);
	});

	it('holds at most MAX_NODES scopes, dropping the least recently used', () => {
		const first = dedupeScope('lru-0', 'n', 'webhook');
		remember(first, 'x');
		for (let i = 1; i <= MAX_NODES; i++) remember(dedupeScope(`lru-${i}`, 'n', 'webhook'), 'x');
		expect(scopeCount()).toBeLessThanOrEqual(MAX_NODES);
		expect(wasSeen(first, 'x')).toBe(false);
		expect(wasSeen(dedupeScope(`lru-${MAX_NODES}`, 'n', 'webhook'), 'x')).toBe(true);
	});
});
