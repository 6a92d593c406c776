'use strict';
// Duplicate and out-of-order deliveries of Mavi callbacks. While n8n runs, the
// trigger's own memory gives one execution per task_id. Across a restart (a private n8n, so the
// shared one is not disturbed) only the shipped Remove Duplicates example keeps it at one.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { startSimulator } = require('../../tools/mavi-simulator/server.js');
const { nodeItems } = require('../../tools/n8n-harness/client');
const {
	EXAMPLES_DIR,
	prepareExample,
	triggerWebhookPath,
} = require('../../tools/n8n-harness/examples');
const { publishTrigger } = require('./support/environment');
const { secretLeaks } = require('./support/leaks');
const { E2E_API_KEY, E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const { startPrivateN8n } = require('../../tools/n8n-harness/privateN8n');
const { startRelay, startTasks } = require('./support/callbackRelay');
const wf = require('../../tools/n8n-harness/workflows');

jest.setTimeout(240000);

const TASKS = 4;
let instance;
let simulator;
let relay;
let credential;

const client = () => instance.client;
const productionUrl = (webhookPath) =>
	`${instance.n8n.url}/webhook/${webhookPath}?token=${E2E_WEBHOOK_TOKEN}`;

/** task_id -> how many items with it `nodeName` emitted, summed over all executions. */
function itemsPerTask(executions, nodeName) {
	const counts = {};
	for (const execution of executions) {
		for (const item of nodeItems(execution, nodeName) || []) {
			counts[item.task_id] = (counts[item.task_id] || 0) + 1;
		}
	}
	return counts;
}

/** Executions whose trigger emitted `taskId` (one per delivery the trigger let through). */
const executionsPerTask = (executions, taskIds) =>
	Object.fromEntries(
		taskIds.map((id) => [
			id,
			executions.filter((e) => (nodeItems(e, wf.TRIGGER_NAME) || []).some((i) => i.task_id === id))
				.length,
		]),
	);

/**
 * Every delivery was answered, and n8n answers only after it created the execution: so once at
 * least `minimum` exist and none is still running, the list is complete.
 */
async function executionsAfterDeliveries(workflowId, minimum) {
	await client().waitForExecutions(workflowId, minimum, 60000);
	return client().waitForIdle(workflowId, 60000);
}

beforeAll(async () => {
	instance = await startPrivateN8n({ label: 'duplicates' });
	simulator = await startSimulator({
		port: 0,
		apiKey: E2E_API_KEY,
		segments: 2,
		assetReadyMs: 200,
		callbackDelayMs: 20,
		duplicateDeliveries: 1,
		outOfOrder: true,
		outOfOrderWindowMs: 500,
		logFile: path.join(instance.workDir, 'simulator.log'),
	});
	relay = await startRelay();
	simulator.setWebhookUrl(relay.url);
	credential = await client().createCredential({
		name: 'Mavi e2e (duplicates)',
		apiKey: E2E_API_KEY,
		baseUrl: simulator.baseUrl,
		webhookToken: E2E_WEBHOOK_TOKEN,
	});
});

afterAll(async () => {
	if (simulator) await simulator.stop();
	if (relay) await relay.stop();
	if (instance) await instance.close();
});

test('each callback twice and out of order gives exactly one execution per task_id', async () => {
	const trigger = await publishTrigger(client(), { name: 'e2e duplicates: trigger', credential });
	relay.target = productionUrl(trigger.webhookPath);

	const taskIds = await startTasks(simulator, E2E_API_KEY, TASKS);
	const deliveries = await simulator.waitForCallbacks(TASKS * 2, 30000);
	const order = deliveries.map((d) => d.task_id);
	expect(deliveries.every((d) => d.ok)).toBe(true);
	// Out of order: the deliveries did not arrive in the order the tasks were created.
	expect(order.filter((id, i) => i === 0 || id !== order[i - 1])).not.toEqual(taskIds);

	const executions = await executionsAfterDeliveries(trigger.id, TASKS);
	const perTask = executionsPerTask(executions, taskIds);
	process.stderr.write(
		`[duplicates] ${order.length} deliveries of ${TASKS} tasks -> executions per task_id ${JSON.stringify(Object.values(perTask))}\n`,
	);
	expect(executions).toHaveLength(TASKS);
	expect(Object.values(perTask)).toEqual(taskIds.map(() => 1));
});

test('across an n8n restart, the Remove Duplicates example processes each task_id once', async () => {
	const example = JSON.parse(
		fs.readFileSync(path.join(EXAMPLES_DIR, 'trigger-remove-duplicates.json'), 'utf8'),
	);
	const triggerName = example.nodes.find(
		(n) => n.type === 'n8n-nodes-mavi.maviTranscriptionTrigger',
	).name;
	const workflow = prepareExample(example, {
		credential,
		webhookIds: { [triggerName]: crypto.randomUUID() },
	});
	workflow.name = 'e2e duplicates: Remove Duplicates example';
	const created = await client().createWorkflow(workflow);
	await client().publish(created.id);
	relay.bodies = [];
	relay.target = productionUrl(triggerWebhookPath(workflow));
	// Remove Duplicates reads its list, then writes it back whole (n8n's deduplication helper, no
	// lock): two executions that overlap can each drop the other's entry. docs/trigger.md says so;
	// here each execution ends before the next callback goes in, so the list is complete.
	relay.settle = async (bodies) => {
		const tasks = new Set(bodies.map((body) => JSON.parse(body.toString()).task_id)).size;
		await client().waitForExecutions(created.id, tasks, 60000);
		await client().waitForIdle(created.id, 60000);
	};
	const delivered = simulator.stats().callbacks.length;

	const taskIds = await startTasks(simulator, E2E_API_KEY, TASKS);
	await simulator.waitForCallbacks(delivered + TASKS * 2, 60000);
	relay.settle = null;
	const beforeRestart = await executionsAfterDeliveries(created.id, TASKS);
	expect(relay.bodies).toHaveLength(TASKS * 2);

	await instance.restart();
	await client().waitActive(created.id, 60000);
	relay.target = productionUrl(triggerWebhookPath(workflow));
	const replayed = await relay.replay();
	expect(replayed.every((status) => status === 200)).toBe(true);
	// The trigger's memory is gone after the restart: the first copy of each task runs again.
	const all = await executionsAfterDeliveries(created.id, beforeRestart.length + TASKS);
	const afterRestart = all.filter((e) => !beforeRestart.some((b) => b.id === e.id));

	const passed = itemsPerTask(all, 'Remove Duplicates');
	const triggered = executionsPerTask(all, taskIds);
	process.stderr.write(
		`[duplicates after restart] executions per task_id from the trigger: ${JSON.stringify(Object.values(triggered))}; ` +
			`items past Remove Duplicates per task_id: ${JSON.stringify(taskIds.map((id) => passed[id] || 0))}\n`,
	);
	expect(afterRestart).toHaveLength(TASKS);
	expect(Object.values(triggered)).toEqual(taskIds.map(() => 2));
	expect(taskIds.map((id) => passed[id] || 0)).toEqual(taskIds.map(() => 1));
	expect(Object.keys(passed).sort()).toEqual([...taskIds].sort());
});

test('no API key or webhook token in the n8n log (both runs), simulator log or executions', async () => {
	const workflowIds = (await client().listWorkflows()).map((w) => w.id);
	const leaks = await secretLeaks(client(), {
		logFile: instance.n8n.logFile,
		workflowIds,
		otherLogs: [path.join(instance.workDir, 'simulator.log')],
	});
	expect(leaks).toEqual([]);
});
