'use strict';
// R1 against the real n8n: malformed callbacks to the published trigger. Every one must get a
// 4xx and start no execution; a valid callback afterwards must still run.
const { nodeItems } = require('../../test/e2e/support/client');
const wf = require('../../test/e2e/support/workflows');
const { hostileRequests, bodyOf } = require('./hostile-bodies');
const { rawPost } = require('./http');

/**
 * Sends `requests` (from hostile-bodies.js), `concurrency` at a time, starting no new one after
 * `deadline` (epoch ms). Statuses outside 400-499 are listed in `unexpected`, except a 200
 * {ignored: true} (the trigger's documented answer to an envelope that is not a transcript),
 * which is counted in `ignored`.
 */
async function sendHostile(url, requests, { deadline = Infinity, concurrency = 4 } = {}) {
	const results = [];
	let next = 0;
	const worker = async () => {
		while (next < requests.length && Date.now() < deadline) {
			const request = requests[next++];
			const res = await rawPost(url, { headers: request.headers, body: bodyOf(request) });
			results.push({
				name: request.name,
				category: request.category,
				status: res.status,
				ms: res.ms,
				text: res.text || res.error,
			});
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const isIgnored = (r) => r.status === 200 && /"ignored":true/.test(r.text);
	const ignored = results.filter(isIgnored);
	const unexpected = results.filter((r) => (r.status < 400 || r.status > 499) && !isIgnored(r));
	const byStatus = {};
	for (const r of results) byStatus[r.status] = (byStatus[r.status] || 0) + 1;
	return { results, unexpected, ignored, byStatus };
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
		ignored: sent.ignored,
		executionsBefore: before,
		executionsAfter: after,
		executionsFromHostile: after - before - (valid.ok ? 1 : 0),
		healthz,
		validStillWorks: valid.ok,
		ms: Date.now() - started,
	};
}

module.exports = { runR1, sendHostile, validCallbackRuns };
