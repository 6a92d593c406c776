'use strict';
// jest globalTeardown of the e2e projects: stop the project's shared n8n (and its task runner)
// by PID, keep its log under test/artifacts/ for inspection, and remove the temporary folder.
const fs = require('node:fs');
const path = require('node:path');

const { ROOT, n8nLine } = require('../../../tools/n8n-harness/n8n');
const { stopShared, forgetShared } = require('./globalSetup');

module.exports = async function globalTeardown(_globalConfig, projectConfig = {}) {
	const line = (projectConfig.globals && projectConfig.globals.MAVI_N8N_LINE) || n8nLine();
	const shared = forgetShared(line);
	if (!shared) return;
	await stopShared(shared);
	try {
		const artifacts = path.join(ROOT, 'test/artifacts');
		fs.mkdirSync(artifacts, { recursive: true });
		const name = line === '2x' ? 'e2e-n8n.log' : `e2e-n8n-${line}.log`;
		fs.copyFileSync(shared.state.logFile, path.join(artifacts, name));
	} catch {
		// A missing log must not hide the test results.
	}
	if (!process.env.MAVI_E2E_KEEP) fs.rmSync(shared.state.workDir, { recursive: true, force: true });
};
