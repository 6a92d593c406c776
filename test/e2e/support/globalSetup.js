'use strict';
// jest globalSetup of the "e2e" project: one real n8n shared by every e2e test file.
// Its connection details reach the test files through the file named in MAVI_E2E_STATE.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureRuntime, installPackage, startN8n, bootstrapClient, OWNER } = require('./n8n');
const { stopTree } = require('./processes');

async function startSharedN8n() {
	const t0 = Date.now();
	const runtime = ensureRuntime();
	const runtimeMs = Date.now() - t0;
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mavi-e2e-'));
	const userFolder = path.join(workDir, 'home');
	let n8n;
	let client;
	try {
		installPackage(userFolder);
		n8n = await startN8n({
			runtime,
			userFolder,
			filesDir: path.join(workDir, 'files'),
			logFile: path.join(workDir, 'n8n.log'),
			logLevel: process.env.MAVI_E2E_LOG_LEVEL || 'debug',
		});
		client = await bootstrapClient(n8n.url);
	} catch (error) {
		if (n8n) await n8n.stop();
		if (!process.env.MAVI_E2E_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
		throw error;
	}
	const state = {
		url: n8n.url,
		pid: n8n.pid,
		apiKey: client.apiKey,
		owner: OWNER,
		workDir,
		userFolder,
		filesDir: n8n.filesDir,
		logFile: n8n.logFile,
		// What a test needs to restart this instance in place (see instance.js restart()).
		port: n8n.port,
		logLevel: process.env.MAVI_E2E_LOG_LEVEL || 'debug',
		runtime,
	};
	const stateFile = path.join(workDir, 'state.json');
	fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
	process.stderr.write(
		`\n[e2e] n8n ${n8n.url} pid ${n8n.pid}: runtime ${runtimeMs} ms, start ${n8n.startMs} ms ` +
			`(log ${n8n.logFile})\n`,
	);
	return { n8n, state, stateFile };
}

/** Stops the shared n8n, also when a test restarted it (the state file has the current PID). */
async function stopShared(shared) {
	await shared.n8n.stop();
	try {
		const { pid } = JSON.parse(fs.readFileSync(shared.stateFile, 'utf8'));
		await stopTree(pid);
	} catch {
		// No state file: nothing was restarted.
	}
}

module.exports = async function globalSetup() {
	const shared = await startSharedN8n();
	process.env.MAVI_E2E_STATE = shared.stateFile;
	// globalTeardown runs in this same process and reads it back.
	globalThis.__MAVI_E2E__ = shared;
	// Ctrl-C or a CI timeout: stop n8n by PID before leaving (the 'exit' guard SIGKILLs as a last resort).
	const onSignal = async (sig) => {
		await stopShared(shared);
		if (!process.env.MAVI_E2E_KEEP) fs.rmSync(shared.state.workDir, { recursive: true, force: true });
		process.exit(sig === 'SIGINT' ? 130 : 143);
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	shared.removeSignalHandlers = () => {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	};
};

module.exports.startSharedN8n = startSharedN8n;
module.exports.stopShared = stopShared;
