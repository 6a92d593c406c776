'use strict';
// node groupWatchdog.js <ownerPid> <pgid> <signal>
// If the harness process dies without stopping the group, signal the group, then SIGKILL it.
// Exits once the group leader is gone.
const fs = require('node:fs');

const [ownerPid, pgid] = process.argv.slice(2, 4).map(Number);
const signal = process.argv[4] || 'SIGTERM';

// A zombie (dead, not yet reaped by its new parent) counts as gone.
const alive = (pid) => {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
	} catch {
		return false;
	}
};
const kill = (sig) => {
	try {
		process.kill(-pgid, sig);
	} catch {
		// Gone.
	}
};

const timer = setInterval(() => {
	if (!alive(pgid)) {
		clearInterval(timer);
		return;
	}
	if (!alive(ownerPid)) {
		clearInterval(timer);
		kill(signal);
		setTimeout(() => kill('SIGKILL'), 8000);
	}
}, 500);
