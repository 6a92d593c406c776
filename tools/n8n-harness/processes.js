'use strict';
// Process plumbing for the e2e harness and `npm run dev`: free ports, readiness polling, and
// stopping a process tree by PID (n8n plus its task-runner child) without broad pkill patterns.
const fs = require('node:fs');
const net = require('node:net');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port that was free a moment ago (the OS picks it), so parallel runs cannot collide. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Every process as { pid, ppid, pgid }, read from /proc (Linux). */
function processTable() {
	const table = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// ppid and pgid follow the state field after the parenthesised command name, which
			// may contain spaces.
			const [, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			table.push({ pid: Number(entry), ppid: Number(ppid), pgid: Number(pgid) });
		} catch {
			// The process ended while we were reading /proc: nothing to collect.
		}
	}
	return table;
}

/** Direct children of a PID. */
function childPids(pid) {
	return processTable()
		.filter((proc) => proc.ppid === pid)
		.map((proc) => proc.pid);
}

/** The members of a process group (e.g. a job started detached, and all it started). */
function processGroupPids(pgid) {
	return processTable()
		.filter((proc) => proc.pgid === pgid)
		.map((proc) => proc.pid);
}

function descendantPids(pid) {
	const all = [];
	const queue = [pid];
	while (queue.length > 0) {
		for (const child of childPids(queue.shift())) {
			all.push(child);
			queue.push(child);
		}
	}
	return all;
}

function signal(pid, name) {
	try {
		process.kill(pid, name);
	} catch {
		// Already gone.
	}
}

/**
 * SIGTERM the process, wait up to `graceMs`, then SIGKILL it; finally SIGKILL any descendant
 * (the task runner) that outlived its parent. Descendants are collected before the first signal.
 */
async function stopTree(pid, graceMs = 10000) {
	if (!pid || !isAlive(pid)) return;
	const descendants = descendantPids(pid);
	signal(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (isAlive(pid) && Date.now() < deadline) await sleep(100);
	if (isAlive(pid)) signal(pid, 'SIGKILL');
	for (const child of [...descendants, ...descendantPids(pid)]) signal(child, 'SIGKILL');
	while (isAlive(pid) && Date.now() < deadline + 5000) await sleep(50);
}

/** Synchronous last resort for process 'exit' handlers, where nothing async can run. */
function killTreeSync(pid) {
	if (!pid || !isAlive(pid)) return;
	const descendants = descendantPids(pid);
	signal(pid, 'SIGKILL');
	for (const child of descendants) signal(child, 'SIGKILL');
}

/** Poll a URL until it answers 200; fail early if the watched process dies. */
async function waitForHttpOk(url, { timeoutMs = 180000, pid, onDeath } = {}) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (pid && !isAlive(pid)) throw new Error(onDeath ? onDeath() : `process ${pid} exited`);
		try {
			const res = await fetch(url);
			if (res.status === 200) return;
		} catch {
			// Not listening yet.
		}
		await sleep(250);
	}
	throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

function tail(file, lines = 40) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

module.exports = {
	sleep,
	freePort,
	isAlive,
	descendantPids,
	processGroupPids,
	stopTree,
	killTreeSync,
	waitForHttpOk,
	tail,
};
