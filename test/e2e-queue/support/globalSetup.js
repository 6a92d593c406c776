'use strict';
// jest globalSetup of the "e2e-queue" project: one queue-mode cluster shared by the test files,
// described to them in the file named by MAVI_E2E_QUEUE_STATE.
const fs = require('node:fs');
const path = require('node:path');

const { startCluster, stopCluster, clusterPids, describeCluster } = require('../../../tools/n8n-harness/queue/cluster');
const { sampleMemory } = require('./memory');
const { stopOnInterrupt } = require('../../../tools/n8n-harness/queue/ownership');

module.exports = async function globalSetup() {
	const suiteStartedAt = Date.now();
	const cluster = await startCluster({ logLevel: process.env.MAVI_E2E_LOG_LEVEL || 'info' });
	const stateFile = path.join(cluster.workDir, 'state.json');
	fs.writeFileSync(stateFile, JSON.stringify(describeCluster(cluster), null, 2));
	process.env.MAVI_E2E_QUEUE_STATE = stateFile;
	const memory = sampleMemory(() => [...clusterPids(cluster), ...testProcessPids()]);
	const shared = { cluster, stateFile, memory, suiteStartedAt };
	globalThis.__MAVI_E2E_QUEUE__ = shared;
	process.stderr.write(
		`\n[e2e-queue] main ${cluster.main.url}, webhooks ${cluster.webhooks.map((w) => w.url).join(' ')}, ` +
			`${cluster.workers.length} workers: runtime ${cluster.runtimeMs} ms, ` +
			`setup ${cluster.startMs} ms (${cluster.workDir})\n`,
	);
	// The exit guards of ownership.js SIGKILL whatever this misses.
	shared.removeSignalHandlers = stopOnInterrupt(() => stopCluster(cluster));
};

/** The jest process itself hosts the simulator, so it counts towards the setup too. */
function testProcessPids() {
	return [process.pid];
}
