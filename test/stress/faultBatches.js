'use strict';
// Fault batches: the Mavi Transcribe node (built, in n8n-core's real WorkflowExecute) against simulators
// injecting faults. Not in the real n8n: the node's request timeout is 60 s, so "slow past the
// timeout" would cost a minute per slow fault there; here it is shortened (faultBatchesProcess.js
// runs them in a process of their own).
const path = require('node:path');

const { runNode } = require('../support/workflowRunner');
const { startMavi, makeWav, TEST_KEY } = require('../support/maviSim');
const {
	judgeStartBatch,
	judgeUploadBatch,
	HALF_AFTER_ACCEPTANCE,
} = require('../support/faultVerdicts');

const PACKAGE = process.env.MAVI_PACKAGE_DIR || path.resolve(__dirname, '../..');
const { MaviTranscribe } = require(path.join(PACKAGE, 'dist/nodes/Mavi/MaviTranscribe.node.js'));
const { MaviApi } = require(path.join(PACKAGE, 'dist/credentials/MaviApi.credentials.js'));
const { transportSettings } = require(path.join(PACKAGE, 'dist/nodes/Mavi/transport/index.js'));

const TIMEOUT_MS = 5000; // stalled answers never come; clean ones have seconds to spare
// Simulator request logs land here (one per scenario), for the secrets grep.
const logFiles = [];
const logFile = (name) => {
	if (!process.env.MAVI_STRESS_LOG_DIR) return null;
	const file = path.join(process.env.MAVI_STRESS_LOG_DIR, `simulator-${name}.log`);
	logFiles.push(file);
	return file;
};

const START = {
	resource: 'transcription',
	operation: 'start',
	assetId: '={{ $json.asset_id }}',
	model: 'whisper-1',
	speaker: false,
};
const UPLOAD = {
	resource: 'asset',
	operation: 'upload',
	binaryPropertyName: 'data',
	options: { waitUntilReady: true, pollInterval: 1, timeout: 120 },
};

/** Ready assets uploaded straight to the simulator (rate limit off); counters cleared after. */
async function seedAssets(mavi, count) {
	mavi.sim.configure({ rateLimit: false });
	const ids = await Promise.all(
		Array.from({ length: count }, async (_, i) => {
			const form = new FormData();
			form.append('file', new Blob([makeWav(1)], { type: 'audio/wav' }), `seed-${i}.wav`);
			const res = await fetch(`${mavi.sim.baseUrl}/upload`, {
				method: 'POST',
				headers: { authorization: TEST_KEY },
				body: form,
			});
			return (await res.json()).data.asset_id;
		}),
	);
	await new Promise((resolve) => setTimeout(resolve, mavi.sim.options.assetReadyMs + 100));
	mavi.sim.configure({ rateLimit: true });
	mavi.sim.clearCounters();
	return ids;
}

function runMavi(mavi, parameters, inputItems, continueOnFail = false) {
	return runNode({
		node: new MaviTranscribe(),
		credentialType: new MaviApi(),
		parameters,
		credentials: mavi.credentials,
		inputItems,
		continueOnFail,
	});
}

/** How many places (thrown error, stored error, items) mention the API key. */
function secretsIn(result) {
	const thrown = result.thrownError || {};
	const texts = [
		thrown.message,
		thrown.description,
		thrown.stack,
		JSON.stringify(result.error || {}),
		JSON.stringify(result.items),
	];
	return texts.filter((text) => typeof text === 'string' && text.includes(TEST_KEY)).length;
}

const countBy = (list) => list.reduce((acc, key) => ({ ...acc, [key]: (acc[key] || 0) + 1 }), {});
const duplicatesIn = (list) => Object.values(countBy(list)).filter((n) => n > 1).length;

/** A fault batch's report row: `counts` for its items, the rest from the simulator and the run. */
function batchRow(name, counts, { stats, result, started }) {
	return {
		name,
		...counts,
		faults: stats.faultsInjected,
		requests: stats.requests,
		error: result.error && result.error.message,
		secrets: secretsIn(result),
		ms: Date.now() - started,
	};
}

/**
 * 50 Start items (On Error: Continue) with 30 % faults, half of them after acceptance: every item
 * gets exactly one task, and ends as a success or as an error item saying it may have started.
 */
