'use strict';
// Used by the e2e suite and `npm run bench`: two 30-item
// Transcription -> Start batches at the same time, one per webhook process, so they run on the
// two workers, against the simulator's real 1 request/s limit in one of its two styles.
const crypto = require('node:crypto');
const http = require('node:http');

const { nodeItems } = require('../client');
const wf = require('../workflows');
const { makeWav } = require('../../mavi-simulator/wav');
const { workerOf } = require('./useQueue');

const ENDPOINT = 'POST /transcriptions/async-generate-audio';
const ITEMS = 30;

/** Webhook (answers at once) -> Split Out body.assets -> Mavi Start, one item per asset. */
function batchWorkflow(credential) {
	const webhookId = crypto.randomUUID();
	const nodes = [
		wf.node(
			'Batch',
			'n8n-nodes-base.webhook',
			2,
			0,
			{ httpMethod: 'POST', path: `batch-${webhookId}`, responseMode: 'onReceived', options: {} },
			{ webhookId },
		),
		wf.node('One item per asset', 'n8n-nodes-base.splitOut', 1, 220, {
			fieldToSplitOut: 'body.assets',
			options: {},
		}),
		wf.node('Start', 'n8n-nodes-mavi.maviTranscribe', 1, 440, wf.startStep().parameters, {
			credentials: { maviApi: { id: credential.id, name: credential.name } },
		}),
	];
	return {
		workflow: wf.linearWorkflow('queue: 30-item Start batch', nodes),
		path: `batch-${webhookId}`,
	};
}

/** Ready assets created in the simulator directly (uploading 60 would take a minute). */
async function seedAssets(simulator, count) {
	const wav = makeWav({ seconds: 1 });
	const ids = Array.from(
		{ length: count },
		(_, i) =>
			simulator.assets.create(
				{ fileName: `batch-${i}.wav`, mimeType: 'audio/wav', data: wav },
				simulator.options,
			).asset_id,
	);
	await new Promise((resolve) => setTimeout(resolve, simulator.options.assetReadyMs + 50));
	return ids;
}

/** A webhook URL for the simulator's 60 callbacks that just acknowledges them. */
async function startCallbackSink() {
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => res.end('{}'));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/mavi`,
		stop: () => {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(resolve));
		},
	};
}

/**
 * env: { state, client, webhooks, simulator, credential } from useQueue(). Returns the numbers of
 * the run: wall time, tasks, duplicates, failed items, rejected requests, who ran what.
 */
async function runConcurrentBatches(env, style) {
	const { simulator, client } = env;
	simulator.reset();
	simulator.configure({ rateLimit: true, rateLimitMs: 1000, rateLimitStyle: style });
	const sink = await startCallbackSink();
	try {
		simulator.setWebhookUrl(sink.url);
		const { workflow, path } = batchWorkflow(env.credential);
		const created = await client.createWorkflow({
			...workflow,
			name: `${workflow.name} (${style})`,
		});
		await client.publish(created.id);
		const assets = await seedAssets(simulator, 2 * ITEMS);
		const halves = [assets.slice(0, ITEMS), assets.slice(ITEMS)];
		const startedAt = Date.now();
		const answers = await Promise.all(
			halves.map((ids, i) =>
				env.webhooks[i].postWebhook(path, { assets: ids.map((asset_id) => ({ asset_id })) }),
			),
		);
		for (const answer of answers) {
			if (answer.status !== 200)
				throw new Error(`batch webhook: HTTP ${answer.status} ${answer.text}`);
		}
		const executions = await client.waitForExecutions(created.id, 2, 5 * 60_000);
		const finishedAt = Math.max(...executions.map((e) => Date.parse(e.stoppedAt)));
		const started = executions.flatMap((e) => nodeItems(e, 'Start') || []);
		const stats = simulator.stats();
		const taskAssets = stats.tasks.map((t) => t.asset_id);
		return {
			style,
			wallMs: finishedAt - startedAt,
			statuses: executions.map((e) => e.status),
			workers: executions.map((e) => workerOf(env.state, e.id)),
			tasks: stats.tasks.length,
			duplicates: taskAssets.length - new Set(taskAssets).size,
			unstarted: assets.filter((id) => !taskAssets.includes(id)).length,
			itemsOut: started.length,
			failedItems: 2 * ITEMS - started.filter((item) => /^[0-9a-f]{32}$/.test(item.task_id)).length,
			rejected: stats.rateLimited,
			requests: stats.byEndpoint[ENDPOINT] || 0,
			otherRequests: stats.requests - (stats.byEndpoint[ENDPOINT] || 0),
			errors: executions.map((e) => e.data.resultData.error?.message).filter(Boolean),
		};
	} finally {
		await sink.stop();
	}
}

module.exports = { runConcurrentBatches, ITEMS };
