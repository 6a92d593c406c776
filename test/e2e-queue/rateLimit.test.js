'use strict';
// The 1 request/s limit across workers. Two 30-item Start batches run at
// the same time on the two workers, each with its own in-process limiter, against the
// simulator's real limit in both of its styles (429, and the ambiguous 400 that also means
// "asset not ready"). All 60 tasks must start exactly once, no item may fail, and the account's
// limit must stay used: at most 1.3 x the 60 s that 60 requests need at best.
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('../../tools/n8n-harness/n8n');
const { runConcurrentBatches, ITEMS } = require('../../tools/n8n-harness/queue/batches');
const { useQueue } = require('../../tools/n8n-harness/queue/useQueue');

jest.setTimeout(6 * 60_000);

let env;

beforeAll(async () => {
	env = await useQueue({ label: 'rate-limit' });
});

afterAll(async () => {
	if (env) await env.simulator.stop();
});

test.each(['429', '400'])(
	'rate-limit style %s: 60/60 tasks, 0 duplicates, 0 failed items, wall <= 1.3 x 60 s',
	async (style) => {
		const run = await runConcurrentBatches(env, style);
		const artifacts = path.join(ROOT, 'test/artifacts/e2e-queue');
		fs.mkdirSync(artifacts, { recursive: true });
		fs.writeFileSync(
			path.join(artifacts, `rate-limit-${style}.json`),
			JSON.stringify(run, null, 2),
		);
		expect(run.errors).toEqual([]);
		expect(run.statuses).toEqual(['success', 'success']);
		// One batch per worker: the limit really was shared by two processes.
		expect(new Set(run.workers).size).toBe(2);
		expect(run.tasks).toBe(2 * ITEMS);
		expect(run.duplicates).toBe(0);
		expect(run.unstarted).toBe(0);
		expect(run.itemsOut).toBe(2 * ITEMS);
		expect(run.failedItems).toBe(0);
		expect(run.wallMs).toBeLessThanOrEqual(1.3 * 60_000);
	},
);
