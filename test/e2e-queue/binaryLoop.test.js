'use strict';
// The whole loop in queue mode with binary data in the database (n8n's
// default there): Read/Write Files from Disk -> Upload -> Start on a worker, the simulator's
// callback on a webhook process, the trigger's execution with the segments on a worker.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { nodeItems } = require('../../tools/n8n-harness/client');
const { publishTrigger } = require('../e2e/support/environment');
const { makeWav } = require('../../tools/mavi-simulator/wav');
const wf = require('../../tools/n8n-harness/workflows');
const { useQueue, callbackUrl, workerOf } = require('../../tools/n8n-harness/queue/useQueue');

jest.setTimeout(180000);

const SEGMENTS = 4;
let env;

beforeAll(async () => {
	env = await useQueue({ label: 'binary-loop', simulatorOptions: { segments: SEGMENTS } });
});

afterAll(async () => {
	if (env) await env.simulator.stop();
});

test('file -> Upload -> Start on a worker, callback -> trigger execution with the segments', async () => {
	const trigger = await publishTrigger(env.client, {
		name: 'queue: loop trigger',
		credential: env.credential,
	});
	env.simulator.setWebhookUrl(callbackUrl(env.webhooks[1], trigger.webhookPath));
	const wav = makeWav({ seconds: 3 });
	const filePath = path.join(env.state.filesDir, 'queue-loop.wav');
	fs.writeFileSync(filePath, wav);

	const upload = await env.client.createWorkflow(
		wf.uploadWorkflow({
			name: 'queue: read file, upload, start',
			filePath,
			credential: env.credential,
			steps: [wf.startStep()],
		}),
	);
	// Main offloads "Execute workflow" to the workers (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS).
	const run = await env.client.runManual(upload.id, 120000);
	expect(run.status).toBe('success');
	expect(workerOf(env.state, run.id)).toMatch(/^worker-\d$/);

	// The file travelled between nodes as binary data stored in PostgreSQL, not on disk.
	const read = run.data.resultData.runData['Read audio file'][0].data.main[0][0];
	expect(read.binary.data.id).toMatch(/^database:/);
	const [asset] = env.simulator.stats().assets;
	expect(asset.file_name).toBe('queue-loop.wav');
	const stored = env.simulator.assets.get(asset.asset_id);
	expect(stored.sha256).toBe(crypto.createHash('sha256').update(wav).digest('hex'));

	const [started] = nodeItems(run, 'Start');
	expect(started.task_id).toMatch(/^[0-9a-f]{32}$/);
	expect(started.asset_id).toBe(asset.asset_id);

	const execution = await env.client.waitForExecutionWhere(
		trigger.id,
		(e) => (nodeItems(e, wf.TRIGGER_NAME) || []).some((i) => i.task_id === started.task_id),
		60000,
	);
	expect(execution.status).toBe('success');
	expect(workerOf(env.state, execution.id)).toMatch(/^worker-\d$/);
	const segments = nodeItems(execution, wf.TRIGGER_NAME);
	expect(segments).toHaveLength(SEGMENTS);
	expect(segments.map((s) => s.segment_index)).toEqual([0, 1, 2, 3]);
	expect(segments.every((s) => typeof s.text === 'string' && s.text.length > 0)).toBe(true);
});
