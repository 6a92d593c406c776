'use strict';
// The trigger in queue mode. Production webhooks are served by the
// two `n8n webhook` processes (main has N8N_DISABLE_PRODUCTION_MAIN_PROCESS), executions run on
// the workers. The trigger's duplicate memory is per webhook process; the Remove Duplicates
// recipe (n8n's database) holds across them.
const { nodeItems } = require('../../tools/n8n-harness/client');
const { publishTrigger } = require('../e2e/support/environment');
const { E2E_API_KEY } = require('../../tools/n8n-harness/secrets');
const { startRelay, startTasks } = require('../e2e/support/callbackRelay');
const wf = require('../../tools/n8n-harness/workflows');
const { useQueue, callbackUrl, workerOf } = require('../../tools/n8n-harness/queue/useQueue');

jest.setTimeout(180000);

const SEGMENTS = 3;
let env;
let relay;

beforeAll(async () => {
	env = await useQueue({ label: 'callbacks', simulatorOptions: { segments: SEGMENTS } });
	relay = await startRelay();
	env.simulator.setWebhookUrl(relay.url);
});

afterAll(async () => {
	if (relay) await relay.stop();
	if (env) await env.simulator.stop();
});

/** One real async task on the simulator, its callback relayed to `target`; resolves the task id. */
async function deliverNewTask(target) {
	relay.target = target;
	const before = env.simulator.stats().callbacks.length;
	const [taskId] = await startTasks(env.simulator, E2E_API_KEY, 1);
	const deliveries = await env.simulator.waitForCallbacks(before + 1, 30000);
	return { taskId, delivery: deliveries.find((d) => d.task_id === taskId) };
}

describe('Mavi Transcription Trigger on the webhook processes of queue mode', () => {
	let trigger;

	beforeAll(async () => {
		trigger = await publishTrigger(env.client, {
			name: 'queue: trigger per segment',
			credential: env.credential,
		});
	});

	test('main does not serve production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS)', async () => {
		const res = await env.client.postWebhook(trigger.webhookPath, {}, { retryMs: 0 });
		expect(res.status).toBe(404);
	});

	test.each([0, 1])(
		"the simulator's callback to webhook process %i starts one execution on a worker, one item per segment",
		async (index) => {
			const before = (await env.client.listExecutions(trigger.id)).length;
			const { taskId, delivery } = await deliverNewTask(
				callbackUrl(env.webhooks[index], trigger.webhookPath),
			);
			expect(delivery.status).toBe(200);
			const [execution] = (
				await env.client.waitForExecutions(trigger.id, before + 1, 60000)
			).filter((e) => (nodeItems(e, wf.TRIGGER_NAME) || []).some((i) => i.task_id === taskId));
			expect(execution.status).toBe('success');
			expect(execution.mode).toBe('webhook');
			const items = nodeItems(execution, wf.TRIGGER_NAME);
			expect(items).toHaveLength(SEGMENTS);
			expect(items.map((i) => i.segment_index)).toEqual([0, 1, 2]);
			expect(items.every((i) => i.task_id === taskId && i.segment_count === SEGMENTS)).toBe(true);
			expect(workerOf(env.state, execution.id)).toMatch(/^worker-\d$/);
		},
	);

	test.each([0, 1])(
		'a wrong token on webhook process %i gets 401 and starts nothing',
		async (index) => {
			const before = (await env.client.listExecutions(trigger.id)).length;
			const res = await env.webhooks[index].postWebhook(
				trigger.webhookPath,
				wf.transcriptionCallback(wf.randomTaskId()),
				{ query: { token: 'not-the-token' } },
			);
			expect(res.status).toBe(401);
			// A started execution would be listed by now: a valid callback's is within ~1 s.
			await new Promise((resolve) => setTimeout(resolve, 3000));
			expect(await env.client.listExecutions(trigger.id)).toHaveLength(before);
		},
	);
});

