// P2, run in its own process with --expose-gc: the trigger's real webhook() (built code in
// dist/) maps a 100,000-segment callback to items, against JSON.parse of the same body.
// Prints one JSON line on stdout.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

import { makeCallback, randomTaskId } from './callbackBody.mjs';
import { median, medianPairRatio, round } from './stats.mjs';

const require = createRequire(import.meta.url);
const ROOT = new URL('../../', import.meta.url).pathname;
const SEGMENTS = Number(process.env.BENCH_P2_SEGMENTS || 100_000);
const RUNS = Number(process.env.BENCH_P2_RUNS || 9);
const WARMUP = 3;
const TOKEN = 'bench-token';

if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
const gc = () => {
	global.gc();
	global.gc();
};
// A settled heap: full collections with a turn of the event loop between them, so sweeping
// of the previous runs' garbage cannot land inside a measurement.
async function settledHeapUsed() {
	for (let i = 0; i < 3; i++) {
		gc();
		await new Promise((resolve) => setImmediate(resolve));
	}
	return process.memoryUsage().heapUsed;
}

// BENCH_DIST lets a run use a snapshot of dist/ while others rebuild the working tree.
const DIST = process.env.BENCH_DIST || `${ROOT}dist`;
const { MaviTranscriptionTrigger } = require(`${DIST}/nodes/Mavi/MaviTranscriptionTrigger.node.js`);
const trigger = new MaviTranscriptionTrigger();

const PARAMETERS = {
	output: 'segments',
	includeDiarization: false,
	passThroughOther: false,
	ignoreFailed: false,
	ignoreDuplicates: true,
	taskIds: '',
	options: {},
};

/** The slice of IWebhookFunctions the trigger uses, as n8n hands it an already parsed body. */
function webhookContext(body, rawBody) {
	const response = { status: () => response, json: () => response, send: () => response };
	return {
		getCredentials: async () => ({ apiKey: 'k', baseUrl: 'http://x', webhookToken: TOKEN }),
		getQueryData: () => ({ token: TOKEN }),
		getHeaderData: () => ({ 'content-type': 'application/json' }),
		getBodyData: () => body,
		// n8n keeps the bytes it parsed the body from (req.rawBody) for every webhook.
		getRequestObject: () => ({ body, rawBody }),
		getResponseObject: () => response,
		getNodeParameter: (name, fallback) => (name in PARAMETERS ? PARAMETERS[name] : fallback),
		getNode: () => ({ id: 'bench-node', name: 'Mavi Transcription Trigger', parameters: {} }),
		getWorkflow: () => ({ id: 'bench-workflow' }),
		getWorkflowStaticData: () => ({}),
		getMode: () => 'webhook',
		logger: { error() {}, warn() {}, info() {}, debug() {} },
	};
}

async function mapOnce(body) {
	body.task_id = randomTaskId(); // the trigger drops repeated task_ids
	const result = await trigger.webhook.call(webhookContext(body, rawBody));
	const items = result.workflowData && result.workflowData[0];
	if (!items || items.length !== SEGMENTS) {
		throw new Error(`webhook() gave ${items ? items.length : 'no'} items, expected ${SEGMENTS}`);
	}
	return items;
}

function timeParse(text) {
	const t0 = performance.now();
	const value = JSON.parse(text);
	return { ms: performance.now() - t0, value };
}

async function timeMap(body) {
	const t0 = performance.now();
	const items = await mapOnce(body);
	return { ms: performance.now() - t0, items };
}

const text = JSON.stringify(makeCallback(SEGMENTS));
const rawBody = Buffer.from(text);
const body = JSON.parse(text);

for (let i = 0; i < WARMUP; i++) {
	timeParse(text);
	await mapOnce(body);
}

const parseMs = [];
const mapMs = [];
for (let i = 0; i < RUNS; i++) {
	// Alternate which goes first so neither always runs on a freshly collected heap.
	gc();
	if (i % 2 === 0) {
		parseMs.push(timeParse(text).ms);
		gc();
		mapMs.push((await timeMap(body)).ms);
	} else {
		mapMs.push((await timeMap(body)).ms);
		gc();
		parseMs.push(timeParse(text).ms);
	}
}

// Heap held by the result: what stays alive while n8n holds the items. The result is kept
// reachable from a global and read afterwards, so V8 cannot treat it as dead.
const keep = [];
async function heldBytes(produce) {
	const before = await settledHeapUsed();
	keep.push(await produce());
	const bytes = (await settledHeapUsed()) - before;
	keep.length = 0;
	return bytes;
}
globalThis.__benchKeep = keep;
const mapBytes = await heldBytes(() => mapOnce(body));
const parseBytes = await heldBytes(() => JSON.parse(text).data.data.data);

process.stdout.write(
	`${JSON.stringify({
		node: process.version,
		segments: SEGMENTS,
		bodyBytes: Buffer.byteLength(text),
		runs: RUNS,
		parseMsMedian: round(median(parseMs)),
		mapMsMedian: round(median(mapMs)),
		ratioOfMedians: round(median(mapMs) / median(parseMs), 3),
		ratioMedianOfPairs: round(medianPairRatio(mapMs, parseMs), 3),
		parseMs: parseMs.map((v) => round(v, 1)),
		mapMs: mapMs.map((v) => round(v, 1)),
		heapBytesPerSegment: round(mapBytes / SEGMENTS, 1),
		parsedBodyBytesPerSegment: round(parseBytes / SEGMENTS, 1),
	})}\n`,
);
