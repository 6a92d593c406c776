'use strict';
// What a queue-mode test file uses: a client of the main process (API, executions), one client
// per webhook process (production webhooks), a simulator and a credential pointing at it.
const fs = require('node:fs');
const path = require('node:path');

const { startSimulator } = require('../../mavi-simulator/server.js');
const { N8nClient } = require('../client');
const { E2E_API_KEY, E2E_WEBHOOK_TOKEN } = require('../secrets');

function readState() {
	const file = process.env.MAVI_E2E_QUEUE_STATE;
	if (!file) {
		throw new Error(
			'MAVI_E2E_QUEUE_STATE is not set: run these files through the "e2e-queue" jest project ' +
				'(npx jest --runInBand --selectProjects e2e-queue), whose globalSetup starts the cluster',
		);
	}
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

async function useQueue({ label, simulatorOptions = {} }) {
	const state = readState();
	const client = new N8nClient(state.mainUrl);
	await client.setupOwnerOrLogin(state.owner);
	client.apiKey = state.apiKey;
	const webhooks = state.webhookUrls.map((url) => new N8nClient(url));
	const simulator = await startSimulator({
		port: 0,
		apiKey: E2E_API_KEY,
		assetReadyMs: 300,
		logFile: path.join(state.workDir, `simulator-${label}.log`),
		...simulatorOptions,
	});
	try {
		const credential = await client.createCredential({
			name: `Mavi queue (${label})`,
			apiKey: E2E_API_KEY,
			baseUrl: simulator.baseUrl,
			webhookToken: E2E_WEBHOOK_TOKEN,
		});
		return { state, client, webhooks, simulator, credential };
	} catch (error) {
		await simulator.stop();
		throw error;
	}
}

/** The production URL of a trigger on one webhook process, with or without the right token. */
function callbackUrl(webhookClient, webhookPath, token = E2E_WEBHOOK_TOKEN) {
	return `${webhookClient.url}/webhook/${webhookPath}?token=${encodeURIComponent(token)}`;
}

/** Which worker ran an execution, from the workers' own logs ("Worker started execution N"). */
function workerOf(state, executionId) {
	const pattern = new RegExp(`Worker started execution ${executionId} \\(`);
	const found = state.workerLogs.filter((w) => pattern.test(fs.readFileSync(w.logFile, 'utf8')));
	return found.map((w) => w.name).join(',') || undefined;
}

module.exports = { useQueue, readState, callbackUrl, workerOf };
