'use strict';
// The fault batches in a child process of their own, so the stress driver's own work (reading a
// 50,000-segment execution back) never holds up a clean simulator answer past the batches' short
// request timeout. Run as a script, this file runs them and sends the result to its parent.
const { fork } = require('node:child_process');

const { runFaultBatches, logFiles } = require('./faultBatches');

/**
 * runFaultBatches() in a forked Node process (this file run as a script); resolves
 * { batches, logFiles, peakMb } from its one message, rejects if it exits without one.
 */
function inChildProcess() {
	return new Promise((resolve, reject) => {
		const child = fork(__filename, [], { stdio: 'inherit' });
		let answered = false;
		child.on('message', (message) => {
			answered = true;
			if (message.error) reject(new Error(`fault batches: ${message.error}`));
			else resolve(message);
		});
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			if (!answered) reject(new Error(`fault batches exited (${signal || code}) with no result`));
		});
	});
}

if (require.main === module) {
	runFaultBatches().then(
		(batches) => {
			const peakMb = process.resourceUsage().maxRSS / 1024;
			process.send({ batches, logFiles, peakMb }, () => process.exit(0));
		},
		(error) => process.send({ error: error.stack || String(error) }, () => process.exit(1)),
	);
}

module.exports = { inChildProcess };
