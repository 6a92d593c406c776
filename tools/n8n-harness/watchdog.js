'use strict';
// node watchdog.js <ownerPid> <n8nPid>
// Started next to every n8n: if the process that started n8n dies without stopping it (a
// SIGKILLed jest, a crashed `npm run dev`), stop n8n and its task runner by PID. Exits as soon
// as n8n is gone.
const { isAlive, stopTree } = require('./processes');

const [ownerPid, n8nPid] = process.argv.slice(2).map(Number);

const timer = setInterval(async () => {
	if (!isAlive(n8nPid)) {
		clearInterval(timer);
		return;
	}
	if (!isAlive(ownerPid)) {
		clearInterval(timer);
		await stopTree(n8nPid);
	}
}, 500);
