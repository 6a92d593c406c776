'use strict';
// Start, wait for Mavi's callbacks and go on with the same items, in one execution: the example
// pair (Data Table + Wait + HTTP Request to the resume URL) in the real n8n. The simulator holds
// the callbacks until the execution waits, then delivers them last first.
const { nodeItems } = require('../../tools/n8n-harness/client');
const { triggerWebhookPath } = require('../../tools/n8n-harness/examples');
const { sleep } = require('../../tools/n8n-harness/processes');
const { E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const { useMaviEnvironment } = require('./support/environment');
const {
	START_PATH,
	OUTPUT,
	exampleWith,
	createWaitingTable,
	withAssets,
} = require('./support/waitForResultExample');

jest.setTimeout(240000);

let n8n;
let client;
let simulator;
let credential;
let table;
let callbackWorkflowId;

async function createPublished(workflow) {
	const created = await client.createWorkflow(workflow);
	await client.publish(created.id);
	return created.id;
}

/** Polls until the workflow has an execution in status `waiting` that is not in `seen`. */
async function waitForWaiting(workflowId, seen, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await client.listExecutions(workflowId);
		const waiting = list.find((e) => e.status === 'waiting' && !seen.includes(e.id));
		if (waiting) return waiting.id;
		const failed = list.find((e) => ['error', 'crashed'].includes(e.status));
		if (failed) throw new Error(`execution ${failed.id} ended with ${failed.status}`);
		if (Date.now() > deadline) throw new Error(`no waiting execution of ${workflowId}`);
		await sleep(150);
	}
}

async function waitForNew(workflowId, seen) {
	for (;;) {
		const found = (await client.listExecutions(workflowId)).find((e) => !seen.includes(e.id));
		if (found) return found.id;
		await sleep(150);
	}
}

/** POSTs the recordings to the start workflow; resolves the id of the execution now waiting. */
async function startAndPark(workflowId, path, recordings) {
	const seen = (await client.listExecutions(workflowId)).map((e) => e.id);
	const res = await client.postWebhook(path, { recordings });
	expect(res.status).toBe(200);
	return waitForWaiting(workflowId, seen);
}

const tableRows = () => table.rows();

/** Uploads one recording per file stem, for Acme, Globex and Initech in that order. */
const recordingsFor = (fileStems) =>
	withAssets(
		simulator,
		fileStems.map((stem, i) => ({
			customer: ['Acme', 'Globex', 'Initech'][i],
			fileName: `${stem}.wav`,
		})),
	);

/** The task each asset got, from the simulator's own record. */
const taskOfAsset = () =>
	Object.fromEntries(simulator.stats().tasks.map((task) => [task.asset_id, task.task_id]));

/** The transcript item the trigger emitted for each task. */
async function triggerTranscripts(count) {
	const executions = await client.waitForExecutions(callbackWorkflowId, count, 60000);
	return Object.fromEntries(
		executions.map((e) => {
			const [item] = nodeItems(e, 'Mavi Transcription Trigger');
			return [item.task_id, item];
		}),
	);
}

/** Releases the held callbacks last first and returns the order they were delivered in. */
async function deliverInReverse() {
	const held = simulator.stats().heldCallbacks;
	const before = simulator.stats().callbacks.length;
	simulator.releaseCallbacks({ reverse: true });
	const deliveries = await simulator.waitForCallbacks(before + held.length, 30000);
	expect(deliveries.slice(before).every((d) => d.ok)).toBe(true);
	return { held, delivered: deliveries.slice(before).map((d) => d.task_id) };
}

// Proven on the 2.x line. On 1.123 the examples' Data Table nodes find no table by name ("Could not
// find the data table"), and with the table picked by ID the start execution was not listed as
// waiting within a minute: the examples are documented for 2.x.
const onDataTableLine = globalThis.MAVI_N8N_LINE === '1x' ? describe.skip : describe;