describe('one callback delivered to each webhook process', () => {
	/**
	 * The simulator's callback goes to webhook process 0; once that run finished, the very same
	 * body is delivered again to webhook process 1 (a redelivery behind a load balancer).
	 */
	async function deliverToBoth(workflowId, webhookPath) {
		const { taskId } = await deliverNewTask(callbackUrl(env.webhooks[0], webhookPath));
		await env.client.waitForExecutions(workflowId, 1, 60000);
		relay.target = callbackUrl(env.webhooks[1], webhookPath);
		const redelivery = await relay.post(relay.bodies[relay.bodies.length - 1]);
		expect(redelivery.status).toBe(200);
		const executions = await env.client.waitForExecutions(workflowId, 2, 60000);
		return { taskId, executions };
	}

	test('the trigger alone runs twice: its duplicate memory is per process (as documented)', async () => {
		const trigger = await publishTrigger(env.client, {
			name: 'queue: trigger alone',
			credential: env.credential,
		});
		const { taskId, executions } = await deliverToBoth(trigger.id, trigger.webhookPath);
		expect(executions).toHaveLength(2);
		for (const execution of executions) {
			expect(nodeItems(execution, wf.TRIGGER_NAME)).toHaveLength(SEGMENTS);
			expect(nodeItems(execution, wf.TRIGGER_NAME)[0].task_id).toBe(taskId);
		}
	});

	test('with the Remove Duplicates recipe, one item comes out in all', async () => {
		const { workflow, webhookPath } = wf.triggerWorkflow({
			name: 'queue: trigger + Remove Duplicates',
			credential: env.credential,
			parameters: { output: 'transcript' },
		});
		workflow.nodes[1] = {
			...workflow.nodes[1],
			name: 'Remove Duplicates',
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			parameters: {
				operation: 'removeItemsSeenInPreviousExecutions',
				dedupeValue: '={{ $json.task_id }}',
				options: {},
			},
		};
		workflow.connections = wf.linearWorkflow('', workflow.nodes).connections;
		const created = await env.client.createWorkflow(workflow);
		await env.client.publish(created.id);
		const { taskId, executions } = await deliverToBoth(created.id, webhookPath);
		const passed = executions.flatMap((e) => nodeItems(e, 'Remove Duplicates') || []);
		expect(passed).toHaveLength(1);
		expect(passed[0].task_id).toBe(taskId);
		expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
	});
});

describe('a new Webhook Token on the webhook processes', () => {
	const OLD_VALUE = 'queue-rotation-old-0123456789';
	const NEW_VALUE = 'queue-rotation-new-9876543210';

	test('publishing again makes it count at once on both, though each had cached the old one', async () => {
		const data = { apiKey: E2E_API_KEY, baseUrl: env.simulator.baseUrl };
		const credential = await env.client.createCredential({
			name: 'Mavi queue (token rotation)',
			...data,
			webhookToken: OLD_VALUE,
		});
		const trigger = await publishTrigger(env.client, { name: 'queue: token rotation', credential });
		const deliver = async (webhook, token) =>
			(
				await webhook.postWebhook(
					trigger.webhookPath,
					wf.transcriptionCallback(wf.randomTaskId()),
					{ query: { token } },
				)
			).status;
		const cachedAt = Date.now();
		for (const webhook of env.webhooks) expect(await deliver(webhook, OLD_VALUE)).toBe(200);

		const changed = await env.client.rest('PATCH', `/credentials/${credential.id}`, {
			name: credential.name,
			type: 'maviApi',
			data: { ...data, webhookToken: NEW_VALUE },
		});
		expect(changed.status).toBe(200);
		await env.client.unpublish(trigger.id);
		await env.client.publish(trigger.id);

		for (const webhook of env.webhooks) {
			expect(await deliver(webhook, OLD_VALUE)).toBe(401);
			expect(await deliver(webhook, NEW_VALUE)).toBe(200);
		}
		// Within the 30 s each process keeps a token it read: the cache was there to be bypassed.
		expect(Date.now() - cachedAt).toBeLessThan(30_000);
		expect(await env.client.waitForExecutions(trigger.id, 4, 60000)).toHaveLength(4);
	});
});
