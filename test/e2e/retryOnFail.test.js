'use strict';
// n8n's node setting "Retry On Fail" (3 tries) on Mavi Transcribe, in the real n8n: n8n runs the
// node again with every input item when it throws and when its first item is an error
// item. Each creating request must still reach Mavi once per item: the simulator's tasks,
// assets and billed synchronous runs count what was paid.
const fs = require('node:fs');
const http = require('node:http');

const { nodeItems } = require('../../tools/n8n-harness/client');
const { uploadReadyAsset, useMaviEnvironment } = require('./support/environment');
const { makeWav } = require('../../tools/mavi-simulator/wav');
const wf = require('../../tools/n8n-harness/workflows');

jest.setTimeout(180000);

const TRANSCRIBE = 'n8n-nodes-mavi.maviTranscribe';
const START = 'POST /transcriptions/async-generate-audio';
// Well-formed, so it passes the node's own checks; the simulator does not know it.
const UNKNOWN = 're_999999999';
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 100 };

let env; // { n8n, client, simulator, credential }
let receiver;
let assetId;

function startReceiver() {
	return new Promise((resolve) => {
		const server = http.createServer((req, res) => {
			req.resume();
			req.on('end', () => res.end('{}'));
		});
		server.listen(0, '127.0.0.1', () => resolve(server));
	});
}

/** What the simulator created, billed and received since `before`. */
function since(before) {
	const now = env.simulator.stats();
	return {
		tasks: now.tasks.length - before.tasks.length,
		assets: now.assets.length - before.assets.length,
		syncRuns: now.syncRuns.length - before.syncRuns.length,
		startRequests: (now.byEndpoint[START] ?? 0) - (before.byEndpoint[START] ?? 0),
	};
}

/** The next simulator request does the work and loses its answer behind a gateway's 502. */
function loseNextAnswer() {
	env.simulator.configure({ faults: { rate: 1, kinds: ['502-after'], limit: 1 } });
}

/**
 * Manual Trigger -> `source` nodes -> the Mavi node under test ("Mavi") with Retry On Fail;
 * runs it once and returns the execution and the Mavi node's items.
 */
async function run(name, source, parameters, { continueOnFail = false } = {}) {
	const credentials = { maviApi: { id: env.credential.id, name: env.credential.name } };
	const nodes = [
		wf.node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		...source,
		wf.node('Mavi', TRANSCRIBE, 1, 660, parameters, {
			credentials,
			...RETRY,
			...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
		}),
	];
	const created = await env.client.createWorkflow(wf.linearWorkflow(`e2e retry: ${name}`, nodes));
	const execution = await env.client.runManual(created.id);
	return { execution, items: nodeItems(execution, 'Mavi') || [] };
}

const assetItems = (ids) => [
	wf.node('Items', 'n8n-nodes-base.code', 2, 220, {
		jsCode: `return ${JSON.stringify(ids.map((id) => ({ json: { assetId: id } })))};`,
	}),
];
const readFiles = (pattern) => [
	wf.node('Read files', 'n8n-nodes-base.readWriteFile', 1.1, 220, {
		operation: 'read',
		fileSelector: env.n8n.filePath(pattern),
		options: {},
	}),
];
const start = {
	resource: 'transcription',
	operation: 'start',
	assetId: '={{ $json.assetId }}',
	model: 'whisper-1',
	speaker: false,
};
const upload = { resource: 'asset', operation: 'upload', binaryPropertyName: 'data' };
const transcribeAndWait = {
	resource: 'transcription',
	operation: 'transcribeAndWait',
	assetId: '={{ $json.assetId }}',
	model: 'whisper-1',
	speaker: false,
	output: 'transcript',
};
const errorOf = (execution) => execution.data.resultData.error?.message;

beforeAll(async () => {
	env = await useMaviEnvironment({
		label: 'retryOnFail',
		credentialName: 'Mavi e2e (retry on fail)',
		simulatorOptions: { assetReadyMs: 100, rateLimitMs: 100 },
	});
	receiver = await startReceiver();
	env.simulator.setWebhookUrl(`http://127.0.0.1:${receiver.address().port}/mavi`);
	assetId = await uploadReadyAsset(env.simulator);
	fs.writeFileSync(env.n8n.filePath('retry-lost.wav'), makeWav({ seconds: 2 }));
	// The simulator fails the asset of a file whose name contains "fail".
	for (const name of ['retry-batch-a-fail.wav', 'retry-batch-b.wav', 'retry-batch-c.wav']) {
		fs.writeFileSync(env.n8n.filePath(name), makeWav({ seconds: 2 }));
	}
});