onDataTableLine('the one-workflow join: Data Table + Wait + resume URL', () => {
	beforeAll(async () => {
		({ n8n, client, simulator, credential } = await useMaviEnvironment({
			label: 'wait-for-result',
			credentialName: 'Mavi e2e (wait for result)',
			simulatorOptions: { holdCallbacks: true, rateLimit: false, assetReadyMs: 0, segments: 2 },
		}));
		table = await createWaitingTable(client);
		const callback = exampleWith('callback', credential);
		callbackWorkflowId = await createPublished(callback);
		simulator.setWebhookUrl(
			`${n8n.state.url}/webhook/${triggerWebhookPath(callback)}?token=${E2E_WEBHOOK_TOKEN}`,
		);
	});

	afterAll(async () => {
		if (simulator) await simulator.stop();
		if (n8n) await n8n.close();
	});

	describe('one execution starts three tasks, waits, and goes on with each item and its result', () => {
		let startId;
		beforeAll(async () => {
			startId = await createPublished(exampleWith('start', credential));
		});

		test('callbacks in reverse order: each item keeps its own fields and gets its own transcript', async () => {
			const recordings = await recordingsFor(['acme', 'globex', 'initech']);
			const executionId = await startAndPark(startId, START_PATH, recordings);
			const tasks = taskOfAsset();
			// Parked with one pending row per item, each already knowing its task.
			const rows = await tableRows();
			expect(rows.map((row) => [row.state, row.task_id]).sort()).toEqual(
				recordings.map((r) => ['pending', tasks[r.asset_id]]).sort(),
			);

			const held = simulator.stats().heldCallbacks;
			expect(held).toEqual(recordings.map((r) => tasks[r.asset_id]));
			// Last first, one at a time: a result while others are pending stores it and resumes nothing.
			for (const taskId of [...held].reverse().slice(0, -1)) {
				simulator.releaseCallbacks({ taskIds: [taskId] });
				const handled = await client.waitForExecutionWhere(callbackWorkflowId, (e) =>
					(nodeItems(e, 'Mavi Transcription Trigger') || []).some((i) => i.task_id === taskId),
				);
				expect(nodeItems(handled, 'Was it the last one?')).toEqual([]);
				expect((await client.readExecution(executionId)).status).toBe('waiting');
			}
			const { delivered } = await deliverInReverse();
			expect(delivered).toEqual([held[0]]);

			const execution = await client.waitForExecution(executionId, 60000);
			expect(execution.status).toBe('success');
			const transcripts = await triggerTranscripts(3);
			const items = nodeItems(execution, OUTPUT);
			expect(items.map((item) => [item.customer, item.asset_id, item.task_id])).toEqual(
				recordings.map((r) => [r.customer, r.asset_id, tasks[r.asset_id]]),
			);
			for (const item of items) {
				expect(item.text).toBe(transcripts[item.task_id].text);
				expect(item.srt).toBe(transcripts[item.task_id].srt);
				expect(item.failed).toBeUndefined();
			}
			expect(await tableRows()).toEqual([]);
		});

		test('a failed task gives its item an error with its task_id; the others get transcripts', async () => {
			const recordings = await recordingsFor(['acme-2', 'globex-failtask', 'initech-2']);
			const executionId = await startAndPark(startId, START_PATH, recordings);
			const tasks = taskOfAsset();
			await deliverInReverse();
			const execution = await client.waitForExecution(executionId, 60000);
			expect(execution.status).toBe('success');
			const items = nodeItems(execution, OUTPUT);
			expect(items.map((item) => item.customer)).toEqual(['Acme', 'Globex', 'Initech']);
			expect(items[1]).toMatchObject({
				customer: 'Globex',
				task_id: tasks[recordings[1].asset_id],
				failed: true,
				error: expect.any(String),
			});
			for (const i of [0, 2]) {
				expect(items[i]).toMatchObject({
					task_id: tasks[recordings[i].asset_id],
					text: expect.any(String),
				});
				expect(items[i].failed).toBeUndefined();
			}
			expect(await tableRows()).toEqual([]);
		});

		test('results that arrive while the execution is still starting tasks do not resume it early', async () => {
			const recordings = await recordingsFor(['acme-4', 'globex-4', 'initech-4']);
			const seen = (await client.listExecutions(startId)).map((e) => e.id);
			expect((await client.postWebhook(START_PATH, { recordings })).status).toBe(200);
			// Each callback goes out as soon as its task is noted in the table (before that, the example
			// cannot match it: see docs/trigger.md), however far the execution has got.
			const released = [];
			while (released.length < recordings.length) {
				const noted = (await tableRows()).map((row) => row.task_id).filter(Boolean);
				const ready = simulator.stats().heldCallbacks.filter((id) => noted.includes(id));
				if (ready.length > 0) {
					simulator.releaseCallbacks({ taskIds: ready });
					released.push(...ready);
				}
				await sleep(20);
			}
			const tasks = taskOfAsset();
			const execution = await client.waitForExecution(await waitForNew(startId, seen), 90000);
			expect(execution.status).toBe('success');
			expect(nodeItems(execution, OUTPUT).map((item) => [item.customer, item.task_id])).toEqual(
				recordings.map((r) => [r.customer, tasks[r.asset_id]]),
			);
			expect(nodeItems(execution, OUTPUT).every((item) => typeof item.text === 'string')).toBe(
				true,
			);
		});

		test('n8n restarts while the execution waits; callbacks after the restart still resume it', async () => {
			const recordings = await recordingsFor(['acme-3', 'globex-3']);
			const executionId = await startAndPark(startId, START_PATH, recordings);
			const tasks = taskOfAsset();
			await n8n.restart();
			await client.waitActive(callbackWorkflowId);
			await deliverInReverse();
			const execution = await client.waitForExecution(executionId, 60000);
			expect(execution.status).toBe('success');
			expect(nodeItems(execution, OUTPUT).map((item) => [item.customer, item.task_id])).toEqual(
				recordings.map((r) => [r.customer, tasks[r.asset_id]]),
			);
		});
	});

	test('after the Wait times out, the item errors with its task_id; the late result still reaches the trigger', async () => {
		const workflow = exampleWith('start', credential);
		const path = `${START_PATH}-timeout`;
		workflow.name += ' (10 s timeout)';
		for (const node of workflow.nodes) {
			if (node.name === 'Receive recordings') {
				node.parameters.path = path;
				node.webhookId = '6d1f0a10-0006-4a00-8000-0000000001ff';
			}
			if (node.name === 'Wait for all results') {
				Object.assign(node.parameters, { resumeAmount: 10, resumeUnit: 'seconds' });
			}
		}
		const id = await createPublished(workflow);
		const recordings = await withAssets(simulator, [{ customer: 'Hooli', fileName: 'hooli.wav' }]);
		const executionId = await startAndPark(id, path, recordings);
		const taskId = taskOfAsset()[recordings[0].asset_id];
		// n8n looks for due waits about once a minute.
		const execution = await client.waitForExecution(executionId, 150000);
		expect(execution.status).toBe('success');
		expect(nodeItems(execution, OUTPUT)).toEqual([
			expect.objectContaining({
				customer: 'Hooli',
				task_id: taskId,
				failed: true,
				error: expect.stringContaining(taskId),
			}),
		]);
		expect(await tableRows()).toEqual([]);
		const before = (await client.listExecutions(callbackWorkflowId)).length;
		await deliverInReverse();
		const transcripts = await triggerTranscripts(before + 1);
		expect(transcripts[taskId]).toMatchObject({ task_id: taskId, text: expect.any(String) });
	});
});
