'use strict';
// Upload in the real n8n (filesystem binary mode, its default): a 1 GiB upload streams from
// n8n's binary store in constant memory, a FAILED asset's error item names it, and stopping a
// 100-item batch stops its requests.
const fs = require('node:fs');

const { measureRssGrowth, sha256File, writeSparseWav } = require('../../tools/n8n-harness/bigFiles');
const { nodeItems } = require('../../tools/n8n-harness/client');
const { useMaviEnvironment } = require('./support/environment');
const { startManual, withRunData } = require('./support/manualRuns');
const { sleep } = require('../../tools/n8n-harness/processes');
const { makeWav } = require('../../tools/mavi-simulator/wav');
const wf = require('../../tools/n8n-harness/workflows');

jest.setTimeout(600000);

const TRANSCRIBE = 'n8n-nodes-mavi.maviTranscribe';
const GIB = 1024 ** 3;
// Acceptance 1: the n8n process may grow by at most this much while uploading 1 GiB.
const MAX_RSS_GROWTH_MB = 150;

let env; // { n8n, client, simulator, credential }
const createdFiles = [];

beforeAll(async () => {
	env = await useMaviEnvironment({
		label: 'upload',
		credentialName: 'Mavi e2e (upload)',
		simulatorOptions: { assetReadyMs: 300 },
	});
});

afterAll(async () => {
	for (const file of createdFiles) fs.rmSync(file, { force: true });
	if (env) {
		await env.simulator.stop();
		await env.n8n.close();
	}
});

async function runUpload(name, filePath, { uploadOptions = {}, onError } = {}) {
	const workflow = wf.uploadWorkflow({ name, filePath, credential: env.credential, uploadOptions });
	if (onError) workflow.nodes.find((n) => n.name === 'Upload').onError = onError;
	const created = await env.client.createWorkflow(workflow);
	return withRunData(env.client, await env.client.runManual(created.id, 300000));
}

function smallWav(name) {
	const filePath = env.n8n.filePath(name);
	fs.writeFileSync(filePath, makeWav({ seconds: 1 }));
	createdFiles.push(filePath);
	return filePath;
}

test('a 1 GiB WAV reaches Mavi byte for byte while n8n grows by at most 150 MB', async () => {
	// Warm-up: load the node, open the connection pools, so the baseline is n8n at work.
	const warm = await runUpload('e2e upload: warm-up', smallWav('warm-up.wav'));
	expect(warm.status).toBe('success');

	const filePath = env.n8n.filePath('meeting-1gib.wav');
	createdFiles.push(filePath);
	writeSparseWav(filePath, GIB);
	const expectedHash = await sha256File(filePath);

	const {
		result: execution,
		growthMb,
		baselineMb,
		peakMb,
	} = await measureRssGrowth(env.n8n.state.pid, () =>
		runUpload('e2e upload: 1 GiB', filePath, { uploadOptions: { pollInterval: 1 } }),
	);
	process.stderr.write(
		`[e2e upload] 1 GiB: n8n VmRSS ${baselineMb.toFixed(0)} -> peak ${peakMb.toFixed(0)} MB (growth ${growthMb.toFixed(0)} MB)\n`,
	);

	expect(execution.status).toBe('success');
	const [item] = nodeItems(execution, 'Upload');
	expect(item).toMatchObject({ upload_status: 'SUCCESS', file_size: GIB });
	const asset = env.simulator.stats().assets.find((a) => a.asset_id === item.asset_id);
	expect(asset).toMatchObject({
		file_size: GIB,
		sha256: expectedHash,
		file_name: 'meeting-1gib.wav',
	});
	expect(growthMb).toBeLessThanOrEqual(MAX_RSS_GROWTH_MB);
});

test('an asset that ends FAILED: the error item under On Error: Continue holds its asset_id', async () => {
	const execution = await runUpload('e2e upload: FAILED asset', smallWav('fail-broken.wav'), {
		onError: 'continueRegularOutput',
	});

	expect(execution.status).toBe('success');
	const [item] = nodeItems(execution, 'Upload');
	expect(item.asset_id).toMatch(/^re_\d+$/);
	expect(item.error).toContain(item.asset_id);
	const asset = env.simulator.stats().assets.find((a) => a.asset_id === item.asset_id);
	expect(asset.upload_status).toBe('FAILED');
});

test('stopping a 100-item batch after its third item: it ends canceled, with at most one more request', async () => {
	const statusRequests = () => env.simulator.stats().byEndpoint['GET /:asset/metadata'] || 0;
	const nodes = [
		wf.node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		wf.node('Items', 'n8n-nodes-base.code', 2, 220, {
			jsCode: 'return Array.from({ length: 100 }, (_, i) => ({ json: { i } }));',
		}),
		wf.node(
			'Get Status',
			TRANSCRIBE,
			1,
			440,
			{ resource: 'asset', operation: 'getStatus', assetId: 're_100000000000000001' },
			{
				credentials: { maviApi: { id: env.credential.id, name: env.credential.name } },
				onError: 'continueRegularOutput',
			},
		),
	];
	const created = await env.client.createWorkflow(wf.linearWorkflow('e2e stop: 100 items', nodes));
	const before = statusRequests();
	const executionId = await startManual(env.client, created.id);

	// The rate limiter spaces the items about 1 s apart: stop once the third request is in.
	const deadline = Date.now() + 30000;
	while (statusRequests() - before < 3) {
		if (Date.now() > deadline) throw new Error('the batch never reached its third item');
		await sleep(20);
	}
	const stoppedAt = Date.now();
	const atStop = statusRequests();
	const stop = await env.client.rest('POST', `/executions/${executionId}/stop`);
	expect(stop.status).toBe(200);
	const execution = await env.client.waitForExecution(executionId, 30000);
	// Reported, not asserted: a loaded machine may take longer; the request count is the proof.
	process.stderr.write(`[stop] the execution ended ${Date.now() - stoppedAt} ms after the stop\n`);
	// Long enough for several more items, had the node kept going.
	await sleep(3500);

	expect(execution.status).toBe('canceled');
	expect(statusRequests() - atStop).toBeLessThanOrEqual(1);
});
