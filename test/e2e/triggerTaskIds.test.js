'use strict';
// Task ids of every form Mavi documents reach the published trigger alike: 32 hex digits and the
// 36-character UUIDs of live audio streams; a task_id over 128 characters is a broken envelope.
const { nodeItems } = require('../../tools/n8n-harness/client');
const { E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const wf = require('../../tools/n8n-harness/workflows');
const { publishTrigger, useMaviEnvironment } = require('./support/environment');

jest.setTimeout(120000);

const STREAM_TASK = '8d3b6c1e-3f0a-4a7e-9d61-2b9a7c4e5f10';
const OTHER_STREAM_TASK = '0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f';
const withToken = { query: { token: E2E_WEBHOOK_TOKEN } };

let n8n;
let client;
let simulator;
let everyTask; // no Task IDs filter
let filtered; // Task IDs = the stream task, upper case

const triggerItems = (execution) => nodeItems(execution, wf.TRIGGER_NAME);
const taskIdsOf = (executions) => executions.map((e) => triggerItems(e)[0].task_id);

beforeAll(async () => {
	let credential;
	({ n8n, client, simulator, credential } = await useMaviEnvironment({
		label: 'task-ids',
		credentialName: 'Mavi e2e (task ids)',
	}));
	everyTask = await publishTrigger(client, { name: 'e2e: every task id', credential });
	filtered = await publishTrigger(client, {
		name: 'e2e: Task IDs filter with a UUID',
		credential,
		parameters: { taskIds: `016c7052f8224d5c971e35b7d08972fc, ${STREAM_TASK.toUpperCase()}` },
	});
});

afterAll(async () => {
	if (simulator) await simulator.stop();
	if (n8n) await n8n.close();
});

/** Delivers the callback twice to each trigger, one after the other. */
async function deliverTwice(taskId) {
	const body = wf.transcriptionCallback(taskId);
	const answers = [];
	for (const trigger of [everyTask, filtered, everyTask, filtered]) {
		const res = await client.postWebhook(trigger.webhookPath, body, withToken);
		answers.push([res.status, res.body]);
	}
	return answers;
}

test('a UUID task id is emitted, filtered and deduplicated like a 32-hex one', async () => {
	const hex = wf.randomTaskId();
	expect(await deliverTwice(STREAM_TASK)).toEqual([
		[200, { received: true, task_id: STREAM_TASK }],
		[200, { received: true, task_id: STREAM_TASK }],
		[200, expect.objectContaining({ duplicate: true, task_id: STREAM_TASK })],
		[200, expect.objectContaining({ duplicate: true, task_id: STREAM_TASK })],
	]);
	const other = await deliverTwice(OTHER_STREAM_TASK);
	expect(other[1]).toEqual([200, expect.objectContaining({ ignored: true })]);
	expect(other[2]).toEqual([200, expect.objectContaining({ duplicate: true })]);
	const last = await deliverTwice(hex);
	expect(last[0]).toEqual([200, { received: true, task_id: hex }]);

	// The last callback's execution is there, so any execution a refused one started would be too.
	await client.waitForExecutionWhere(everyTask.id, (e) => triggerItems(e)?.[0]?.task_id === hex);
	const all = await client.waitForIdle(everyTask.id);
	expect(taskIdsOf(all).sort()).toEqual([STREAM_TASK, OTHER_STREAM_TASK, hex].sort());
	const onlyListed = await client.waitForIdle(filtered.id);
	expect(taskIdsOf(onlyListed)).toEqual([STREAM_TASK]);
	const [item] = triggerItems(onlyListed[0]);
	expect(item).toMatchObject({ task_id: STREAM_TASK, text: 'Oh', segment_index: 0 });
});

test('a task_id of 129 characters is a broken envelope: 400, no execution', async () => {
	const before = (await client.listExecutions(everyTask.id)).length;
	const body = wf.transcriptionCallback('a'.repeat(129));
	const res = await client.postWebhook(everyTask.webhookPath, body, withToken);
	expect(res.status).toBe(400);
	expect(res.body).toEqual({ error: 'task_id is longer than 128 characters' });
	const fine = wf.transcriptionCallback('b'.repeat(128));
	expect((await client.postWebhook(everyTask.webhookPath, fine, withToken)).status).toBe(200);
	await client.waitForExecutionWhere(
		everyTask.id,
		(e) => triggerItems(e)?.[0]?.task_id === fine.task_id,
	);
	expect(await client.waitForIdle(everyTask.id)).toHaveLength(before + 1);
});
