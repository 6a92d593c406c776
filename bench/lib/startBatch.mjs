// P3: a 30-item Transcription -> Start batch in real n8n against the simulator's real
// 1 request/s/endpoint limit, and the same 30 requests from n8n's HTTP Request node with its
// default settings, which is what a user would otherwise build.
import {
	linearWorkflow,
	makeWav,
	node,
	nodeItems,
	SIM_API_KEY,
	sleep,
	startStep,
} from './harness.mjs';
import { round } from './stats.mjs';

const ENDPOINT = 'POST /transcriptions/async-generate-audio';

/** Manual Trigger -> Code (one item per asset id) -> `last`. */
function batchWorkflow(name, assetIds, last) {
	const nodes = [
		node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		node('Assets', 'n8n-nodes-base.code', 2, 220, {
			jsCode: `return ${JSON.stringify(assetIds)}.map((asset_id) => ({ json: { asset_id } }));`,
		}),
		last,
	];
	return linearWorkflow(name, nodes);
}

function httpRequestNode(baseUrl) {
	return node('HTTP Request', 'n8n-nodes-base.httpRequest', 4.2, 440, {
		method: 'POST',
		url: `${baseUrl}/transcriptions/async-generate-audio`,
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: SIM_API_KEY }] },
		sendBody: true,
		bodyParameters: {
			parameters: [
				{ name: 'asset_id', value: '={{ $json.asset_id }}' },
				{ name: 'model', value: 'whisper-1' },
			],
		},
		options: {},
	});
}

function endpointCounts(simulator) {
	const stats = simulator.stats();
	return {
		requests: stats.byEndpoint[ENDPOINT] || 0,
		accepted: stats.accepted[ENDPOINT] || 0,
		rateLimited: stats.rateLimited,
	};
}

/** Runs the workflow once from its Manual Trigger; simulator counts are deltas of this run. */
async function runBatch(client, simulator, workflow, nodeName) {
	const created = await client.createWorkflow(workflow);
	// Let the endpoint's 1 s window from any earlier run expire.
	await sleep(1500);
	const before = endpointCounts(simulator);
	const t0 = Date.now();
	const execution = await client.runManual(created.id, 180_000);
	const wallMs = Date.now() - t0;
	const after = endpointCounts(simulator);
	const run = execution.data.resultData.runData[nodeName];
	const items = nodeItems(execution, nodeName) || [];
	return {
		status: execution.status,
		wallMs,
		nodeMs: run ? run[0].executionTime : null,
		itemsOut: items.length,
		itemsWithTaskId: items.filter((item) => typeof item.task_id === 'string').length,
		requests: after.requests - before.requests,
		accepted: after.accepted - before.accepted,
		rejected: after.rateLimited - before.rateLimited,
		error: execution.data.resultData.error ? execution.data.resultData.error.message : undefined,
	};
}

export async function runP3({ client, credential, simulator, log, items = 30 }) {
	const assetIds = [];
	for (let i = 0; i < items; i++) {
		const asset = simulator.assets.create(
			{ fileName: `bench-${i}.wav`, mimeType: 'audio/wav', data: makeWav({ seconds: 1 }) },
			simulator.options,
		);
		assetIds.push(asset.asset_id);
	}
	const start = startStep();
	const startNode = node(start.name, 'n8n-nodes-mavi.maviTranscribe', 1, 440, start.parameters, {
		credentials: { maviApi: { id: credential.id, name: credential.name } },
	});
	log(`P3: ${items}-item Start batch through Mavi Transcribe (about ${items} s)`);
	const ours = await runBatch(
		client,
		simulator,
		batchWorkflow('bench P3 ours', assetIds, startNode),
		start.name,
	);
	log(`P3: same batch through HTTP Request (default settings)`);
	const http = await runBatch(
		client,
		simulator,
		batchWorkflow('bench P3 HTTP Request', assetIds, httpRequestNode(simulator.baseUrl)),
		'HTTP Request',
	);
	const idealMs = items * 1000;
	return {
		items,
		idealMs,
		ours: { ...ours, wallOverIdeal: round(ours.nodeMs / idealMs, 3) },
		httpRequest: http,
	};
}
