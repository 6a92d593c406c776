'use strict';
// jest globalTeardown of the "e2e" project: stop the shared n8n (and its task runner) by PID,
// keep its log under test/artifacts/ for inspection, and remove the temporary user folder.
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./n8n');

module.exports = async function globalTeardown() {
	const shared = globalThis.__MAVI_E2E__;
	if (!shared) return;
	globalThis.__MAVI_E2E__ = undefined;
	await require('./globalSetup').stopShared(shared);
	if (shared.removeSignalHandlers) shared.removeSignalHandlers();
	try {
		const artifacts = path.join(ROOT, 'test/artifacts');
		fs.mkdirSync(artifacts, { recursive: true });
		fs.copyFileSync(shared.state.logFile, path.join(artifacts, 'e2e-n8n.log'));
	} catch {
		// A missing log must not hide the test results.
	}
	if (!process.env.MAVI_E2E_KEEP) fs.rmSync(shared.state.workDir, { recursive: true, force: true });
};
