'use strict';
// jest globalTeardown of the "e2e-queue" project: stop every process of the cluster, prove that
// none is left, keep the logs under test/artifacts/e2e-queue/, and print the suite's time and
// the peak memory of the whole setup.
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('../../../tools/n8n-harness/n8n');
const { isAlive } = require('../../../tools/n8n-harness/processes');
const { stopCluster, clusterPids } = require('../../../tools/n8n-harness/queue/cluster');
const { livingMembers } = require('../../../tools/n8n-harness/queue/ownership');

module.exports = async function globalTeardown() {
	const shared = globalThis.__MAVI_E2E_QUEUE__;
	if (!shared) return;
	globalThis.__MAVI_E2E_QUEUE__ = undefined;
	const { cluster } = shared;
	const pids = clusterPids(cluster);
	const groups = cluster.started.filter((p) => p !== cluster.main).map((p) => p.pid);
	const memory = shared.memory.stop();
	await stopCluster(cluster);
	shared.removeSignalHandlers();
	const left = [...new Set([...pids.filter(isAlive), ...livingMembers(groups)])];
	const artifacts = path.join(ROOT, 'test/artifacts/e2e-queue');
	fs.mkdirSync(artifacts, { recursive: true });
	for (const file of fs.readdirSync(cluster.workDir).filter((f) => f.endsWith('.log'))) {
		fs.copyFileSync(path.join(cluster.workDir, file), path.join(artifacts, file));
	}
	const summary = {
		suiteMs: Date.now() - shared.suiteStartedAt,
		setupMs: cluster.startMs,
		runtimeCheckMs: cluster.runtimeMs,
		peakMemoryMb: memory.peakMb,
		processesStopped: pids.length,
		leftRunning: left,
	};
	fs.writeFileSync(path.join(artifacts, 'summary.json'), JSON.stringify(summary, null, 2));
	process.stderr.write(
		`[e2e-queue] suite ${(summary.suiteMs / 1000).toFixed(1)} s (setup ${(summary.setupMs / 1000).toFixed(1)} s), ` +
			`peak memory of the whole setup ${summary.peakMemoryMb} MB, ${pids.length} processes stopped\n`,
	);
	if (!process.env.MAVI_E2E_KEEP) fs.rmSync(cluster.workDir, { recursive: true, force: true });
	if (left.length > 0)
		throw new Error(`processes still running after the suite: ${left.join(', ')}`);
};
