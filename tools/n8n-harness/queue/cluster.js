'use strict';
// n8n 2.41.1 in queue mode, as a scaling user runs it: PostgreSQL + Redis, one main process that
// leaves production webhooks to others (N8N_DISABLE_PRODUCTION_MAIN_PROCESS), two `n8n webhook`
// and two `n8n worker --concurrency=2`. Everything is started here and stopped by stopCluster(),
// also when the start fails half-way.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureRuntime, installPackage, startN8n, bootstrapClient, OWNER } = require('../n8n');
const { descendantPids, freePort } = require('../processes');
const { ensureDebianPackages } = require('../system-packages');
const { startPostgres } = require('./postgres');
const { startRedis } = require('./redis');
const { startQueueProcess } = require('./n8nProcesses');

const WEBHOOK_PROCESSES = 2;
const WORKERS = 2;
const WORKER_CONCURRENCY = 2;

/** Every process needs the same database, queue and encryption key (n8nEnv sets the key). */
function queueEnv(pg, redis) {
	return {
		...pg.env,
		...redis.env,
		EXECUTIONS_MODE: 'queue',
		// "Execute workflow" in the editor runs on a worker too, as production executions do.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/** A user folder per process, each with the installed package (as every host would have). */
function userFolderFor(workDir, name, installed) {
	const folder = path.join(workDir, `home-${name}`);
	if (folder !== installed) {
		fs.cpSync(path.join(installed, '.n8n/nodes'), path.join(folder, '.n8n/nodes'), {
			recursive: true,
		});
	}
	return folder;
}

async function startCluster({ logLevel = 'info' } = {}) {
	const t0 = Date.now();
	const programs = ensureDebianPackages(['postgresql', 'redis-server'], 'the queue-mode suite');
	// Queue mode is tested on the 2.x line only.
	const runtime = ensureRuntime('2x');
	const runtimeMs = Date.now() - t0;
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mavi-e2e-queue-'));
	const filesDir = path.join(workDir, 'files');
	fs.mkdirSync(filesDir, { recursive: true });
	const cluster = { workDir, filesDir, runtime, started: [], webhooks: [], workers: [] };
	try {
		const mainHome = path.join(workDir, 'home-main');
		installPackage(mainHome);
		const [pg, redis] = await Promise.all([
			startPostgres({
				bin: path.dirname(programs.postgresql),
				logFile: path.join(workDir, 'postgres.log'),
			}),
			startRedis({ binary: programs['redis-server'], logFile: path.join(workDir, 'redis.log') }),
		]);
		cluster.started.push(pg, redis);
		Object.assign(cluster, { pg, redis });
		const env = queueEnv(pg, redis);
		// Main first: it runs the database migrations the others expect.
		cluster.main = await startN8n({
			runtime,
			userFolder: mainHome,
			filesDir,
			logFile: path.join(workDir, 'main.log'),
			logLevel,
			extraEnv: { ...env, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
		});
		cluster.started.push(cluster.main);
		// Resume URLs ($execution.resumeUrl) come from N8N_WEBHOOK_URL of the worker that runs the
		// execution. As behind a load balancer, it names a webhook process: main serves no
		// production or waiting webhooks here, and a worker serves none at all.
		const webhookPorts = [];
		for (let i = 0; i < WEBHOOK_PROCESSES; i++) webhookPorts.push(await freePort());
		const othersEnv = { ...env, N8N_WEBHOOK_URL: `http://127.0.0.1:${webhookPorts[0]}/` };
		const others = [
			...Array.from({ length: WEBHOOK_PROCESSES }, (_, i) => ({
				name: `webhook-${i + 1}`,
				command: 'webhook',
				args: [],
				port: webhookPorts[i],
				list: cluster.webhooks,
			})),
			...Array.from({ length: WORKERS }, (_, i) => ({
				name: `worker-${i + 1}`,
				command: 'worker',
				args: [`--concurrency=${WORKER_CONCURRENCY}`],
				list: cluster.workers,
			})),
		];
		const results = await Promise.allSettled(
			others.map(async (spec) => {
				const proc = await startQueueProcess({
					runtime,
					command: spec.command,
					args: spec.args,
					port: spec.port,
					userFolder: userFolderFor(workDir, spec.name, mainHome),
					filesDir,
					logFile: path.join(workDir, `${spec.name}.log`),
					logLevel,
					extraEnv: othersEnv,
				});
				proc.name = spec.name;
				spec.list.push(proc);
				cluster.started.push(proc);
				return proc;
			}),
		);
		const failed = results.find((r) => r.status === 'rejected');
		if (failed) throw failed.reason;
		cluster.client = await bootstrapClient(cluster.main.url);
	} catch (error) {
		await stopCluster(cluster);
		if (!process.env.MAVI_E2E_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
		throw error;
	}
	cluster.runtimeMs = runtimeMs;
	cluster.startMs = Date.now() - t0;
	return cluster;
}

/** Stops the n8n processes first (they hold connections), then Redis and PostgreSQL. */
async function stopCluster(cluster) {
	const servers = cluster.started.filter((p) => p !== cluster.pg && p !== cluster.redis);
	await Promise.all(servers.map((p) => p.stop().catch(() => undefined)));
	for (const p of [cluster.redis, cluster.pg]) if (p) await p.stop().catch(() => undefined);
	cluster.started = [];
}

/** Every PID the cluster runs now (group leaders and the main process with its task runner). */
function clusterPids(cluster) {
	const leaders = cluster.started.map((p) => p.pid);
	return [...new Set([...leaders, ...leaders.flatMap((pid) => descendantPids(pid))])];
}

/** What the test files read from the state file. */
function describeCluster(cluster) {
	return {
		owner: OWNER,
		apiKey: cluster.client.apiKey,
		workDir: cluster.workDir,
		filesDir: cluster.filesDir,
		mainUrl: cluster.main.url,
		webhookUrls: cluster.webhooks.map((w) => w.url),
		workerLogs: cluster.workers.map((w) => ({ name: w.name, logFile: w.logFile })),
		logFiles: cluster.started.map((p) => p.logFile),
		pids: clusterPids(cluster),
	};
}

module.exports = { startCluster, stopCluster, clusterPids, describeCluster, WORKER_CONCURRENCY };