async function startBatch({ items = 50, rate = 0.3, seed = 2 } = {}) {
	const mavi = await startMavi({ segments: 2, logFile: logFile('start-batch') });
	try {
		const assetIds = await seedAssets(mavi, items);
		mavi.sim.configure({ faults: { rate, kinds: HALF_AFTER_ACCEPTANCE }, seed });
		const started = Date.now();
		const result = await runMavi(
			mavi,
			START,
			assetIds.map((asset_id) => ({ json: { asset_id } })),
			true,
		);
		const stats = mavi.sim.stats();
		const verdict = judgeStartBatch({
			assetIds,
			outputs: result.items.map((item) => item.json),
			stats,
		});
		return batchRow(
			'Start batch, 30 % faults (half after acceptance)',
			{
				tried: items,
				ok: verdict.succeeded,
				errorItems: verdict.errorItems,
				itemsLost: verdict.violations.length,
				tasksCreated: stats.tasks.length,
				duplicateTasks: duplicatesIn(stats.tasks.map((t) => t.asset_id)),
				verdict,
			},
			{ stats, result, started },
		);
	} finally {
		await mavi.stop();
	}
}

/**
 * 10 uploads (waiting until ready, On Error: Continue) with 30 % faults, half after acceptance:
 * every file becomes exactly one asset.
 */
async function uploadBatch({ items = 10, rate = 0.3, seed = 3 } = {}) {
	const mavi = await startMavi({
		faults: { rate, kinds: HALF_AFTER_ACCEPTANCE },
		seed,
		logFile: logFile('upload-batch'),
	});
	try {
		const started = Date.now();
		const inputs = Array.from({ length: items }, (_, i) => ({
			json: { n: i },
			binary: {
				data: { data: makeWav(1 + (i % 3)), mimeType: 'audio/wav', fileName: `batch-${i}.wav` },
			},
		}));
		const result = await runMavi(mavi, UPLOAD, inputs, true);
		const stats = mavi.sim.stats();
		const verdict = judgeUploadBatch({
			fileNames: inputs.map((input) => input.binary.data.fileName),
			outputs: result.items.map((item) => item.json),
			stats,
		});
		return batchRow(
			'Upload batch, 30 % faults (half after acceptance)',
			{
				tried: items,
				ok: verdict.succeeded,
				errorItems: verdict.errorItems,
				itemsLost: verdict.violations.length + (verdict.allOk ? 0 : 1),
				tasksCreated: stats.assets.length,
				duplicateTasks: duplicatesIn(stats.assets.map((a) => a.file_name)),
				verdict,
			},
			{ stats, result, started },
		);
	} finally {
		await mavi.stop();
	}
}

/** Every request faulted (`kinds`): items end as NodeApiError with itemIndex, or {error} items. */
async function pastBudget({ items, kinds, continueOnFail, seed = 4 }) {
	const label = `past-budget-${kinds.join('-')}-${continueOnFail ? 'continue' : 'stop'}`;
	const mavi = await startMavi({ segments: 2, logFile: logFile(label) });
	try {
		const assetIds = await seedAssets(mavi, items);
		mavi.sim.configure({ faults: { rate: 1, kinds }, seed });
		const started = Date.now();
		const result = await runMavi(
			mavi,
			START,
			assetIds.map((asset_id) => ({ json: { asset_id } })),
			continueOnFail,
		);
		const thrown = result.thrownError;
		const errorItems = result.items.filter(
			(item, i) =>
				typeof item.json.error === 'string' && item.pairedItem && item.pairedItem.item === i,
		);
		const asExpected = continueOnFail
			? errorItems.length === items && !thrown
			: Boolean(thrown) &&
				thrown.constructor.name === 'NodeApiError' &&
				thrown.context &&
				thrown.context.itemIndex === 0;
		return {
			name: `Past budget: ${kinds.join('+')} at 100 %, ${continueOnFail ? 'continueOnFail' : 'stop'}`,
			tried: items,
			ok: asExpected ? items : 0,
			itemsLost: asExpected ? 0 : items,
			tasksCreated: mavi.sim.stats().tasks.length,
			duplicateTasks: 0,
			outcome: continueOnFail
				? `${errorItems.length} {error} items: "${(errorItems[0] || { json: {} }).json.error}"`
				: `${thrown && thrown.constructor.name} itemIndex=${thrown && thrown.context && thrown.context.itemIndex}: "${thrown && thrown.message}"`,
			requests: mavi.sim.stats().requests,
			secrets: secretsIn(result),
			ms: Date.now() - started,
		};
	} finally {
		await mavi.stop();
	}
}

/** All fault-batch scenarios, concurrently (each simulator has its own port, so its own rate-limit key). */
async function runFaultBatches() {
	transportSettings.timeoutMs = TIMEOUT_MS;
	transportSettings.longTimeoutMs = TIMEOUT_MS;
	return Promise.all([
		startBatch(),
		uploadBatch(),
		pastBudget({ items: 3, kinds: ['400'], continueOnFail: false }),
		pastBudget({ items: 3, kinds: ['400'], continueOnFail: true }),
		pastBudget({ items: 1, kinds: ['drop'], continueOnFail: false }),
		pastBudget({ items: 2, kinds: ['500', 'drop', 'slow'], continueOnFail: true }),
	]);
}

module.exports = { runFaultBatches, logFiles };
