'use strict';
// The one-workflow join (examples/wait-for-result-*.json: Data Table + Wait + HTTP Request to
// the resume URL) in queue mode: 30 executions of the start workflow at once, one recording
// each, through both webhook processes; they park, Mavi's callbacks come back last first, and
// every execution goes on with its own item and its own transcript. The Data Table rows live
// in PostgreSQL, which every webhook process and worker shares.
const { nodeItems } = require('../../tools/n8n-harness/client');
const { triggerWebhookPath } = require('../../tools/n8n-harness/examples');
const { sleep } = require('../../tools/n8n-harness/processes');
const { useQueue, callbackUrl } = require('../../tools/n8n-harness/queue/useQueue');
const pair = require('../e2e/support/waitForResultExample');

jest.setTimeout(300000);

const EXECUTIONS = 30;
let env;

beforeAll(async () => {
	env = await useQueue({
		label: 'wait-for-result',
		simulatorOptions: { holdCallbacks: true, rateLimit: false, assetReadyMs: 0, segments: 2 },
	});
});

afterAll(async () => {
	if (env) await env.simulator.stop();
});

async function createPublished(workflow) {
	const created = await env.client.createWorkflow(workflow);
	await env.client.publish(created.id);
	return created.id;
}

/** Polls until `count` executions of the workflow are waiting; fails on one that ended badly. */
async function waitForWaiting(workflowId, count, timeoutMs = 120000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await env.client.listExecutions(workflowId);
		const failed = list.find((e) => ['error', 'crashed'].includes(e.status));
		if (failed) throw new Error(`execution ${failed.id} ended with ${failed.status}`);
		const waiting = list.filter((e) => e.status === 'waiting');
		if (waiting.length >= count) return waiting.map((e) => e.id);
		if (Date.now() > deadline) {
			throw new Error(`${waiting.length} of ${count} executions of ${workflowId} waiting`);
		}
		await sleep(250);
	}
}

test(`${EXECUTIONS} concurrent executions park, and each goes on with its own item and transcript`, async () => {
	const table = await pair.createWaitingTable(env.client);
	const callback = pair.exampleWith('callback', env.credential);
	const callbackId = await createPublished(callback);
	env.simulator.setWebhookUrl(callbackUrl(env.webhooks[0], triggerWebhookPath(callback)));
	const startId = await createPublished(pair.exampleWith('start', env.credential));

	const recordings = await pair.withAssets(
		env.simulator,
		Array.from({ length: EXECUTIONS }, (_, i) => ({
			customer: `Customer ${i}`,
			fileName: `customer-${i}.wav`,
		})),
	);
	// All at once, spread over both webhook processes.
	const answers = await Promise.all(
		recordings.map((recording, i) =>
			env.webhooks[i % env.webhooks.length].postWebhook(pair.START_PATH, {
				recordings: [recording],
			}),
		),
	);
	expect(answers.map((res) => res.status)).toEqual(recordings.map(() => 200));
	const parked = await waitForWaiting(startId, EXECUTIONS);
	expect(parked).toHaveLength(EXECUTIONS);

	const tasks = Object.fromEntries(
		env.simulator.stats().tasks.map((task) => [task.asset_id, task.task_id]),
	);
	const held = env.simulator.stats().heldCallbacks;
	expect([...held].sort()).toEqual(recordings.map((r) => tasks[r.asset_id]).sort());
	env.simulator.releaseCallbacks({ reverse: true });
	const deliveries = await env.simulator.waitForCallbacks(EXECUTIONS, 120000);
	expect(deliveries.every((d) => d.ok)).toBe(true);

	const triggered = await env.client.waitForExecutions(callbackId, EXECUTIONS, 180000);
	const transcripts = Object.fromEntries(
		triggered.map((e) => {
			const [item] = nodeItems(e, 'Mavi Transcription Trigger');
			return [item.task_id, item];
		}),
	);
	expect(Object.keys(transcripts).sort()).toEqual([...held].sort());

	const executions = await Promise.all(parked.map((id) => env.client.waitForExecution(id, 180000)));
	expect(executions.map((e) => e.status)).toEqual(parked.map(() => 'success'));
	const outputs = executions.map((e) => nodeItems(e, pair.OUTPUT));
	expect(outputs.map((items) => items.length)).toEqual(parked.map(() => 1));
	const byCustomer = Object.fromEntries(outputs.map(([item]) => [item.customer, item]));
	for (const recording of recordings) {
		const item = byCustomer[recording.customer];
		const taskId = tasks[recording.asset_id];
		expect(item).toMatchObject({ asset_id: recording.asset_id, task_id: taskId });
		expect(item.failed).toBeUndefined();
		expect(item.text).toBe(transcripts[taskId].text);
	}
	expect(await table.rows()).toEqual([]);
});
