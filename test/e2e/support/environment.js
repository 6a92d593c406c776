'use strict';
// What most e2e files start with: the shared n8n, a simulator logging into n8n's work folder,
// and a Mavi credential pointing at that simulator.
const { startSimulator } = require('../../../tools/mavi-simulator/server.js');
const { useN8n } = require('./instance');
const { triggerWorkflow } = require('../../../tools/n8n-harness/workflows');
const { E2E_API_KEY, E2E_WEBHOOK_TOKEN } = require('../../../tools/n8n-harness/secrets');
const { uploadReadyAsset: uploadWavAsset } = require('../../support/maviSim');

/**
 * @param {{ label: string, credentialName: string, simulatorOptions?: object }} options
 * label names the simulator log (simulator-<label>.log). On failure everything started here is
 * stopped again, since the caller never receives it to stop in afterAll.
 */
async function useMaviEnvironment({ label, credentialName, simulatorOptions = {} }) {
	const n8n = await useN8n();
	const simulatorLog = `${n8n.state.workDir}/simulator-${label}.log`;
	let simulator;
	try {
		simulator = await startSimulator({
			port: 0,
			apiKey: E2E_API_KEY,
			logFile: simulatorLog,
			assetReadyMs: 300,
			...simulatorOptions,
		});
		const credential = await n8n.client.createCredential({
			name: credentialName,
			apiKey: E2E_API_KEY,
			baseUrl: simulator.baseUrl,
			webhookToken: E2E_WEBHOOK_TOKEN,
		});
		return { n8n, client: n8n.client, simulator, simulatorLog, credential };
	} catch (error) {
		if (simulator) await simulator.stop();
		await n8n.close();
		throw error;
	}
}

/**
 * Creates and publishes a Mavi Transcription Trigger workflow (`typeVersion` as in
 * triggerWorkflow); returns { id, webhookPath }.
 */
async function publishTrigger(client, { name, credential, parameters, typeVersion }) {
	const { workflow, webhookPath } = triggerWorkflow({ name, credential, parameters, typeVersion });
	const created = await client.createWorkflow(workflow);
	await client.publish(created.id);
	return { id: created.id, webhookPath };
}

/** The shared set-up upload (test/support/maviSim.js), with the e2e key and a 2 s WAV by default. */
const uploadReadyAsset = (simulator, options = {}) =>
	uploadWavAsset(simulator, { apiKey: E2E_API_KEY, seconds: 2, fileName: 'seed.wav', ...options });

module.exports = { useMaviEnvironment, publishTrigger, uploadReadyAsset };
