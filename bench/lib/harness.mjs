// Glue to the real-n8n harness (tools/n8n-harness/*.js, CommonJS): one n8n with the packed
// package installed, an owner and API key, plus the Mavi simulator. Everything started here is
// stopped by PID in stop(), which is safe to call twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const HARNESS = '../../tools/n8n-harness';
const { ensureRuntime, installPackage, startN8n, bootstrapClient } = require(`${HARNESS}/n8n.js`);
const { nodeItems } = require(`${HARNESS}/client.js`);
const { node, linearWorkflow, triggerWorkflow, startStep, uploadWorkflow } = require(
	`${HARNESS}/workflows.js`,
);
const { makeWav } = require('../../tools/mavi-simulator/wav.js');
const { sleep } = require(`${HARNESS}/processes.js`);
const { writeSparseWav } = require(`${HARNESS}/bigFiles.js`);
const { startSimulator } = require('../../tools/mavi-simulator/server.js');

export {
	nodeItems,
	node,
	linearWorkflow,
	triggerWorkflow,
	startStep,
	uploadWorkflow,
	makeWav,
	writeSparseWav,
	sleep,
};

export const SIM_API_KEY = 'sk-mavi-bench-key';
export const WEBHOOK_TOKEN = 'bench-webhook-token';

/**
 * @param {{ logDir: string, profileDir?: string, log: (line: string) => void }} options
 * profileDir: run n8n with --cpu-prof, profiles written there on a clean stop.
 * patchPackage(dir), n8nEnv: experiments only (edit the installed copy before n8n starts; extra
 * n8n environment). The bench itself runs n8n with its defaults, as users have it.
 */
export async function startEnvironment({ logDir, profileDir, log, patchPackage, n8nEnv = {} }) {
	const env = { n8n: undefined, simulator: undefined, workDir: undefined };
	env.stop = async () => {
		const { n8n, simulator } = env;
		env.n8n = undefined;
		env.simulator = undefined;
		if (n8n) await n8n.stop();
		if (simulator) await simulator.stop();
		if (env.workDir) rmSync(env.workDir, { recursive: true, force: true });
		env.workDir = undefined;
	};
	try {
		let t0 = Date.now();
		const runtime = ensureRuntime();
		env.runtime = runtime;
		log(`n8n runtime ready in ${Date.now() - t0} ms (${runtime.dir})`);
		env.workDir = mkdtempSync(path.join(tmpdir(), 'mavi-bench-'));
		const userFolder = path.join(env.workDir, 'home');
		t0 = Date.now();
		const packageDir = installPackage(userFolder);
		if (patchPackage) patchPackage(packageDir);
		log(`package packed and installed in ${Date.now() - t0} ms`);
		env.simulator = await startSimulator({
			port: 0,
			apiKey: SIM_API_KEY,
			assetReadyMs: 0,
			segments: 3,
			// Start needs a webhook configured; its callbacks are not part of P3, so they never fire.
			webhookUrl: 'http://127.0.0.1:9/unused',
			callbackDelayMs: 3_600_000,
		});
		const extraEnv = {
			...n8nEnv,
			...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
		};
		env.n8n = await startN8n({
			runtime,
			userFolder,
			filesDir: path.join(env.workDir, 'files'),
			logFile: path.join(logDir, 'n8n.log'),
			logLevel: 'warn',
			extraEnv,
		});
		log(`n8n ${env.n8n.url} pid ${env.n8n.pid} ready in ${env.n8n.startMs} ms`);
		env.client = await bootstrapClient(env.n8n.url);
		env.credential = await env.client.createCredential({
			name: 'Mavi bench',
			apiKey: SIM_API_KEY,
			baseUrl: env.simulator.baseUrl,
			webhookToken: WEBHOOK_TOKEN,
		});
		return env;
	} catch (error) {
		await env.stop();
		throw error;
	}
}

/** Execution ids of a workflow, newest first (public API, without data). */
export async function latestExecutions(client, workflowId, limit = 5) {
	const res = await client.api('GET', `/executions?workflowId=${workflowId}&limit=${limit}`);
	if (res.status !== 200)
		throw new Error(`list executions: HTTP ${res.status} ${res.text.slice(0, 200)}`);
	return res.body.data;
}

const FINISHED = (e) => !['new', 'running', 'waiting'].includes(e.status) && e.stoppedAt;

/** Waits for the first execution of the workflow newer than `afterId`; returns it (no data). */
export async function waitForNewExecution(client, workflowId, afterId, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await latestExecutions(client, workflowId, 3);
		const fresh = list.filter((e) => Number(e.id) > Number(afterId));
		const done = fresh.find(FINISHED);
		if (done) return done;
		if (Date.now() > deadline)
			throw new Error(`no new execution of ${workflowId} after ${afterId}`);
		await sleep(50);
	}
}
