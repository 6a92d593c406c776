// n8n's binary store (BinaryDataService) in filesystem mode, as n8n 2.x runs by default, for
// in-process tests of binaries that items reference by id. JS with a .d.ts: strict lint applies
// n8n Cloud's import rules to every .ts file, and this needs node:fs and DI.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const core = require('n8n-core');
// n8n-core resolves its services through its own copy of @n8n/di.
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));

async function startBinaryStore() {
	const dir = mkdtempSync(path.join(tmpdir(), 'mavi-binary-store-'));
	const service = Container.get(core.BinaryDataService);
	service.config.mode = 'filesystem';
	service.config.localStoragePath = dir;
	await service.init();
	return {
		service,
		/** Stores `data` as an execution's binary; returns the item's binary (with its id). */
		store: (data, { mimeType = 'audio/wav', fileName }) =>
			service.store(core.FileLocation.ofExecution('wf-1', 'exec-1'), data, { mimeType, fileName }),
		stop: () => rmSync(dir, { recursive: true, force: true }),
	};
}

module.exports = { startBinaryStore };
