'use strict';
// The Mavi Transcribe node inside a real n8n, against the simulator.
const fs = require('node:fs');
const http = require('node:http');

const { SEGMENT_ITEM_KEYS } = require('../support/segmentKeys');
const { nodeItems } = require('../../tools/n8n-harness/client');
const { useMaviEnvironment } = require('./support/environment');
const { secretLeaks } = require('./support/leaks');
const { E2E_API_KEY, E2E_WRONG_API_KEY, E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const { makeWav } = require('../../tools/mavi-simulator/wav');
const { uploadWorkflow, startStep, transcribeAndWaitStep } = require('../../tools/n8n-harness/workflows');

jest.setTimeout(120000);

let n8n;
let client;
let simulator;
let receiver;
let credential;
let simulatorLog;
let wavPath;
const workflowIds = [];
const callbacks = [];

/** Where the simulator sends async results in this file (the trigger tests use n8n itself). */
function startReceiver() {
	return new Promise((resolve) => {
		const server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				callbacks.push(JSON.parse(body));
				res.end('{}');
			});
		});
		server.listen(0, '127.0.0.1', () => resolve(server));
	});
}

function expectSuccess(execution) {
	const error = execution.data.resultData.error;
	expect({ status: execution.status, error: error && error.message }).toEqual({
		status: 'success',
		error: undefined,
	});
}

async function runNew(workflow) {
	const created = await client.createWorkflow(workflow);
	workflowIds.push(created.id);
	return client.runManual(created.id);
}

beforeAll(async () => {
	({ n8n, client, simulator, simulatorLog, credential } = await useMaviEnvironment({
		label: 'transcribe',
		credentialName: 'Mavi e2e (actions)',
		simulatorOptions: { segments: 4 },
	}));
	receiver = await startReceiver();
	simulator.setWebhookUrl(`http://127.0.0.1:${receiver.address().port}/mavi`);
	wavPath = n8n.filePath('actions-meeting.wav');
	fs.writeFileSync(wavPath, makeWav({ seconds: 5 }));
});

afterAll(async () => {
	if (simulator) await simulator.stop();
	if (receiver) await new Promise((resolve) => receiver.close(resolve));
	if (n8n) await n8n.close();
});

test('a. Manual Trigger -> Read file -> Upload -> Start: the execution holds asset_id and task_id', async () => {
	const execution = await runNew(
		uploadWorkflow({
			name: 'e2e a: upload and start',
			filePath: wavPath,
			credential,
			steps: [startStep()],
		}),
	);
	expectSuccess(execution);
	const [upload] = nodeItems(execution, 'Upload');
	expect(upload).toMatchObject({
		asset_id: expect.stringMatching(/^re_\d+$/),
		upload_status: 'SUCCESS',
		file_name: 'actions-meeting.wav',
		mime_type: 'audio/wav',
	});
	const [start] = nodeItems(execution, 'Start');
	expect(start).toMatchObject({
		task_id: expect.stringMatching(/^[0-9a-f]{32}$/),
		asset_id: upload.asset_id,
		model: 'whisper-1',
	});
	expect(simulator.stats().tasks.map((task) => task.task_id)).toContain(start.task_id);
	// The simulator then delivers the result to the configured webhook.
	await simulator.waitForCallbacks(1, 15000);
	expect(callbacks.map((body) => body.task_id)).toContain(start.task_id);
});

test('c. Transcribe and Wait returns the segments in the same execution', async () => {
	const execution = await runNew(
		uploadWorkflow({
			name: 'e2e c: transcribe and wait',
			filePath: wavPath,
			credential,
			steps: [transcribeAndWaitStep()],
		}),
	);
	expectSuccess(execution);
	const [upload] = nodeItems(execution, 'Upload');
	const segments = nodeItems(execution, 'Transcribe and Wait');
	expect(segments).toHaveLength(4);
	segments.forEach((segment, index) => {
		expect(Object.keys(segment).sort()).toEqual(SEGMENT_ITEM_KEYS);
		expect(segment).toMatchObject({
			segment_index: index,
			segment_count: segments.length,
			model: 'whisper-1',
			speaker: expect.stringMatching(/^SPEAKER_\d+$/),
			text: expect.any(String),
		});
		expect(segment.end_time).toBeGreaterThanOrEqual(segment.start_time);
	});
	expect(upload.asset_id).toMatch(/^re_\d+$/);
});

test('d. n8n credential test: OK for the right key, an error for a wrong one', async () => {
	simulator.reset(); // fresh rate-limit windows: the test makes one metadata call per key
	const ok = await client.testCredential({
		id: credential.id,
		name: credential.name,
		data: { apiKey: E2E_API_KEY, baseUrl: simulator.baseUrl, webhookToken: E2E_WEBHOOK_TOKEN },
	});
	expect(ok.status).toBe('OK');

	const wrong = await client.createCredential({
		name: 'Mavi e2e (wrong key)',
		apiKey: E2E_WRONG_API_KEY,
		baseUrl: simulator.baseUrl,
	});
	const failed = await client.testCredential({
		id: wrong.id,
		name: wrong.name,
		data: { apiKey: E2E_WRONG_API_KEY, baseUrl: simulator.baseUrl },
	});
	expect(failed.status).toBe('Error');
	expect(failed.message).not.toContain(E2E_WRONG_API_KEY);
});

test('a wrong key fails the execution with a 401 error that does not echo the key', async () => {
	const wrong = await client.createCredential({
		name: 'Mavi e2e (wrong key, run)',
		apiKey: E2E_WRONG_API_KEY,
		baseUrl: simulator.baseUrl,
	});
	const execution = await runNew(
		uploadWorkflow({
			name: 'e2e: wrong key',
			filePath: wavPath,
			credential: wrong,
			steps: [startStep()],
		}),
	);
	expect(execution.status).toBe('error');
	const error = execution.data.resultData.error;
	expect(error.message).toEqual(expect.any(String));
	expect(JSON.stringify(execution)).not.toContain(E2E_WRONG_API_KEY);
});

test('no API key or webhook token in n8n log, simulator log or these executions', async () => {
	const otherLogs = [simulatorLog];
	expect(await secretLeaks(client, { logFile: n8n.state.logFile, workflowIds, otherLogs })).toEqual(
		[],
	);
});
