'use strict';
// Against the real n8n: malformed callbacks to the published trigger. Only a broken envelope
// gets a 4xx and starts nothing (the envelope rule); a sound envelope with odd fields gets a 2xx and
// may start an execution; a valid callback afterwards must still run.
const { nodeItems } = require('../../tools/n8n-harness/client');
const { envelopeVerdict } = require('../e2e/support/envelopeRule');
const wf = require('../../tools/n8n-harness/workflows');
const { hostileRequests, bodyOf } = require('./hostile-bodies');
const { rawPost } = require('./http');

/**
 * Judges one answer by rule 1, independently of the node: a broken envelope must be refused
 * (4xx), a sound one acknowledged (200), one n8n parsed from another format either. `started`:
 * a 200 that is not an {ignored}/{duplicate} acknowledgement starts an execution.
 */
function judgeAnswer({ headers, body }, { status, text = '' }) {
	const verdict = envelopeVerdict({ headers, body });
	const refused = status >= 400 && status <= 499;
	const acknowledged = /"(ignored|duplicate)":true/.test(text);
	const started = status === 200 && !acknowledged;
	if (verdict === 'broken') return { verdict, ok: refused, started };
	if (verdict === 'sound') return { verdict, ok: status === 200, started };
	return { verdict, ok: refused || (status === 200 && acknowledged), started };
}

/**
 * Sends `requests` (from hostile-bodies.js), `concurrency` at a time, starting no new one after
 * `deadline` (epoch ms). Answers that break rule 1 are listed in `unexpected` (by name, with the
 * verdict); `started` counts the callbacks that legitimately started an execution.
 */
async function sendHostile(url, requests, { deadline = Infinity, concurrency = 4 } = {}) {
	const results = [];
	let next = 0;
	const worker = async () => {
		while (next < requests.length && Date.now() < deadline) {
			const request = requests[next++];
			// The 5 MB cases are made on demand; the verdict judges the very bytes that were sent.
			const sentRequest = { headers: request.headers, body: bodyOf(request) };
			const res = await rawPost(url, sentRequest);
			const answer = { status: res.status, text: res.text || res.error || '' };
			results.push({
				name: request.name,
				category: request.category,
				...answer,
				ms: res.ms,
				...judgeAnswer(sentRequest, answer),
			});
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const unexpected = results.filter((r) => !r.ok);
	const started = results.filter((r) => r.started).length;
	const byStatus = {};
	for (const r of results) byStatus[r.status] = (byStatus[r.status] || 0) + 1;
	return { results, unexpected, started, byStatus };
}

/** Posts one valid callback and waits for its execution; returns the task_id that came out. */
async function validCallbackRuns(client, trigger, token, expectedTotal) {
	const taskId = wf.randomTaskId();
	const res = await client.postWebhook(trigger.webhookPath, wf.transcriptionCallback(taskId), {
		query: { token },
	});
	if (res.status !== 200) return { ok: false, status: res.status };
	const executions = await client.waitForExecutions(trigger.id, expectedTotal, 30000);
	const ran = executions.some((e) => (nodeItems(e, wf.TRIGGER_NAME) || [])[0]?.task_id === taskId);
	return { ok: ran, status: res.status, executions: executions.length };
}

async function runHostileCallbacks({ client, n8nUrl, trigger, token, count = 500, deadline }) {
	const started = Date.now();
	const url = `${n8nUrl}/webhook/${trigger.webhookPath}?token=${encodeURIComponent(token)}`;
	const before = (await client.listExecutions(trigger.id)).length;
	const sent = await sendHostile(url, hostileRequests({ count }), { deadline });
	const healthz = (await fetch(`${n8nUrl}/healthz`)).status;
	// Sound envelopes among the hostile ones started executions too; the valid callback's is the
	// one after them, and once it is listed, any execution a hostile request started is as well.
	const valid = await validCallbackRuns(client, trigger, token, before + sent.started + 1);
	const after = (await client.listExecutions(trigger.id)).length;
	return {
		tried: sent.results.length,
		byStatus: sent.byStatus,
		unexpected: sent.unexpected,
		startedBySoundEnvelopes: sent.started,
		executionsBefore: before,
		executionsAfter: after,
		executionsFromHostile: after - before - (valid.ok ? 1 : 0),
		healthz,
		validStillWorks: valid.ok,
		ms: Date.now() - started,
	};
}

module.exports = { runHostileCallbacks, sendHostile, judgeAnswer, validCallbackRuns };
