'use strict';
// Every server the queue-mode harness starts (PostgreSQL, Redis, n8n webhook and worker
// processes) leads its own process group, so it is stopped together with its children by group
// ID, never by name. Three layers make sure nothing outlives the suite: stop() in teardown, a
// synchronous SIGKILL in this process's 'exit' handler, and a detached watchdog that acts when
// this process dies without either (SIGKILL of jest).
const path = require('node:path');
const { spawn } = require('node:child_process');

const { isAlive, sleep } = require('../processes');

function signalGroup(pgid, signal) {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch {
		return false;
	}
}

/** Signals the group, waits up to graceMs for its leader to exit, then SIGKILLs the group. */
async function stopGroup(pgid, signal = 'SIGTERM', graceMs = 10000) {
	if (!pgid) return;
	signalGroup(pgid, signal);
	const deadline = Date.now() + graceMs;
	while (isAlive(pgid) && Date.now() < deadline) await sleep(100);
	signalGroup(pgid, 'SIGKILL');
	while (isAlive(pgid) && Date.now() < deadline + 5000) await sleep(50);
}

/** Registers the exit guard and the watchdog for a group leader; release() undoes both. */
function watchProcess(pgid, signal = 'SIGTERM') {
	const exitGuard = () => signalGroup(pgid, 'SIGKILL');
	process.on('exit', exitGuard);
	const watchdog = spawn(
		process.execPath,
		[path.join(__dirname, 'groupWatchdog.js'), String(process.pid), String(pgid), signal],
		{ stdio: 'ignore', detached: true },
	);
	watchdog.unref();
	return {
		release: () => {
			process.removeListener('exit', exitGuard);
			signalGroup(watchdog.pid, 'SIGKILL');
		},
	};
}

/** PIDs of every live process in the given groups (for the "nothing left running" check). */
function livingMembers(pgids) {
	const fs = require('node:fs');
	const wanted = new Set(pgids.filter(Boolean).map(Number));
	const alive = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			// fields[0] is the state, [1] ppid, [2] pgrp; zombies are already dead.
			if (fields[0] !== 'Z' && wanted.has(Number(fields[2]))) alive.push(Number(entry));
		} catch {
			// Ended while reading /proc.
		}
	}
	return alive;
}

/** Ctrl-C or a CI timeout: run `stop` before leaving; returns the function that unregisters. */
function stopOnInterrupt(stop) {
	const handler = (sig) => stop().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
	for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, handler);
	return () => {
		for (const sig of ['SIGINT', 'SIGTERM']) process.removeListener(sig, handler);
	};
}

module.exports = { stopGroup, watchProcess, signalGroup, livingMembers, stopOnInterrupt };
