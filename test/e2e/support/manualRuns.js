'use strict';
// Starting a Manual Trigger workflow without waiting for it (client.runManual waits), for tests
// that act on a running execution, e.g. stop it.
const { sleep } = require('../../../tools/n8n-harness/processes');

/** Starts the workflow from its Manual Trigger as the editor does; resolves the execution id. */
async function startManual(client, workflowId, triggerName = 'Manual Trigger') {
	const body = { triggerToStartFrom: { name: triggerName } };
	// 1.x runs the workflow the editor sends along; 2.x reads it from the database.
	if ((await client.n8nMajor()) < 2) {
		body.workflowData = (await client.rest('GET', `/workflows/${workflowId}`)).body.data;
	}
	const res = await client.rest('POST', `/workflows/${workflowId}/run`, body);
	const executionId = res.body && res.body.data && res.body.data.executionId;
	if (res.status !== 200 || !executionId) {
		throw new Error(`manual run: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
	}
	return executionId;
}

/**
 * A finished execution with its run data: n8n 1.x may report the final status a moment before
 * the data is readable, so read it again until it is (bounded).
 */
async function withRunData(client, execution, timeoutMs = 10000) {
	const deadline = Date.now() + timeoutMs;
	let current = execution;
	while (!(current.data && current.data.resultData)) {
		if (Date.now() > deadline) throw new Error(`execution ${execution.id} has no run data`);
		await sleep(200);
		current = await client.readExecution(execution.id);
	}
	return current;
}

module.exports = { startManual, withRunData };
