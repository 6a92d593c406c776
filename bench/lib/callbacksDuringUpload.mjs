// P7's second half: does an upload stall the n8n that runs it? Trigger callbacks go to the same
// n8n on one open-loop schedule, first with nothing else running, then only while an upload is
// arriving at the counting server (a background loop repeats the upload until enough were sent).
import { callbackTemplate, randomTaskId } from './callbackBody.mjs';
import { latestExecutions, sleep, triggerWorkflow, WEBHOOK_TOKEN } from './harness.mjs';
import { median, round } from './stats.mjs';
import { flushDisks, nodeUpload } from './uploadWire.mjs';

const RUNNING = ['new', 'running', 'waiting'];

async function newestExecutionId(client, workflowId) {
	const [newest] = await latestExecutions(client, workflowId, 1);
	return newest ? Number(newest.id) : 0;
}

/**
 * Sends `count` callbacks, one per `periodMs` tick at which `isOpen()` holds, without waiting for
 * the answers; resolves their POST start times (`sent` holds them as they go).
 */
async function sendCallbacks({ client, webhookPath, template }, count, periodMs, isOpen, sent) {
	const posts = [];
	let tick = Date.now();
	while (posts.length < count) {
		await sleep(Math.max(0, tick - Date.now()));
		if (!isOpen()) {
			tick = Date.now() + 10;
			continue;
		}
		tick += periodMs;
		const sentAt = Date.now();
		sent.push(sentAt);
		const res = client.postWebhook(webhookPath, template.withTaskId(randomTaskId()), {
			raw: true,
			query: { token: WEBHOOK_TOKEN },
			headers: { 'content-type': 'application/json' },
		});
		posts.push(
			res.then(({ status }) => {
				if (status !== 200) throw new Error(`callback: HTTP ${status}`);
				return sentAt;
			}),
		);
	}
	return await Promise.all(posts);
}

/**
 * POST -> execution finished (stoppedAt, same clock) per callback. Executions are read only after
 * all were sent, so no polling loads n8n during the measure. The callbacks arrive `periodMs`
 * apart, so the n-th new execution is the n-th POST.
 */
async function finishedTimes(client, workflowId, afterId, sentAts) {
	const deadline = Date.now() + 120_000;
	for (;;) {
		const list = await latestExecutions(client, workflowId, sentAts.length + 10);
		const fresh = list
			.filter((e) => Number(e.id) > afterId)
			.sort((a, b) => Number(a.id) - Number(b.id))
			.slice(0, sentAts.length);
		if (fresh.length === sentAts.length && fresh.every((e) => !RUNNING.includes(e.status))) {
			const failed = fresh.find((e) => e.status !== 'success');
			if (failed) throw new Error(`callback execution ${failed.id} ended ${failed.status}`);
			return fresh.map((e, i) => Date.parse(e.stoppedAt) - sentAts[i]);
		}
		if (Date.now() > deadline) throw new Error(`callbacks: ${fresh.length} executions found`);
		await sleep(200);
	}
}

/**
 * Repeats the upload until stop() is called; `uploading()` is true while one is arriving. Before
 * each next upload, `settle()` lets the callbacks of the last one finish, so none of them meets
 * the next Read File (which copies the whole file into n8n's binary store).
 */
function uploadLoop(env, server, workflowId, bytes, settle) {
	let uploading = false;
	let stopped = false;
	const uploadMs = [];
	const done = (async () => {
		while (!stopped) {
			if (uploadMs.length > 0) await settle();
			if (stopped) break;
			const upload = await nodeUpload(env, server, workflowId, bytes, async () => {
				uploading = true;
				await server.nextUpload();
				uploading = false;
			});
			uploadMs.push(round(upload.ms, 0));
		}
	})();
	return {
		uploading: () => uploading,
		stop: async () => {
			stopped = true;
			await done;
			return uploadMs;
		},
	};
}

/**
 * @param {{ env: { client, n8n }, server, credential, workflowId: string, bytes: number,
 *   count: number, segments: number, periodMs: number }} options
 */
export async function measureCallbacks({
	env,
	server,
	credential,
	workflowId,
	bytes,
	count = 20,
	segments = 1000,
	periodMs = 400,
}) {
	const { client } = env;
	const { workflow, webhookPath } = triggerWorkflow({
		name: 'bench P7 trigger',
		credential,
		withReceiver: false,
	});
	const trigger = await client.createWorkflow(workflow);
	await client.publish(trigger.id);
	const target = { client, webhookPath, template: callbackTemplate(segments) };
	const measure = async (n, afterId, sent, isOpen = () => true) => {
		const sentAts = await sendCallbacks(target, n, periodMs, isOpen, sent);
		const times = await finishedTimes(client, trigger.id, afterId, sentAts);
		return { medianMs: round(median(times), 0), postToFinishedMs: times };
	};
	// Warm-up: the trigger's first callbacks load its code and fill the expression isolate pool.
	await measure(3, await newestExecutionId(client, trigger.id), []);
	// Dirty pages of earlier copies of the file are written out now, not during a measure.
	flushDisks();
	const idle = await measure(count, await newestExecutionId(client, trigger.id), []);
	const afterId = await newestExecutionId(client, trigger.id);
	const sent = [];
	const loop = uploadLoop(env, server, workflowId, bytes, async () => {
		await finishedTimes(client, trigger.id, afterId, [...sent]);
		flushDisks();
	});
	let duringUpload;
	try {
		duringUpload = await measure(count, afterId, sent, loop.uploading);
	} finally {
		duringUpload = { ...duringUpload, uploadMs: await loop.stop() };
	}
	return {
		count,
		segments,
		periodMs,
		idle,
		duringUpload,
		ratio: round(duringUpload.medianMs / idle.medianMs, 2),
	};
}
