'use strict';
// Issue 6 R4: duplicated and out-of-order deliveries. While n8n runs, the trigger's memory
// gives one execution per task_id; across a restart, the shipped Remove Duplicates example
// still processes each task_id once. Uses its own n8n, because it restarts it.
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const { startSimulator } = require('../../scripts/simulator/server.js');
const { nodeItems } = require('./support/client');
const { loadExamples, prepareExample, triggerWebhookPath } = require('./support/examples');
const {
	ensureRuntime,
	installPackage,
	startN8n,
	bootstrapClient,
	OWNER,
} = require('./support/n8n');
const { secretLeaks } = require('./support/leaks');
const { E2E_API_KEY, E2E_WEBHOOK_TOKEN } = require('./support/secrets');
const { makeWav } = require('./support/wav');
const wf = require('./support/workflows');

jest.setTimeout(240000);

const TASKS = 3;
let runtime;
let workDir;
let n8n;
let client;
let simulator;
let relay;
let trigger; // { id, webhookPath }
const recorded = []; // every delivery the simulator made: { url, body }
const workflowIds = [];

async function startInstance(port) {
	return startN8n({
		runtime,
		port,
		userFolder: path.join(workDir, 'home'),
		filesDir: path.join(workDir, 'files'),
		logFile: path.join(workDir, 'n8n.log'),
		logLevel: 'debug',
	});
}

/** Records each delivery, then forwards it to n8n as is: lets the test replay them after a restart. */
function startRelay() {
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const body = Buffer.concat(chunks).toString('utf8');
			recorded.push({ url: req.url, body });
			try {
				const answer = await fetch(n8n.url + req.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body,
				});
				res
					.writeHead(answer.status, { 'content-type': 'application/json' })
					.end(await answer.text());
			} catch {
				res.writeHead(502).end();
			}
		});
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Items that left Remove Duplicates, per task_id, over every execution of the trigger workflow. */
async function processedPerTask() {
	const counts = {};
	for (const execution of await client.listExecutions(trigger.id, { includeData: true })) {
		for (const item of nodeItems(execution, 'Remove Duplicates') || []) {
			counts[item.task_id] = (counts[item.task_id] || 0) + 1;
		}
	}
	return counts;
}

/** A fresh callback; resolves when its execution and every earlier one have finished. */
async function barrier() {
	const body = wf.transcriptionCallback(wf.randomTaskId());
	const res = await client.postWebhook(trigger.webhookPath, body, {
		query: { token: E2E_WEBHOOK_TOKEN },
	});
	expect(res.status).toBe(200);
	await client.waitForExecutionWhere(
		trigger.id,
		(e) => (nodeItems(e, wf.TRIGGER_NAME) || [])[0]?.task_id === body.task_id,
	);
	return client.waitForIdle(trigger.id);
}

beforeAll(async () => {
	runtime = ensureRuntime();
	workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mavi-e2e-dup-'));
	installPackage(path.join(workDir, 'home'));
	n8n = await startInstance();
	client = await bootstrapClient(n8n.url);
	simulator = await startSimulator({
		port: 0,
		apiKey: E2E_API_KEY,
		assetReadyMs: 300,
		segments: 2,
		duplicateDeliveries: 1,
		outOfOrder: true,
		logFile: path.join(workDir, 'simulator.log'),
	});
	relay = await startRelay();
	const credential = await client.createCredential({
		name: 'Mavi e2e (duplicates)',
		apiKey: E2E_API_KEY,
		baseUrl: simulator.baseUrl,
		webhookToken: E2E_WEBHOOK_TOKEN,
	});
	const example = loadExamples().find((e) => e.file === 'trigger-remove-duplicates.json').workflow;
	const workflow = prepareExample(example, { credential });
	const created = await client.createWorkflow(workflow);
	await client.publish(created.id);
	trigger = { id: created.id, webhookPath: triggerWebhookPath(workflow) };
	workflowIds.push(created.id);
	const relayUrl = `http://127.0.0.1:${relay.address().port}`;
	simulator.setWebhookUrl(`${relayUrl}/webhook/${trigger.webhookPath}?token=${E2E_WEBHOOK_TOKEN}`);
	// One manual run uploads TASKS files and starts TASKS transcriptions.
	for (let i = 0; i < TASKS; i++)
		fs.writeFileSync(path.join(workDir, `files/dup-${i}.wav`), makeWav(3));
	const starter = await client.createWorkflow(
		wf.uploadWorkflow({
			name: 'e2e R4: start tasks',
			filePath: path.join(workDir, 'files/dup-*.wav'),
			credential,
			steps: [wf.startStep()],
		}),
	);
	workflowIds.push(starter.id);
	const execution = await client.runManual(starter.id);
	expect(execution.status).toBe('success');
	expect(nodeItems(execution, 'Start')).toHaveLength(TASKS);
});

afterAll(async () => {
	if (simulator) await simulator.stop();
	if (relay) await new Promise((resolve) => relay.close(resolve));
	if (n8n) await n8n.stop();
	if (workDir && !process.env.MAVI_E2E_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
});

test('R4: each callback delivered twice, out of order: one execution per task_id', async () => {
	const deliveries = await simulator.waitForCallbacks(TASKS * 2, 30000);
	expect(deliveries.every((d) => d.ok)).toBe(true);
	const executions = await barrier();
	const taskIds = executions.map((e) => nodeItems(e, wf.TRIGGER_NAME)[0].task_id);
	expect(executions).toHaveLength(TASKS + 1);
	expect(new Set(taskIds).size).toBe(TASKS + 1);
	process.stdout.write(
		`[R4] while running: ${deliveries.length} deliveries of ${TASKS} tasks -> ${executions.length - 1} executions\n`,
	);
});

test('R4: after a restart, replayed deliveries are still processed once per task_id', async () => {
	const before = (await client.listExecutions(trigger.id)).length;
	await n8n.stop();
	n8n = await startInstance(n8n.port);
	await client.setupOwnerOrLogin(OWNER);
	await client.waitActive(trigger.id); // n8n re-activates published workflows at start
	for (const delivery of recorded.slice(0, TASKS * 2)) {
		const res = await client.request('POST', delivery.url, {
			body: delivery.body,
			raw: true,
			headers: { 'content-type': 'application/json' },
		});
		expect(res.status).toBe(200);
	}
	const executions = await barrier();
	const replayed = executions.length - before - 1;
	const processed = await processedPerTask();
	expect(Object.values(processed).every((count) => count === 1)).toBe(true);
	expect(Object.keys(processed)).toHaveLength(TASKS + 2); // the tasks and both barriers
	process.stdout.write(
		`[R4] after restart: ${TASKS * 2} replayed deliveries -> ${replayed} trigger executions, ` +
			`Remove Duplicates processed each task_id once (${JSON.stringify(Object.values(processed))})\n`,
	);
});

test('R5: no API key or webhook token in n8n log, simulator log or executions', async () => {
	const leaks = await secretLeaks(client, {
		logFile: path.join(workDir, 'n8n.log'),
		workflowIds,
		otherLogs: [path.join(workDir, 'simulator.log')],
	});
	expect(leaks).toEqual([]);
});
