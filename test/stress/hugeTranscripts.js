'use strict';
// A 3-hour transcript (50,000 segments, several MB) through the real trigger, and a body
// above n8n's N8N_PAYLOAD_SIZE_MAX (16 MiB by default).
const { nodeItems } = require('../../tools/n8n-harness/client');
const { sleep } = require('../../tools/n8n-harness/processes');
const { memoryOf, sampleRss } = require('../../tools/n8n-harness/privateN8n');
const wf = require('../../tools/n8n-harness/workflows');
const { createRandom, randomInt } = require('../../tools/mavi-simulator/prng');
const { rawPost } = require('./http');

const WORDS =
	'so we agreed that the budget for next quarter will cover two more hires and the new release'.split(
		' ',
	);

/** A whisper callback of `count` segments over `seconds`, two speakers; `padTo` grows each text. */
function longTranscript({ taskId, count = 50000, seconds = 3 * 3600, padTo = 0, seed = 6 }) {
	const random = createRandom(`transcript|${seed}`);
	const step = seconds / count;
	const segments = new Array(count);
	for (let i = 0; i < count; i++) {
		const words = Array.from(
			{ length: randomInt(random, 3, 9) },
			() => WORDS[randomInt(random, 0, WORDS.length - 1)],
		);
		let text = ` ${words.join(' ')}`;
		if (text.length < padTo) text += ' lorem'.repeat(Math.ceil((padTo - text.length) / 6));
		const start = Math.round(i * step * 100) / 100;
		segments[i] = {
			start_time: start,
			end_time: Math.round((i + 1) * step * 100) / 100,
			text,
			speaker: `SPEAKER_0${Math.floor(i / 7) % 2}`,
		};
	}
	return JSON.stringify(wf.transcriptionCallback(taskId, segments, { duration: seconds }));
}

async function executionIds(client, workflowId) {
	return (await client.listExecutions(workflowId)).map((e) => e.id);
}

/** Waits for an execution not in `known` to finish (without pulling every execution's data). */
async function waitForNewExecution(client, workflowId, known, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const fresh = (await client.listExecutions(workflowId)).find((e) => !known.includes(e.id));
		if (fresh && !['new', 'running', 'waiting'].includes(fresh.status)) return fresh;
		if (Date.now() > deadline) throw new Error(`no finished execution after ${timeoutMs} ms`);
		await sleep(200);
	}
}

async function runLargeTranscript({ client, n8n, trigger, token, segments = 50000 }) {
	const url = `${n8n.url}/webhook/${trigger.webhookPath}?token=${encodeURIComponent(token)}`;
	const taskId = wf.randomTaskId();
	const body = longTranscript({ taskId, count: segments });
	const known = await executionIds(client, trigger.id);
	const before = memoryOf(n8n.pid);
	const sampler = sampleRss(n8n.pid);
	const started = Date.now();
	const res = await rawPost(url, {
		headers: { 'content-type': 'application/json' },
		body,
		timeoutMs: 120000,
	});
	const answeredMs = Date.now() - started;
	const finished = await waitForNewExecution(client, trigger.id, known, 240000);
	const doneMs = Date.now() - started;
	const peakSampledMb = sampler.stop();
	const after = memoryOf(n8n.pid);
	const execution = await client.readExecution(finished.id);
	const items = nodeItems(execution, wf.TRIGGER_NAME) || [];
	const passed = nodeItems(execution, 'Received') || [];
	const indicesOk = items.every(
		(item, i) =>
			item.segment_index === i && item.segment_count === segments && item.task_id === taskId,
	);
	return {
		bodyBytes: Buffer.byteLength(body),
		segments,
		status: res.status,
		answeredMs,
		doneMs,
		n8nRunMs: new Date(execution.stoppedAt) - new Date(execution.startedAt),
		executionStatus: execution.status,
		items: items.length,
		itemsAfterNextNode: passed.length,
		itemsLost: segments - Math.min(items.length, passed.length),
		indicesOk,
		rssBeforeMb: before && before.rssMb,
		hwmBeforeMb: before && before.hwmMb,
		peakRssDuringMb: peakSampledMb,
		hwmAfterMb: after && after.hwmMb,
	};
}

/** A valid callback above the body limit: what n8n answers, and whether an execution starts. */
async function runOverLimit({ client, n8n, trigger, token, limitMb = 16 }) {
	const url = `${n8n.url}/webhook/${trigger.webhookPath}?token=${encodeURIComponent(token)}`;
	const body = longTranscript({ taskId: wf.randomTaskId(), count: 50000, padTo: 360 });
	const known = await executionIds(client, trigger.id);
	const res = await rawPost(url, {
		headers: { 'content-type': 'application/json' },
		body,
		timeoutMs: 60000,
	});
	// A valid callback afterwards: once its execution is listed, any from the big body would be too.
	const probe = await client.postWebhook(
		trigger.webhookPath,
		wf.transcriptionCallback(wf.randomTaskId()),
		{ query: { token } },
	);
	await waitForNewExecution(client, trigger.id, known, 30000);
	await sleep(500);
	const created = (await executionIds(client, trigger.id)).filter(
		(id) => !known.includes(id),
	).length;
	return {
		bodyBytes: Buffer.byteLength(body),
		limitBytes: limitMb * 1024 * 1024,
		status: res.status,
		answer: (res.text || res.error || '').slice(0, 200),
		executionsFromBigBody: created - (probe.status === 200 ? 1 : 0),
		stillServing: probe.status === 200,
	};
}

module.exports = { runLargeTranscript, runOverLimit, longTranscript };
