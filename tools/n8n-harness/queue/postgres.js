'use strict';
// A throw-away PostgreSQL cluster from Debian's `postgresql` package: initdb into a temp folder,
// `postgres` in the foreground on a free loopback port (no pg_ctl daemon, so the harness owns
// the PID and its process group). As root it runs as the `postgres` user, which initdb demands.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync, execFileSync } = require('node:child_process');

const { freePort, isAlive, sleep, tail } = require('../processes');
const { watchProcess, stopGroup } = require('./ownership');

const DATABASE = 'n8n';
const USER = 'n8n';

/** As root: run as the `postgres` system user (from the package); else as ourselves. */
function runAs() {
	if (process.getuid() !== 0) return {};
	const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
	return { uid, gid };
}

async function waitForConnections(logFile, pid, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!isAlive(pid)) throw new Error(`postgres exited during start:\n${tail(logFile)}`);
		if (/database system is ready to accept connections/.test(tail(logFile, 200))) return;
		await sleep(100);
	}
	throw new Error(`postgres not ready after ${timeoutMs} ms:\n${tail(logFile)}`);
}

/**
 * Starts a fresh cluster with database `n8n` (user `n8n`, trust auth on loopback only).
 * `bin` is the folder of the server programs (tools/n8n-harness/system-packages.js finds it).
 * Returns { port, pid, dir, env, stop() }; `env` holds n8n's DB_* variables.
 */
async function startPostgres({ bin, logFile }) {
	const owner = runAs();
	// Its own temp folder (not under a 0700 parent), owned by the server's user.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mavi-pg-'));
	const dataDir = path.join(dir, 'data');
	const log = logFile || path.join(dir, 'postgres.log');
	fs.mkdirSync(dataDir);
	fs.writeFileSync(log, '');
	if (owner.uid !== undefined) {
		for (const p of [dir, dataDir, log]) fs.chownSync(p, owner.uid, owner.gid);
	}
	const init = spawnSync(
		path.join(bin, 'initdb'),
		['-D', dataDir, '-A', 'trust', '-U', USER, '--no-sync', '-E', 'UTF8', '--locale=C'],
		{ ...owner, encoding: 'utf8', cwd: dir },
	);
	if (init.status !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed (exit ${init.status}): ${init.stderr || init.stdout}`);
	}
	const port = await freePort();
	const out = fs.openSync(log, 'a');
	const child = spawn(
		path.join(bin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		{ ...owner, cwd: dir, detached: true, stdio: ['ignore', out, out] },
	);
	fs.closeSync(out);
	const watch = watchProcess(child.pid, 'SIGINT');
	const stop = async () => {
		// SIGINT is PostgreSQL's "fast shutdown": no waiting for clients to disconnect.
		await stopGroup(child.pid, 'SIGINT');
		watch.release();
		if (!process.env.MAVI_E2E_KEEP) fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitForConnections(log, child.pid);
		const created = spawnSync(
			path.join(bin, 'createdb'),
			['-h', '127.0.0.1', '-p', String(port), '-U', USER, DATABASE],
			{ ...owner, encoding: 'utf8', cwd: dir },
		);
		if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr}`);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		port,
		pid: child.pid,
		dir,
		logFile: log,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_USER: USER,
			DB_POSTGRESDB_PASSWORD: '',
			DB_POSTGRESDB_DATABASE: DATABASE,
		},
		stop,
	};
}

module.exports = { startPostgres };
