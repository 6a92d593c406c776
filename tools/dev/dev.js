'use strict';
// `npm run dev`: a real n8n on 127.0.0.1 with this package installed as users get it, the Mavi
// simulator (or the real service when MAVI_API_KEY is set), a credential, the examples
// imported and the trigger example published and wired to the simulator. Ctrl-C stops it all.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const n8nSupport = require('../n8n-harness/n8n');
const { freePort } = require('../n8n-harness/processes');
const { makeWav } = require('../mavi-simulator/wav');
const { setUpWorkflows } = require('./workflows');

const DEV_DIR = process.env.MAVI_DEV_DIR || path.join(os.homedir(), '.cache/n8n-nodes-mavi/dev');
const STATE_FILE = path.join(DEV_DIR, 'dev-state.json');
const REAL_BASE_URL = 'https://mavi-backend.memories.ai/serve/api/v2';

const say = (line = '') => process.stdout.write(`${line}\n`);

function loadState() {
	try {
		return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	} catch {
		return {};
	}
}

function saveState(state) {
	fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2), { mode: 0o600 });
}

/** The preferred port when it is free, else (or for 0) any free one. */
async function pickPort(preferred) {
	if (!preferred) return freePort();
	const net = require('node:net');
	const free = await new Promise((resolve) => {
		const server = net.createServer().once('error', () => resolve(false));
		server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(true)));
	});
	return free ? preferred : freePort();
}

async function startSimulatorIfNeeded(state) {
	if (process.env.MAVI_API_KEY) return undefined;
	const { startSimulator } = require('../mavi-simulator/server.js');
	state.simulatorApiKey =
		state.simulatorApiKey || `sk-mavi-dev-${crypto.randomBytes(12).toString('hex')}`;
	const port = await pickPort(Number(process.env.MAVI_SIMULATOR_PORT || 5690));
	return startSimulator({ port, apiKey: state.simulatorApiKey });
}

const stops = [];
let stopping = false;

/** Stops what this run started, newest first, by PID; then exits. */
async function stopAll(code) {
	if (stopping) return;
	stopping = true;
	say('\nStopping...');
	for (const stop of stops.reverse()) {
		try {
			await stop();
		} catch (error) {
			say(`  (while stopping: ${error.message})`);
		}
	}
	say('Stopped everything npm run dev started.');
	process.exit(code);
}

