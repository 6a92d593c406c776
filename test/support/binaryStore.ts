// n8n's binary store (BinaryDataService) in filesystem mode, as n8n 2.x runs by default, for
// in-process tests of binaries that items reference by id.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as core from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

// n8n-core resolves its services through its own copy of @n8n/di.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));

export interface BinaryStore {
	service: { getAsStream(id: string, chunkSize?: number): Promise<unknown> };
	/** Stores `data` as an execution's binary; returns the item's binary (with its id). */
	store(data: Buffer, binary: { mimeType?: string; fileName: string }): Promise<IBinaryData>;
	stop(): void;
}

export async function startBinaryStore(): Promise<BinaryStore> {
	const dir = mkdtempSync(path.join(tmpdir(), 'mavi-binary-store-'));
	const service = Container.get(core.BinaryDataService);
	service.config.mode = 'filesystem';
	service.config.localStoragePath = dir;
	await service.init();
	return {
		service,
		store: (data, { mimeType = 'audio/wav', fileName }) =>
			service.store(core.FileLocation.ofExecution('wf-1', 'exec-1'), data, { mimeType, fileName }),
		stop: () => rmSync(dir, { recursive: true, force: true }),
	};
}
