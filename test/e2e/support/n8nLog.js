'use strict';
// Reading the lines the Mavi trigger wrote to n8n's log file (the shared instance logs to a file).
const fs = require('node:fs');

const { sleep } = require('../../../tools/n8n-harness/processes');

/** Lines of n8n's log that contain every one of `parts`, waiting briefly for the write. */
async function logLinesWith(logFile, parts, timeoutMs = 5000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const lines = fs
			.readFileSync(logFile, 'utf8')
			.split('\n')
			.filter((line) => parts.every((part) => line.includes(part)));
		if (lines.length > 0 || Date.now() > deadline) return lines;
		await sleep(100);
	}
}

module.exports = { logLinesWith };
