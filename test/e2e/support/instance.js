'use strict';
// What a test file uses: the shared n8n from globalSetup (or, when a file is run without the
// e2e project's globalSetup, a private instance that the returned close() stops).
const fs = require('node:fs');
const path = require('node:path');

const { N8nClient } = require('../../../tools/n8n-harness/client');
const { startN8n, n8nLine } = require('../../../tools/n8n-harness/n8n');
const { stopTree } = require('../../../tools/n8n-harness/processes');

async function useN8n() {
	const line = n8nLine();
	const { startSharedN8n, stateVariable } = require('./globalSetup');
	let stateFile = process.env[stateVariable(line)];
	let privateShared;
	if (!stateFile) {
		privateShared = await startSharedN8n({ line });
		stateFile = privateShared.stateFile;
	}
	const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
	const client = new N8nClient(state.url);
	await client.setupOwnerOrLogin(state.owner);
	client.apiKey = state.apiKey;
	return {
		client,
		state,
		/** A file under the folder Read/Write Files from Disk may access. */
		filePath: (name) => path.join(state.filesDir, name),
		/**
		 * Restarts the shared n8n in place (same folder, database and port) and records the new
		 * PID for globalTeardown. Only sound with --runInBand, where no other file runs meanwhile.
		 */
		restart: async () => {
			const current = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
			await stopTree(current.pid);
			const n8n = await startN8n(current);
			fs.writeFileSync(stateFile, JSON.stringify({ ...current, pid: n8n.pid }, null, 2));
			await client.setupOwnerOrLogin(state.owner);
			return n8n;
		},
		close: async () => {
			if (privateShared) await require('./globalSetup').stopShared(privateShared);
		},
	};
}

module.exports = { useN8n };
