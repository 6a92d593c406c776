'use strict';
// The published Mavi Transcription Trigger in a real n8n,
// fed by the simulator's callbacks and by hand-made (also hostile) requests.
const fs = require('node:fs');

const { SEGMENT_ITEM_KEYS } = require('../support/segmentKeys');
const { nodeItems } = require('../../tools/n8n-harness/client');
const { publishTrigger, useMaviEnvironment } = require('./support/environment');
const { secretLeaks } = require('./support/leaks');
const { logLinesWith } = require('./support/n8nLog');
const { E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const { makeWav } = require('../../tools/mavi-simulator/wav');
const wf = require('../../tools/n8n-harness/workflows');

jest.setTimeout(120000);

let n8n;
let client;
let simulator;
let credential;
let simulatorLog;
let trigger; // { id, webhookPath }
let starter; // Manual -> Read -> Upload -> Start, file chosen per run
const workflowIds = [];
const withToken = { query: { token: E2E_WEBHOOK_TOKEN } };

const triggerItems = (execution) => nodeItems(execution, wf.TRIGGER_NAME);
const executionTaskIds = (executions) => executions.map((e) => triggerItems(e)[0].task_id);

/** Runs the Start workflow on a WAV whose name steers the simulator; returns the task_id. */
async function startTask(fileName) {
	fs.writeFileSync(n8n.filePath(fileName), makeWav({ seconds: 4 }));
	const workflow = wf.uploadWorkflow({
		name: `e2e b: start ${fileName}`,
		filePath: n8n.filePath(fileName),
		credential,
		steps: [wf.startStep()],
	});
	const created = await client.createWorkflow(workflow);
	workflowIds.push(created.id);
	const execution = await client.runManual(created.id);
	expect(execution.status).toBe('success');
	return nodeItems(execution, 'Start')[0].task_id;
}

/**
 * Sends a valid callback and waits for its own execution, then for every execution to finish:
 * an execution that a rejected request had wrongly started would be counted by then.
 */
async function barrier() {
	const body = wf.transcriptionCallback(wf.randomTaskId());
	const res = await client.postWebhook(trigger.webhookPath, body, withToken);
	expect(res.status).toBe(200);
	await waitForTask(body.task_id);
	return client.waitForIdle(trigger.id);
}

const waitForTask = (taskId) =>
	client.waitForExecutionWhere(trigger.id, (e) => (triggerItems(e) || [])[0]?.task_id === taskId);

const countExecutions = async () => (await client.listExecutions(trigger.id)).length;

beforeAll(async () => {
	({ n8n, client, simulator, simulatorLog, credential } = await useMaviEnvironment({
		label: 'trigger',
		credentialName: 'Mavi e2e (trigger)',
		simulatorOptions: { segments: 3 },
	}));
	trigger = await publishTrigger(client, { name: 'e2e b: trigger', credential });
	workflowIds.push(trigger.id);
	simulator.setWebhookUrl(
		`${n8n.state.url}/webhook/${trigger.webhookPath}?token=${E2E_WEBHOOK_TOKEN}`,
	);
});

afterAll(async () => {
	if (simulator) await simulator.stop();
	if (n8n) await n8n.close();
});

test('b. simulator async task -> callback -> one item per segment in the published trigger', async () => {
	const taskId = await startTask('trigger-meeting.wav');
	await simulator.waitForCallbacks(1, 15000);
	expect(simulator.stats().callbacks[0]).toMatchObject({ task_id: taskId, ok: true });
	const execution = await waitForTask(taskId);
	expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
	const items = triggerItems(execution);
	expect(items).toHaveLength(3);
	items.forEach((item, index) => {
		expect(Object.keys(item).sort()).toEqual(SEGMENT_ITEM_KEYS);
		expect(item).toMatchObject({
			task_id: taskId,
			segment_index: index,
			segment_count: items.length,
			model: 'whisper-1',
			text: expect.any(String),
		});
		expect(item.duration).toBeCloseTo(item.end_time - item.start_time, 3);
	});
});

test('b. the documented callback gives exactly the documented item', async () => {
	const before = await countExecutions();
	const taskId = '016c7052f8224d5c971e35b7d08972fc';
	const res = await client.postWebhook(
		trigger.webhookPath,
		wf.transcriptionCallback(taskId),
		withToken,
	);
	expect(res.status).toBe(200);
	// What n8n itself sends back for a callback that starts an execution.
	expect(res.body).toEqual({ received: true, task_id: taskId });
	const execution = await waitForTask(taskId);
	expect(await countExecutions()).toBe(before + 1);
	expect(triggerItems(execution)).toEqual([
		{
			task_id: taskId,
			segment_index: 0,
			segment_count: 1,
			start_time: 0,
			end_time: 2,
			duration: 2,
			text: 'Oh',
			speaker: null,
			model: 'whisper-1',
			audio_duration: 2,
		},
	]);
});

test('b. missing or wrong token: 401 and no execution; header token works', async () => {
	const before = await countExecutions();
	const body = wf.transcriptionCallback(wf.randomTaskId());
	const missing = await client.postWebhook(trigger.webhookPath, body);
	const wrong = await client.postWebhook(trigger.webhookPath, body, {
		query: { token: 'not-the-token' },
	});
	expect([missing.status, wrong.status]).toEqual([401, 401]);
	expect(missing.text + wrong.text).not.toContain(E2E_WEBHOOK_TOKEN);
	const viaHeader = await client.postWebhook(
		trigger.webhookPath,
		wf.transcriptionCallback(wf.randomTaskId()),
		{
			headers: { 'x-mavi-token': E2E_WEBHOOK_TOKEN },
		},
	);
	expect(viaHeader.status).toBe(200);
	const executions = await barrier();
	expect(executions).toHaveLength(before + 2);
	expect(executionTaskIds(executions)).not.toContain(body.task_id);
});

test('b. the same callback delivered twice gives one execution', async () => {
	const before = await countExecutions();
	const body = wf.transcriptionCallback(wf.randomTaskId());
	const first = await client.postWebhook(trigger.webhookPath, body, withToken);
	const second = await client.postWebhook(trigger.webhookPath, body, withToken);
	expect([first.status, second.status]).toEqual([200, 200]);
	const executions = await barrier();
	expect(executions).toHaveLength(before + 2);
	expect(executionTaskIds(executions).filter((id) => id === body.task_id)).toHaveLength(1);
});

test('b. a failed task arrives as one failed item', async () => {
	const before = await countExecutions();
	const delivered = simulator.stats().callbacks.length;
	const taskId = await startTask('trigger-failtask.wav');
	await simulator.waitForCallbacks(delivered + 1, 15000);
	const execution = await waitForTask(taskId);
	expect(triggerItems(execution)).toEqual([
		{ task_id: taskId, failed: true, error: expect.any(String), code: expect.anything() },
	]);
});

/** POSTs a callback, expects 2xx, and returns the execution it started. */
async function deliverAndRead(body) {
	const res = await client.postWebhook(trigger.webhookPath, body, withToken);
	expect(res.status).toBe(200);
	return waitForTask(body.task_id);
}

test('a segment with end_time null costs nothing but its own end time', async () => {
	const before = await countExecutions();
	const texts = ['one', 'two', 'three', 'four', 'five'];
	const segments = texts.map((text, i) => ({
		start_time: i * 2,
		end_time: i === 2 ? null : i * 2 + 2,
		text: ` ${text}`,
		speaker: null,
	}));
	const body = wf.transcriptionCallback(wf.randomTaskId(), segments, 10);
	const execution = await deliverAndRead(body);
	const items = triggerItems(execution);
	expect(items.map((item) => item.text)).toEqual(texts);
	expect(items[2]).toMatchObject({
		end_time: null,
		duration: null,
		warnings: ['end_time is not a number'],
	});
	for (const i of [0, 1, 3, 4]) expect(Object.keys(items[i]).sort()).toEqual(SEGMENT_ITEM_KEYS);
	expect(await barrier()).toHaveLength(before + 2);
});

test('a valid envelope with data.data = {summary} is 2xx, no execution, one log line', async () => {
	const before = await countExecutions();
	const body = { ...wf.transcriptionCallback(wf.randomTaskId()) };
	body.data = { ...body.data, data: { summary: 'The meeting agreed on a date.' } };
	const res = await client.postWebhook(trigger.webhookPath, body, withToken);
	expect(res.status).toBe(200);
	expect(res.body).toMatchObject({ received: true, ignored: true, task_id: body.task_id });
	const lines = await logLinesWith(n8n.state.logFile, [
		'callback started no execution',
		`task_id "${body.task_id}"`,
	]);
	process.stderr.write(`[summary ignored] n8n log line: ${lines[0]}\n`);
	expect(lines).toHaveLength(1);
	expect(lines[0]).toMatch(/HTTP 200: Not a transcript.*"Pass Through Other Results" is off/);
	expect(lines[0]).not.toContain('meeting agreed');
	expect(await barrier()).toHaveLength(before + 1);
});

test('a named-speaker callback gives items with speaker Alice and Bob', async () => {
	const taskId = wf.randomTaskId();
	const body = {
		code: 200,
		message: 'SUCCESS',
		data: {
			data: {
				audio_transcription: [
					{ start_time: 0, end_time: 1.5, speaker: 'Alice', text: ' Hello Bob.' },
					{ start_time: 1.5, end_time: 3, speaker: 'Bob', text: ' Hi Alice.' },
				],
				usage_metadata: [{ model: 'multi-speaker', duration: 3 }],
			},
			msg: 'ok',
			success: true,
		},
		task_id: taskId,
	};
	const execution = await deliverAndRead(body);
	expect(triggerItems(execution).map(({ speaker, text }) => ({ speaker, text }))).toEqual([
		{ speaker: 'Alice', text: 'Hello Bob.' },
		{ speaker: 'Bob', text: 'Hi Alice.' },
	]);
});

test('e. broken callback bodies get a 4xx, start no execution, and n8n keeps serving', async () => {
	const before = await countExecutions();
	const json = { 'content-type': 'application/json' };
	const hostile = [
		{ body: '{"task_id": "0123', headers: json },
		{ body: '[1,2,3]', headers: json },
		{ body: '{}', headers: json },
		{ body: '"just a string"', headers: json },
		{
			body: '{"task_id": 12345, "code": "0000", "data": {"data": {"data": "nope"}}}',
			headers: json,
		},
		{ body: 'task_id=abc', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
		{ body: 'hello', headers: { 'content-type': 'text/plain' } },
	];
	const statuses = [];
	for (const request of hostile) {
		const res = await client.postWebhook(trigger.webhookPath, request.body, {
			...withToken,
			...request,
			raw: true,
		});
		statuses.push(res.status);
	}
	expect(statuses.filter((status) => status < 400 || status >= 500)).toEqual([]);
	expect((await fetch(`${n8n.state.url}/healthz`)).status).toBe(200);
	const executions = await barrier();
	expect(executions).toHaveLength(before + 1);
});

test('JSON sent without a content type, or as octet-stream, still starts its execution', async () => {
	// From version 1.1 n8n leaves such bodies unread; the trigger reads them itself.
	for (const headers of [{}, { 'content-type': 'application/octet-stream' }]) {
		const taskId = wf.randomTaskId();
		const bytes = Buffer.from(JSON.stringify(wf.transcriptionCallback(taskId)));
		const res = await client.postWebhook(trigger.webhookPath, bytes, {
			...withToken,
			headers,
			raw: true,
		});
		expect(res.status).toBe(200);
		expect(triggerItems(await waitForTask(taskId))).toHaveLength(1);
	}
});

test('a trigger of version 1 (workflows made before 1.1) keeps working the same', async () => {
	const { workflow, webhookPath } = wf.triggerWorkflow({
		name: 'e2e b: trigger version 1',
		credential,
		typeVersion: 1,
	});
	const created = await client.createWorkflow(workflow);
	workflowIds.push(created.id);
	await client.publish(created.id);
	const taskId = wf.randomTaskId();
	const segments = [
		{ start_time: 0, end_time: 1.5, text: ' One', speaker: null },
		{ start_time: 1.5, end_time: 3, text: ' Two', speaker: null },
	];
	const bytes = Buffer.from(JSON.stringify(wf.transcriptionCallback(taskId, segments, 3)));
	const res = await client.postWebhook(webhookPath, bytes, { ...withToken, raw: true });
	expect(res.status).toBe(200);
	expect(res.body).toEqual({ received: true, task_id: taskId });
	const execution = await client.waitForExecutionWhere(
		created.id,
		(e) => (triggerItems(e) || [])[0]?.task_id === taskId,
	);
	expect(triggerItems(execution).map((item) => item.text)).toEqual(['One', 'Two']);
});

test('the webhook token is not in the exported workflow', async () => {
	const exported = await client.getWorkflow(trigger.id);
	expect(exported.nodes.map((n) => n.type)).toContain('n8n-nodes-mavi.maviTranscriptionTrigger');
	expect(JSON.stringify(exported)).not.toContain(E2E_WEBHOOK_TOKEN);
	const editorCopy = await client.rest('GET', `/workflows/${trigger.id}`);
	expect(editorCopy.text).not.toContain(E2E_WEBHOOK_TOKEN);
});

test('no API key or webhook token in n8n log, simulator log or these executions', async () => {
	const otherLogs = [simulatorLog];
	expect(await secretLeaks(client, { logFile: n8n.state.logFile, workflowIds, otherLogs })).toEqual(
		[],
	);
});
