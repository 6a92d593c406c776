// P1: the Mavi Transcription Trigger against what a user would build without it (Webhook +
// Split Out on body.data.data.data), both published in the same n8n, fed the same callback.
import { randomUUID } from 'node:crypto';

import { callbackTemplate, randomTaskId } from './callbackBody.mjs';
import {
	latestExecutions,
	linearWorkflow,
	node,
	sleep,
	triggerWorkflow,
	waitForNewExecution,
	WEBHOOK_TOKEN,
} from './harness.mjs';
import { median, medianPairRatio, round } from './stats.mjs';

const TOKEN_HEADER = 'x-mavi-token';

/**
 * Webhook (POST, respond immediately) -> Split Out body.data.data.data [-> No Operation].
 * With `headerAuth` (a credential id/name) the Webhook checks the same secret our trigger does.
 */
function diyWorkflow(name, { withNoOp = false, headerAuth } = {}) {
	const path = randomUUID();
	const auth = headerAuth
		? {
				parameters: { authentication: 'headerAuth' },
				extra: { credentials: { httpHeaderAuth: headerAuth } },
			}
		: { parameters: {}, extra: {} };
	const nodes = [
		node(
			'Webhook',
			'n8n-nodes-base.webhook',
			2.1,
			0,
			{ httpMethod: 'POST', path, responseMode: 'onReceived', ...auth.parameters, options: {} },
			{ webhookId: path, ...auth.extra },
		),
		node('Split Out', 'n8n-nodes-base.splitOut', 1, 220, {
			fieldToSplitOut: 'body.data.data.data',
			include: 'noOtherFields',
			options: {},
		}),
	];
	if (withNoOp) nodes.push(node('Received', 'n8n-nodes-base.noOp', 1, 440, {}));
	return {
		workflow: linearWorkflow(name, nodes),
		webhookPath: path,
	};
}

async function headerAuthCredential(client) {
	const res = await client.api('POST', '/credentials', {
		name: 'bench header auth',
		type: 'httpHeaderAuth',
		data: { name: TOKEN_HEADER, value: WEBHOOK_TOKEN },
	});
	if (res.status !== 200)
		throw new Error(`create httpHeaderAuth credential: HTTP ${res.status} ${res.text}`);
	return { id: res.body.id, name: res.body.name };
}

async function publishVariant(client, { workflow, webhookPath }) {
	const created = await client.createWorkflow(workflow);
	await client.publish(created.id);
	return { id: created.id, webhookPath };
}

/** One delivery: POST the body, then the execution it started, timed on the same clock. */
async function deliver(client, variant, body) {
	const [newest] = await latestExecutions(client, variant.id, 1);
	const afterId = newest ? newest.id : 0;
	const windowStartUs = Number(process.hrtime.bigint() / 1000n);
	const postStart = Date.now();
	const res = await client.postWebhook(variant.webhookPath, body, {
		raw: true,
		// Query for our trigger, header for the Webhook node's Header Auth (ours accepts it too).
		query: { token: WEBHOOK_TOKEN },
		headers: { 'content-type': 'application/json', [TOKEN_HEADER]: WEBHOOK_TOKEN },
	});
	const postMs = Date.now() - postStart;
	const postEndUs = Number(process.hrtime.bigint() / 1000n);
	if (res.status !== 200)
		throw new Error(`${variant.label}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
	const execution = await waitForNewExecution(client, variant.id, afterId);
	if (execution.status !== 'success') {
		throw new Error(`${variant.label}: execution ${execution.id} ended ${execution.status}`);
	}
	const stoppedAt = Date.parse(execution.stoppedAt);
	return {
		// Monotonic clock, shared with n8n's CPU profile: which samples belong to this delivery.
		windowUs: [windowStartUs, Number(process.hrtime.bigint() / 1000n)],
		postWindowUs: [windowStartUs, postEndUs],
		postToFinishedMs: stoppedAt - postStart,
		executionMs: stoppedAt - Date.parse(execution.startedAt),
		postMs,
		executionId: execution.id,
	};
}

/**
 * @param {{ client, credential, log, segments?: number, rounds?: number, warmup?: number }} options
 */
export async function runP1({
	client,
	credential,
	log,
	segments = 10_000,
	rounds = 20,
	warmup = 2,
	pauseMs = 100,
}) {
	const template = callbackTemplate(segments);
	const headerAuth = await headerAuthCredential(client);
	const ours = (name, withReceiver) =>
		publishVariant(client, triggerWorkflow({ name, credential, withReceiver }));
	const diy = (name, options) => publishVariant(client, diyWorkflow(name, options));
	// The target pair ends at the node that emits one item per segment on both sides; the
	// "+ No Operation" pair shows the same with one more node after it.
	const variants = {
		ours: {
			label: 'Mavi Transcription Trigger',
			...(await ours('bench P1 ours', false)),
		},
		oursNoOp: {
			label: 'Mavi Transcription Trigger -> No Operation',
			...(await ours('bench P1 ours + NoOp', true)),
		},
		diy: {
			label: 'Webhook (no secret check) -> Split Out',
			...(await diy('bench P1 DIY')),
		},
		diyAuth: {
			label: 'Webhook (Header Auth) -> Split Out',
			...(await diy('bench P1 DIY + Header Auth', { headerAuth })),
		},
		diyAuthNoOp: {
			label: 'Webhook (Header Auth) -> Split Out -> No Operation',
			...(await diy('bench P1 DIY + Header Auth + NoOp', { headerAuth, withNoOp: true })),
		},
	};
	const names = Object.keys(variants);
	const samples = Object.fromEntries(names.map((name) => [name, []]));
	log(`P1: ${segments} segments (${template.bytes} bytes), ${warmup} warm-up + ${rounds} rounds`);
	for (let r = 0; r < warmup + rounds; r++) {
		// Rotate the order every round so no variant always runs first (or right after GC).
		const order = names.map((_, i) => names[(i + r) % names.length]);
		for (const name of order) {
			const sample = await deliver(client, variants[name], template.withTaskId(randomTaskId()));
			if (r >= warmup) samples[name].push(sample);
			await sleep(pauseMs);
		}
		if (r >= warmup && (r - warmup) % 5 === 4) {
			log(`P1: ${r - warmup + 1}/${rounds} rounds`);
		}
	}

	const metric = (name, key) => samples[name].map((s) => s[key]);
	const summary = (name) => ({
		label: variants[name].label,
		postToFinishedMsMedian: round(median(metric(name, 'postToFinishedMs')), 0),
		executionMsMedian: round(median(metric(name, 'executionMs')), 0),
		postMsMedian: round(median(metric(name, 'postMs')), 0),
		postToFinishedMs: metric(name, 'postToFinishedMs'),
	});
	const ratio = (a, b, key = 'postToFinishedMs') =>
		round(medianPairRatio(metric(a, key), metric(b, key)), 3);
	return {
		segments,
		bodyBytes: template.bytes,
		rounds,
		variants: Object.fromEntries(names.map((name) => [name, summary(name)])),
		ratioOursDiy: ratio('ours', 'diy'),
		ratioOursDiyAuth: ratio('ours', 'diyAuth'),
		ratioOursDiyAuthNoOp: ratio('oursNoOp', 'diyAuthNoOp'),
		windowsUs: Object.fromEntries(
			names.flatMap((name) => [
				[name, metric(name, 'windowUs')],
				[`${name} (POST until response)`, metric(name, 'postWindowUs')],
			]),
		),
		workflowIds: Object.fromEntries(names.map((name) => [name, variants[name].id])),
	};
}
