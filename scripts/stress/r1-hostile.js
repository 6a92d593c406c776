'use strict';
// R1 against the real n8n: malformed callbacks to the published trigger. Every one must get a
// 4xx and start no execution; a valid callback afterwards must still run.
const { nodeItems } = require('../../test/e2e/support/client');
const wf = require('../../test/e2e/support/workflows');
const { hostileRequests, bodyOf } = require('./hostile-bodies');
const { rawPost } = require('./http');

/**
 * Sends `requests` (from hostile-bodies.js) one by one, stopping early at `deadline` (epoch
 * ms). Returns per-request results; statuses outside 400-499 are listed in `unexpected`.
 */
async function sendHostile(url, requests, { deadline = Infinity } = {}) {
	const results = [];
	for (const request of requests) {
		if (Date.now() > deadline) break;
		const res = await rawPost(url, { headers: request.headers, body: bodyOf(request) });
		results.push({
			name: request.name,
			category: request.category,
			status: res.status,
			ms: res.ms,
			text: res.text || res.error,
		});
	}
	const unexpected = results.filter((r) => r.status < 400 || r.status > 499);
	const byStatus = {};
	for (const r of results) byStatus[r.status] = (byStatus[r.status] || 0) + 1;
	return { results, unexpected, byStatus };
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

async function runR1({ client, n8nUrl, trigger, token, count = 500, deadline }) {
	const started = Date.now();
	const url = `${n8nUrl}/webhook/${trigger.webhookPath}?token=${encodeURIComponent(token)}`;
	const before = (await client.listExecutions(trigger.id)).length;
	const sent = await sendHostile(url, hostileRequests({ count }), { deadline });
	const healthz = (await fetch(`${n8nUrl}/healthz`)).status;
	// After the valid callback's execution, any execution a hostile request started is listed too.
	const valid = await validCallbackRuns(client, trigger, token, before + 1);
	const after = (await client.listExecutions(trigger.id)).length;
	return {
		tried: sent.results.length,
		byStatus: sent.byStatus,
		unexpected: sent.unexpected,
		executionsBefore: before,
		executionsAfter: after,
		executionsFromHostile: after - before - (valid.ok ? 1 : 0),
		healthz,
		validStillWorks: valid.ok,
		ms: Date.now() - started,
	};
}

module.exports = { runR1, sendHostile, validCallbackRuns };
