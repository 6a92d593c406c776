'use strict';
// A throw-away redis-server from Debian's `redis-server` package on a free loopback port, with
// no persistence (no RDB, no AOF), in its own temp folder and process group.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { spawn } = require('node:child_process');

const { freePort, isAlive, sleep, tail } = require('../processes');
const { watchProcess, stopGroup } = require('./ownership');

/** One PING over a raw socket: true once the server answers +PONG. */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let answer = '';
		socket.setTimeout(1000);
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
		socket.on('timeout', () => socket.destroy());
	});
}

/**
 * `binary`: the redis-server program (tools/n8n-harness/system-packages.js finds it). Returns
 * { port, pid, dir, env, stop() }; `env` holds n8n's QUEUE_BULL_REDIS_* variables.
 */
async function startRedis({ binary, logFile }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mavi-redis-'));
	const log = logFile || path.join(dir, 'redis.log');
	const port = await freePort();
	const out = fs.openSync(log, 'a');
	const child = spawn(
		binary,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{ cwd: dir, detached: true, stdio: ['ignore', out, out] },
	);
	fs.closeSync(out);
	const watch = watchProcess(child.pid);
	const stop = async () => {
		await stopGroup(child.pid, 'SIGTERM');
		watch.release();
		fs.rmSync(dir, { recursive: true, force: true });
	};
	const deadline = Date.now() + 30000;
	while (!(await ping(port))) {
		if (!isAlive(child.pid) || Date.now() > deadline) {
			await stop();
			throw new Error(`redis-server did not start:\n${tail(log)}`);
		}
		await sleep(100);
	}
	return {
		port,
		pid: child.pid,
		dir,
		logFile: log,
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		stop,
	};
}

module.exports = { startRedis };
