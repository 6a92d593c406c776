'use strict';
// Peak memory of the whole queue-mode setup: the summed RSS of every process it runs
// (PostgreSQL with its backends, Redis, five n8n processes and their task runners), sampled
// once a second. Measured for the closing note, never asserted.
const fs = require('node:fs');

function rssKb(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /VmRSS:\s+(\d+) kB/.exec(status);
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** listPids() is called at every sample, so children that come and go are counted. */
function sampleMemory(listPids, intervalMs = 1000) {
	let peakKb = 0;
	let samples = 0;
	const tick = () => {
		const total = listPids().reduce((sum, pid) => sum + rssKb(pid), 0);
		peakKb = Math.max(peakKb, total);
		samples++;
	};
	tick();
	const timer = setInterval(tick, intervalMs);
	timer.unref();
	return {
		stop: () => {
			clearInterval(timer);
			return { peakMb: Math.round(peakKb / 1024), samples };
		},
	};
}

module.exports = { sampleMemory };
