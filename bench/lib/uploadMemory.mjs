// P5: Read/Write Files from Disk -> Mavi Upload of a 256 MiB and a 1 GiB sparse WAV in
// real n8n (filesystem binary mode), sampling n8n's VmRSS: its peak growth should not depend on
// the file size, since the file streams from n8n's binary store to Mavi.
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { makeWav } from './harness.mjs';

const require = createRequire(import.meta.url);
const HARNESS = '../../tools/n8n-harness';
const { measureRssGrowth, writeSparseWav } = require(`${HARNESS}/bigFiles.js`);
const { uploadWorkflow } = require(`${HARNESS}/workflows.js`);

const MIB = 1024 ** 2;

async function upload(client, credential, filePath) {
	const workflow = uploadWorkflow({
		name: `bench P5: ${path.basename(filePath)}`,
		filePath,
		credential,
		uploadOptions: { waitUntilReady: false },
	});
	const created = await client.createWorkflow(workflow);
	const execution = await client.runManual(created.id, 600_000);
	if (execution.status !== 'success') throw new Error(`upload of ${filePath}: ${execution.status}`);
	return execution;
}

export async function runP5({ client, credential, n8n, simulator, log, sizesMiB = [256, 1024] }) {
	// Rate limit off: the uploads follow each other faster than Mavi's 1 s window matters here.
	simulator.configure({ rateLimit: false });
	const warmUp = path.join(n8n.filesDir, 'p5-warm-up.wav');
	writeFileSync(warmUp, makeWav({ seconds: 1 }));
	await upload(client, credential, warmUp);
	const runs = [];
	for (const sizeMiB of sizesMiB) {
		const filePath = path.join(n8n.filesDir, `p5-${sizeMiB}mib.wav`);
		writeSparseWav(filePath, sizeMiB * MIB);
		try {
			const { growthMb, baselineMb, peakMb } = await measureRssGrowth(n8n.pid, () =>
				upload(client, credential, filePath),
			);
			const asset = simulator.stats().assets.at(-1);
			if (asset.file_size !== sizeMiB * MIB) throw new Error(`asset has ${asset.file_size} bytes`);
			log(`P5 ${sizeMiB} MiB: n8n VmRSS ${baselineMb.toFixed(0)} -> ${peakMb.toFixed(0)} MB`);
			runs.push({ sizeMiB, baselineMb: Math.round(baselineMb), growthMb: Math.round(growthMb) });
		} finally {
			rmSync(filePath, { force: true });
		}
	}
	simulator.configure({ rateLimit: true });
	return { runs };
}