afterAll(async () => {
	if (env) await env.simulator.stop();
	if (receiver) await new Promise((resolve) => receiver.close(resolve));
	if (env) await env.n8n.close();
});

describe('On Error: Stop, one item whose answer is lost after Mavi did the work', () => {
	test('Start: exactly one task', async () => {
		const before = env.simulator.stats();
		loseNextAnswer();
		const { execution } = await run('start, lost answer', assetItems([assetId]), start);

		expect(since(before)).toMatchObject({ tasks: 1, startRequests: 1 });
		expect(execution.status).toBe('error');
		expect(errorOf(execution)).toMatch(/Mavi may have started this transcription/);
	});

	test('Upload: exactly one asset', async () => {
		const before = env.simulator.stats();
		loseNextAnswer();
		const { execution } = await run('upload, lost answer', readFiles('retry-lost.wav'), upload);

		expect(since(before).assets).toBe(1);
		expect(errorOf(execution)).toMatch(/an asset may have been created/);
	});

	test('Transcribe and Wait: billed once', async () => {
		const before = env.simulator.stats();
		loseNextAnswer();
		const { execution } = await run(
			'transcribe and wait, lost answer',
			assetItems([assetId]),
			transcribeAndWait,
		);

		expect(since(before).syncRuns).toBe(1);
		expect(errorOf(execution)).toMatch(/may have transcribed this file/);
	});
});

describe('a batch with one item Mavi turns away', () => {
	test('Start, On Error: Stop, [ok, ok, unknown asset]: 2 tasks, not 6; the turned-away item is tried 3 times', async () => {
		const before = env.simulator.stats();
		const { execution } = await run(
			'start, stop, unknown last',
			assetItems([assetId, assetId, UNKNOWN]),
			start,
		);

		expect(since(before)).toMatchObject({ tasks: 2, startRequests: 2 + 3 });
		expect(execution.status).toBe('error');
	});

	test.each([
		['[ok, ok, unknown asset]', [true, true, false]],
		['[unknown asset, ok, ok] (n8n runs the node again)', [false, true, true]],
	])('Start, On Error: Continue, %s: 2 tasks, 2 success items, 1 error item', async (_, ok) => {
		const before = env.simulator.stats();
		const ids = ok.map((good) => (good ? assetId : UNKNOWN));
		const { execution, items } = await run(`start, continue ${ok}`, assetItems(ids), start, {
			continueOnFail: true,
		});

		expect(execution.status).toBe('success');
		expect(since(before).tasks).toBe(2);
		expect(items.map((item) => (item.task_id ? 'task' : 'error'))).toEqual(
			ok.map((good) => (good ? 'task' : 'error')),
		);
	});

	test('Upload, On Error: Continue, a file Mavi cannot process first: 3 assets (one per file), 2 success items, 1 error item', async () => {
		const before = env.simulator.stats();
		const { items } = await run('upload, continue', readFiles('retry-batch-*.wav'), upload, {
			continueOnFail: true,
		});

		expect(since(before).assets).toBe(3);
		expect(items.filter((item) => item.upload_status === 'SUCCESS')).toHaveLength(2);
		expect(items.filter((item) => item.error)).toHaveLength(1);
	});

	test('Transcribe and Wait, On Error: Continue, [unknown asset, ok, ok]: 2 billed runs, 2 transcripts, 1 error item', async () => {
		const before = env.simulator.stats();
		const { items } = await run(
			'transcribe and wait, continue',
			assetItems([UNKNOWN, assetId, assetId]),
			transcribeAndWait,
			{ continueOnFail: true },
		);

		expect(since(before).syncRuns).toBe(2);
		expect(items.map((item) => (item.error ? 'error' : typeof item.text))).toEqual([
			'error',
			'string',
			'string',
		]);
	});
});
