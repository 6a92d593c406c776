'use strict';
// The n8n processes of queue mode that the single-process harness does not start: `n8n webhook`
// and `n8n worker`. Same runtime, package install and offline environment (n8nEnv) as the main
// process; each leads its own process group (it and its task runner are stopped together).
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { n8nEnv } = require('../n8n');
const { freePort, waitForHttpOk, tail } = require('../processes');
const { watchProcess, stopGroup } = require('./ownership');

/**
 * command 'webhook' or 'worker'; args e.g. ['--concurrency=2']. Returns once /healthz/readiness
 * answers 200 (a worker serves it on QUEUE_HEALTH_CHECK_PORT, a webhook process on N8N_PORT).
 */
async function startQueueProcess({
	runtime,
	command,
	args = [],
	userFolder,
	filesDir,
	logFile,
	logLevel = 'info',
	extraEnv = {},
	port: chosenPort,
}) {
	const port = chosenPort || (await freePort());
	const brokerPort = await freePort();
	const healthPort = command === 'worker' ? await freePort() : port;
	const env = n8nEnv({
		userFolder,
		port,
		brokerPort,
		filesDir,
		logLevel,
		extra: {
			...extraEnv,
			...(command === 'worker'
				? {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(healthPort),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					}
				: {}),
		},
	});
	env.PATH = `${path.dirname(runtime.node)}:${env.PATH}`;
	fs.mkdirSync(userFolder, { recursive: true });
	const out = fs.openSync(logFile, 'a');
	const child = spawn(runtime.node, [runtime.n8nBin, command, ...args], {
		cwd: userFolder,
		env,
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const watch = watchProcess(child.pid);
	const stop = async () => {
		await stopGroup(child.pid, 'SIGTERM');
		watch.release();
	};
	const started = Date.now();
	try {
		await waitForHttpOk(`http://127.0.0.1:${healthPort}/healthz/readiness`, {
			pid: child.pid,
			timeoutMs: 240000,
			onDeath: () => `n8n ${command} exited during start; last log lines:\n${tail(logFile)}`,
		});
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		command,
		pid: child.pid,
		port,
		url: `http://127.0.0.1:${port}`,
		logFile,
		startMs: Date.now() - started,
		stop,
	};
}

module.exports = { startQueueProcess };