async function main() {
	process.on('SIGINT', () => stopAll(0));
	process.on('SIGTERM', () => stopAll(0));
	const started = Date.now();
	// A public base URL of this n8n (e.g. a tunnel) so the real Mavi can reach the trigger.
	const publicBase = process.env.MAVI_DEV_WEBHOOK_URL;
	fs.mkdirSync(DEV_DIR, { recursive: true });
	const state = loadState();
	state.webhookToken =
		process.env.MAVI_WEBHOOK_TOKEN || state.webhookToken || crypto.randomBytes(24).toString('hex');
	saveState(state);

	say('n8n runtime: checking the cache (the first run installs n8n 2.41.1, about 6 minutes)...');
	const runtime = n8nSupport.ensureRuntime();
	const userFolder = path.join(DEV_DIR, 'home');
	const filesDir = path.join(DEV_DIR, 'files');
	fs.mkdirSync(filesDir, { recursive: true });
	const sampleWav = path.join(filesDir, 'meeting.wav');
	if (!fs.existsSync(sampleWav)) fs.writeFileSync(sampleWav, makeWav({ seconds: 6 }));
	n8nSupport.installPackage(userFolder);
	say(`Package: npm pack -> ${path.join(userFolder, '.n8n/nodes/node_modules/n8n-nodes-mavi')}`);

	const simulator = await startSimulatorIfNeeded(state);
	saveState(state);
	if (simulator) {
		stops.push(() => simulator.stop());
		say(`Mavi simulator: ${simulator.baseUrl}`);
	} else {
		say(
			`Mavi: the real service (MAVI_API_KEY is set), ${process.env.MAVI_BASE_URL || REAL_BASE_URL}`,
		);
	}

	const port = await pickPort(Number(process.env.MAVI_DEV_PORT || 5678));
	say(`Starting n8n on http://127.0.0.1:${port} (log: ${path.join(DEV_DIR, 'n8n.log')})...`);
	const n8n = await n8nSupport.startN8n({
		runtime,
		userFolder,
		filesDir,
		logFile: path.join(DEV_DIR, 'n8n.log'),
		port,
		extraEnv: publicBase ? { N8N_WEBHOOK_URL: publicBase } : {},
	});
	stops.push(() => n8n.stop());
	say(`n8n is up after ${(n8n.startMs / 1000).toFixed(1)} s (pid ${n8n.pid}).`);

	const client = await n8nSupport.bootstrapClient(n8n.url);
	const credentialData = simulator
		? {
				apiKey: state.simulatorApiKey,
				baseUrl: simulator.baseUrl,
				webhookToken: state.webhookToken,
			}
		: {
				apiKey: process.env.MAVI_API_KEY,
				baseUrl: process.env.MAVI_BASE_URL || REAL_BASE_URL,
				webhookToken: state.webhookToken,
			};
	const setup = await setUpWorkflows(client, {
		credentialName: simulator ? 'Mavi (local simulator)' : 'Mavi',
		credentialData,
		filesDir,
	});
	for (const line of setup.log) say(`  ${line}`);

	const webhookBase = publicBase ? publicBase.replace(/\/+$/, '') : n8n.url;
	const productionUrl = `${webhookBase}/webhook/${setup.triggerWebhookPath}`;
	// The simulator runs here, so it always calls n8n on loopback.
	const localUrl = `${n8n.url}/webhook/${setup.triggerWebhookPath}`;
	if (simulator) {
		simulator.setWebhookUrl(`${localUrl}?token=${state.webhookToken}`);
		say(`  simulator webhook -> ${localUrl}?token=<the credential's Webhook Token>`);
	}

	const types = await client.nodeTypeNames();
	const ours = types.filter((name) => name.startsWith('n8n-nodes-mavi.'));
	say(`  node types loaded: ${ours.join(', ')}`);
	for (const expected of [
		'n8n-nodes-mavi.maviTranscribe',
		'n8n-nodes-mavi.maviTranscriptionTrigger',
	]) {
		if (!ours.includes(expected)) throw new Error(`n8n did not load ${expected}`);
	}

	say('');
	say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	say(`  Editor:    ${n8n.url}/`);
	say(`  Login:     ${n8nSupport.OWNER.email} / ${n8nSupport.OWNER.password}`);
	say(
		`  Files:     ${filesDir} (Read/Write Files from Disk may use this folder; meeting.wav is a sample)`,
	);
	say(`  Trigger:   ${productionUrl} (published: "${setup.triggerWorkflowName}")`);
	if (!simulator) {
		say(`  Mavi console -> Webhooks Settings: paste the Trigger URL plus ?token=<Webhook Token>;`);
		say(`  the token is in the "Mavi" credential and in ${STATE_FILE}.`);
		if (!publicBase) {
			say('  Mavi cannot reach 127.0.0.1: expose n8n (e.g. a tunnel) and rerun with');
			say('  MAVI_DEV_WEBHOOK_URL=https://<public host>/');
		}
	}
	say('  Try it: open "Mavi: upload a file and start a transcription" and click Execute workflow;');
	say('  the transcript then arrives as a new execution of the published trigger workflow.');
	say('Press Ctrl-C to stop n8n and the simulator.');

	if (process.env.MAVI_DEV_EXIT_WHEN_READY) await stopAll(0);
}

main().catch(async (error) => {
	process.stderr.write(`npm run dev failed: ${error.stack || error.message}\n`);
	await stopAll(1);
});
