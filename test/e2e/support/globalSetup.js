'use strict';
// jest globalSetup of the e2e projects: one real n8n per project (n8n line), shared by the
// project's test files. Its connection details reach them through the file named in
// MAVI_E2E_STATE (2.x) or MAVI_E2E_STATE_1X (1.x): see stateVariable().
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const {
	ensureRuntime,
	installPackage,
	startN8n,
	bootstrapClient,
	n8nLine,
	OWNER,
} = require('../../../tools/n8n-harness/n8n');
const { stopTree } = require('../../../tools/n8n-harness/processes');
const { ensureDebianPackages } = require('../../../tools/n8n-harness/system-packages');

/**
 * The editor test's browser: Debian's chromium, installed once when missing (as root with apt).
 * Where that is impossible the browser tests fail with the one line saying what to install,
 * while the rest of the suite runs.
 */
function ensureChromium() {
	if (process.env.MAVI_CHROMIUM || process.env.MAVI_CHROMIUM_MISSING) return;
	try {
		const { chromium } = ensureDebianPackages(['chromium'], 'the editor test (browser.test.js)');
		process.env.MAVI_CHROMIUM = chromium;
	} catch (error) {
		process.env.MAVI_CHROMIUM_MISSING = error.message;
		process.stderr.write(`\n[setup] ${error.message}\n`);
	}
}

/** The environment variable naming a line's state file (2x keeps the original name). */
function stateVariable(line) {
	return line === '2x' ? 'MAVI_E2E_STATE' : `MAVI_E2E_STATE_${line.toUpperCase()}`;
}

async function startSharedN8n({ line = n8nLine() } = {}) {
	const t0 = Date.now();
	const runtime = ensureRuntime(line);
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
		`\n[e2e] n8n ${runtime.version} ${n8n.url} pid ${n8n.pid}: runtime ${runtimeMs} ms, start ${n8n.startMs} ms ` +
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

// The instances this process started, by line; one signal handler stops them all.
const running = (globalThis.__MAVI_E2E_RUNNING__ ??= new Map());

async function stopAllOnSignal(sig) {
	for (const shared of running.values()) {
		await stopShared(shared);
		if (!process.env.MAVI_E2E_KEEP)
			fs.rmSync(shared.state.workDir, { recursive: true, force: true });
	}
	process.exit(sig === 'SIGINT' ? 130 : 143);
}

/** jest passes the project's config: its globals.MAVI_N8N_LINE picks the n8n line. */
module.exports = async function globalSetup(_globalConfig, projectConfig = {}) {
	const line = (projectConfig.globals && projectConfig.globals.MAVI_N8N_LINE) || n8nLine();
	ensureChromium();
	const shared = await startSharedN8n({ line });
	process.env[stateVariable(line)] = shared.stateFile;
	// globalTeardown runs in this same process and reads it back.
	if (running.size === 0) {
		// Ctrl-C or a CI timeout: stop n8n by PID before leaving (the 'exit' guard SIGKILLs as a
		// last resort).
		process.once('SIGINT', stopAllOnSignal);
		process.once('SIGTERM', stopAllOnSignal);
	}
	running.set(line, shared);
	if (line === '2x') globalThis.__MAVI_E2E__ = shared;
};

/** Forgets a line's instance (globalTeardown); the last one removes the signal handlers. */
function forgetShared(line) {
	const shared = running.get(line);
	running.delete(line);
	if (line === '2x') globalThis.__MAVI_E2E__ = undefined;
	if (running.size === 0) {
		process.removeListener('SIGINT', stopAllOnSignal);
		process.removeListener('SIGTERM', stopAllOnSignal);
	}
	return shared;
}

module.exports.startSharedN8n = startSharedN8n;
module.exports.stopShared = stopShared;
module.exports.stateVariable = stateVariable;
module.exports.forgetShared = forgetShared;
