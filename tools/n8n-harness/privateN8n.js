'use strict';
// A private n8n (own user folder, ports and log) for tests that restart n8n or load it heavily,
// so the shared instance of the e2e suite is never disturbed. Built on the harness in n8n.js.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureRuntime, installPackage, startN8n, bootstrapClient, PACKAGE_NAME } = require('./n8n');

/**
 * Development shortcut: MAVI_PACKAGE_DIR=<dir with package.json and dist/> installs that copy
 * instead of packing the repo (whose dist/ may be mid-rebuild). Unset in `npm test`.
 */
function installInto(userFolder) {
	const source = process.env.MAVI_PACKAGE_DIR;
	if (!source) return installPackage(userFolder);
	const target = path.join(userFolder, '.n8n/nodes/node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.cpSync(path.join(source, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(path.join(source, 'dist'), path.join(target, 'dist'), { recursive: true });
	return target;
}

/**
 * Starts a private n8n with the built package installed. Returns { n8n, client, workDir,
 * restart(), close() }; restart() stops n8n and starts it again on the same user folder
 * (same database, so published workflows and Remove Duplicates' memory survive).
 */
async function startPrivateN8n({ label = 'private', logLevel = 'info', extraEnv = {} } = {}) {
	const runtime = ensureRuntime();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `mavi-${label}-`));
	const userFolder = path.join(workDir, 'home');
	const options = {
		runtime,
		userFolder,
		filesDir: path.join(workDir, 'files'),
		logFile: path.join(workDir, 'n8n.log'),
		logLevel,
		extraEnv,
	};
	const instance = { workDir, n8n: undefined, client: undefined };
	const boot = async () => {
		instance.n8n = await startN8n(options);
		instance.client = await bootstrapClient(instance.n8n.url);
	};
	try {
		installInto(userFolder);
		await boot();
	} catch (error) {
		if (instance.n8n) await instance.n8n.stop();
		fs.rmSync(workDir, { recursive: true, force: true });
		throw error;
	}
	instance.restart = async () => {
		await instance.n8n.stop();
		await boot();
		return instance;
	};
	instance.close = async () => {
		if (instance.n8n) await instance.n8n.stop();
		if (!process.env.MAVI_E2E_KEEP) fs.rmSync(workDir, { recursive: true, force: true });
	};
	return instance;
}

/** Peak (VmHWM) and current (VmRSS) resident memory of a process, in MB; null when gone. */
function memoryOf(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (name) => Number((status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm')) || [])[1]);
		return { hwmMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 };
	} catch {
		return null;
	}
}

/** Samples VmRSS every `everyMs` until stop(); stop() returns the highest sample in MB. */
function sampleRss(pid, everyMs = 50) {
	let peakMb = 0;
	const timer = setInterval(() => {
		const memory = memoryOf(pid);
		if (memory && memory.rssMb > peakMb) peakMb = memory.rssMb;
	}, everyMs);
	return {
		stop() {
			clearInterval(timer);
			const memory = memoryOf(pid);
			return Math.max(peakMb, memory ? memory.rssMb : 0);
		},
	};
}

module.exports = { startPrivateN8n, memoryOf, sampleRss };
