// Reproduces the P7 analysis (bench/README.md, "Why P7 cannot reach 1.3 from inside a node"):
// the same 1 GiB file, the same counting server, sent by processes that differ in one thing at a
// time: a small heap or an n8n-sized one, n8n's axios with Mavi Upload's body or a bare stream,
// read buffers left to the garbage collector or freed once written. Not part of `npm run bench`;
// needs a built dist/ and the 2.x runtime (for n8n's Node and axios).
//   node bench/uploadHeapExplained.mjs [--rounds 3] [--heap-mb 178]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { writeSparseWav } from './lib/harness.mjs';
import { median, round } from './lib/stats.mjs';
import {
	N8N_HEAP_MB,
	flushDisks,
	senderUpload,
	startCountingServer,
} from './lib/uploadWire.mjs';

const { values } = parseArgs({
	options: {
		rounds: { type: 'string', default: '3' },
		'heap-mb': { type: 'string', default: String(N8N_HEAP_MB) },
	},
});
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { ensureRuntime } = createRequire(import.meta.url)('../tools/n8n-harness/n8n.js');
const runtime = ensureRuntime('2x');
const heapMb = Number(values['heap-mb']);
const common = { execPath: runtime.node, runtime: runtime.dir, dist: path.join(ROOT, 'dist') };
const SENDERS = [
	{ label: 'bare stream, small heap (the P7 reference)', via: 'bare', heapMb: 0 },
	{ label: `bare stream, ${heapMb} MB heap`, via: 'bare', heapMb },
	{ label: `Mavi Upload's body through n8n's axios, ${heapMb} MB heap`, via: 'axios', heapMb },
	{ label: `bare stream, ${heapMb} MB heap, read buffers freed once written`, via: 'release', heapMb },
];

const GIB = 1024 ** 3;
const dir = mkdtempSync(path.join(os.tmpdir(), 'mavi-upload-heap-'));
const filePath = path.join(dir, 'p7-1gib.wav');
const server = await startCountingServer();
try {
	writeSparseWav(filePath, GIB);
	flushDisks();
	const runs = SENDERS.map(() => []);
	for (let r = 0; r < Number(values.rounds); r++) {
		// Reversed every round, so no sender always follows the same one.
		const order = SENDERS.map((_, i) => i);
		if (r % 2 === 1) order.reverse();
		for (const i of order) {
			runs[i].push(await senderUpload(server, filePath, GIB, { ...common, ...SENDERS[i] }));
		}
	}
	console.log(`n8n's Node ${runtime.node}; 1 GiB, median of ${values.rounds} rounds\n`);
	console.log('| sender | upload s | sender CPU s | major GCs | their pauses ms | heap MB |');
	console.log('|---|---|---|---|---|---|');
	SENDERS.forEach((sender, i) => {
		const m = (key) => median(runs[i].map((run) => run[key]));
		const cells = [m('ms') / 1000, m('cpuSeconds'), m('majorGcs'), m('majorGcMs'), m('heapUsedMb')];
		console.log(`| ${sender.label} | ${cells.map((v) => round(v, 2)).join(' | ')} |`);
	});
} finally {
	await server.stop();
	rmSync(dir, { recursive: true, force: true });
}
