'use strict';
// What a test file uses: the shared n8n from globalSetup (or, when a file is run without the
// e2e project's globalSetup, a private instance that the returned close() stops).
const fs = require('node:fs');
const path = require('node:path');

const { N8nClient } = require('./client');

async function useN8n() {
	let stateFile = process.env.MAVI_E2E_STATE;
	let privateShared;
	if (!stateFile) {
		const { startSharedN8n } = require('./globalSetup');
		privateShared = await startSharedN8n();
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
		close: async () => {
			if (privateShared) await privateShared.n8n.stop();
		},
	};
}

module.exports = { useN8n };
