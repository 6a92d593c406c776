// P6: n8n in queue mode, two 30-item Transcription -> Start batches at once on two
// workers against the simulator's 1 request/s limit, in both rate-limit styles. Reuses the
// queue-mode e2e cluster (PostgreSQL, Redis, main, 2 webhook processes, 2 workers).
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const {
	startCluster,
	stopCluster,
	describeCluster,
} = require('../../tools/n8n-harness/queue/cluster.js');
const { runConcurrentBatches } = require('../../tools/n8n-harness/queue/batches.js');
const { useQueue } = require('../../tools/n8n-harness/queue/useQueue.js');

const IDEAL_MS = 60_000; // 60 requests at 1 per second

export async function runP6({ log }) {
	log('P6: starting the queue-mode cluster (PostgreSQL, Redis, 5 n8n processes)');
	const cluster = await startCluster();
	let env;
	try {
		const stateFile = path.join(cluster.workDir, 'state.json');
		writeFileSync(stateFile, JSON.stringify(describeCluster(cluster)));
		process.env.MAVI_E2E_QUEUE_STATE = stateFile;
		env = await useQueue({ label: 'bench' });
		const styles = {};
		for (const style of ['429', '400']) {
			const run = await runConcurrentBatches(env, style);
			log(
				`P6 ${style}: wall ${run.wallMs} ms, ${run.failedItems} failed, ${run.rejected} rejected`,
			);
			styles[style] = { ...run, wallOverIdeal: Math.round((run.wallMs / IDEAL_MS) * 100) / 100 };
		}
		return { idealMs: IDEAL_MS, styles };
	} finally {
		if (env) await env.simulator.stop();
		await stopCluster(cluster);
		rmSync(cluster.workDir, { recursive: true, force: true });
		delete process.env.MAVI_E2E_QUEUE_STATE;
	}
}

/** The report rows (see report.mjs). */
export function p6Rows(p6, add) {
	if (!p6 || p6.error) {
		add(
			'P6',
			'Queue mode, 2 workers',
			`not measured: ${p6 ? p6.error : 'skipped'}`,
			'<= 1.3, 0',
			null,
		);
		return;
	}
	for (const [style, run] of Object.entries(p6.styles)) {
		add(
			'P6',
			`queue mode, two 30-item Start batches on two workers, limit answered with ${style}: wall / 60 s; failed items; requests rejected`,
			`${run.wallOverIdeal}; ${run.failedItems} failed (${run.tasks} tasks, ${run.duplicates} duplicates); ${run.rejected} rejected`,
			'<= 1.3; 0 failed',
			run.wallOverIdeal <= 1.3 && run.failedItems === 0 && run.duplicates === 0,
		);
	}
}
