'use strict';
// Reading executions back from n8n's public API, polling (never sleeping a fixed time) until
// they finish. N8nClient extends this, so tests call e.g. client.waitForExecutions().
const { sleep } = require('./processes');

const RUNNING = ['new', 'running', 'waiting'];
// n8n 1.x may report an execution's final status a moment before its run data is readable.
const DATA_GRACE_MS = 10000;

/** Finished, with its run data readable (read with includeData). */
function isFinished(execution) {
	return (
		!RUNNING.includes(execution.status) && Boolean(execution.data && execution.data.resultData)
	);
}

function fail(what, res) {
	return new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
}

class ExecutionQueries {
	async listExecutions(workflowId, { includeData = false } = {}) {
		const all = [];
		let cursor = '';
		do {
			const query = `workflowId=${workflowId}&includeData=${includeData}&limit=100`;
			const res = await this.api('GET', `/executions?${query}${cursor ? `&cursor=${cursor}` : ''}`);
			if (res.status !== 200) throw fail('list executions', res);
			all.push(...res.body.data);
			cursor = res.body.nextCursor || '';
		} while (cursor);
		return all;
	}

	async readExecution(id) {
		const res = await this.api('GET', `/executions/${id}?includeData=true`);
		if (res.status !== 200) throw fail('read execution', res);
		return res.body;
	}

	async waitForExecution(id, timeoutMs = 60000) {
		const deadline = Date.now() + timeoutMs;
		let finishedWithoutDataSince;
		for (;;) {
			const res = await this.api('GET', `/executions/${id}?includeData=true`);
			if (res.status === 200 && isFinished(res.body)) return res.body;
			if (res.status === 200 && !RUNNING.includes(res.body.status)) {
				finishedWithoutDataSince ??= Date.now();
				// Returned as it is after the grace, so a test shows what the execution lacks.
				if (Date.now() - finishedWithoutDataSince > DATA_GRACE_MS) return res.body;
			}
			if (Date.now() > deadline)
				throw new Error(`execution ${id} not finished: ${res.text.slice(0, 300)}`);
			await sleep(150);
		}
	}

	/** Waits until the workflow has at least `count` finished executions; returns them all. */
	async waitForExecutions(workflowId, count, timeoutMs = 30000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.listExecutions(workflowId, { includeData: true });
			const finished = list.filter(isFinished);
			if (finished.length >= count) return finished;
			if (Date.now() > deadline) {
				throw new Error(`expected ${count} executions of ${workflowId}, found ${finished.length}`);
			}
			await sleep(150);
		}
	}

	/** Waits for a finished execution of the workflow that satisfies `predicate`; returns it. */
	async waitForExecutionWhere(workflowId, predicate, timeoutMs = 30000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.listExecutions(workflowId, { includeData: true });
			const found = list.find((e) => isFinished(e) && predicate(e));
			if (found) return found;
			if (Date.now() > deadline)
				throw new Error(`no matching execution of ${workflowId} after ${timeoutMs} ms`);
			await sleep(150);
		}
	}

	/** Waits until none of the workflow's executions is still running; returns them all. */
	async waitForIdle(workflowId, timeoutMs = 30000) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await this.listExecutions(workflowId, { includeData: true });
			if (list.every(isFinished)) return list;
			if (Date.now() > deadline) throw new Error(`executions of ${workflowId} still running`);
			await sleep(150);
		}
	}
}

/** The items a node emitted in an execution read back with includeData. */
function nodeItems(execution, nodeName, output = 0) {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs) return undefined;
	const main = runs[0].data && runs[0].data.main;
	return (main && main[output] ? main[output] : []).map((item) => item.json);
}

module.exports = { ExecutionQueries, nodeItems };
