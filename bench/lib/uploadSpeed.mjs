// P7: a 1 GiB upload at wire speed, without stalling the n8n that does it.
// Read/Write Files from Disk -> Mavi Upload of a sparse 1 GiB WAV in real n8n (filesystem binary
// mode) against a loopback server that counts bytes, and the same file from a bare Node stream
// (fs.createReadStream, 1 MiB chunks, piped into http.request) to the same server, alternating,
// in the same run. n8n's own HTTP Request node sending the same file as its body (from the same
// binary store) is the third sender: what n8n itself achieves, the floor for any node.
// Then trigger callbacks to the same n8n, with and without an upload running.
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { linearWorkflow, node, uploadWorkflow, writeSparseWav } from './harness.mjs';
import { measureCallbacks } from './callbacksDuringUpload.mjs';
import { median, round } from './stats.mjs';
import {
	N8N_HEAP_MB,
	flushDisks,
	nodeUpload,
	senderUpload,
	startCountingServer,
} from './uploadWire.mjs';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

/** Read File -> n8n's HTTP Request node, POSTing the binary as the raw body to `url`. */
function httpRequestWorkflow(name, filePath, url) {
	return linearWorkflow(name, [
		node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		node('Read audio file', 'n8n-nodes-base.readWriteFile', 1.1, 220, {
			operation: 'read',
			fileSelector: filePath,
			options: {},
		}),
		node('HTTP Request', 'n8n-nodes-base.httpRequest', 4.2, 440, {
			method: 'POST',
			url,
			sendBody: true,
			contentType: 'binaryData',
			inputDataFieldName: 'data',
			options: {},
		}),
	]);
}

const loadAverage = () => os.loadavg().map((value) => round(value, 2));

/**
 * @param {{ client, credential, n8n, runtime, log, rounds?: number, callbacks?: number,
 *   segments?: number, sizeMiB?: number }} options
 */
export async function runP7({
	client,
	credential,
	n8n,
	runtime,
	log,
	rounds = 3,
	callbacks = 20,
	segments = 1000,
	sizeMiB = 1024,
}) {
	const server = await startCountingServer();
	const filePath = path.join(n8n.filesDir, `p7-${sizeMiB}mib.wav`);
	const env = { client, n8n };
	try {
		const counting = await client.createCredential({
			name: 'bench P7 counting server',
			apiKey: 'sk-bench-counting',
			baseUrl: server.baseUrl,
		});
		const workflow = (name, file) =>
			uploadWorkflow({
				name,
				filePath: file,
				credential: counting,
				uploadOptions: { waitUntilReady: false },
			});
		writeSparseWav(filePath, sizeMiB * MIB);
		const big = await client.createWorkflow(workflow(`bench P7: ${sizeMiB} MiB`, filePath));
		const viaHttpRequest = await client.createWorkflow(
			httpRequestWorkflow(
				`bench P7: ${sizeMiB} MiB, HTTP Request`,
				filePath,
				`${server.baseUrl}/upload`,
			),
		);
		const bytes = sizeMiB * MIB;
		// Warm-up: the first big upload after n8n's start ran 2-4 times slower than the next ones
		// (old and new upload code alike), so it is not a sample.
		await nodeUpload(env, server, big.id, bytes);

		const samples = [];
		const nodeWindowsUs = [];
		for (let r = 0; r < rounds; r++) {
			// The order reverses every round, so no sender always meets a warmer page cache.
			const order = ['node', 'bare', 'bareInHeap', 'httpRequest'];
			if (r % 2 === 1) order.reverse();
			flushDisks();
			const sample = { order: order.join(' then '), loadAverage: loadAverage() };
			const senders = {
				node: () => nodeUpload(env, server, big.id, bytes),
				bare: () => senderUpload(server, filePath, bytes),
				bareInHeap: () =>
					senderUpload(server, filePath, bytes, { heapMb: N8N_HEAP_MB, execPath: runtime.node }),
				httpRequest: () => nodeUpload(env, server, viaHttpRequest.id, bytes),
			};
			for (const who of order) {
				const { windowUs, ...upload } = await senders[who]();
				if (who === 'node') nodeWindowsUs.push(windowUs);
				sample[who] = upload;
			}
			const seen = (who) => `${sample[who].ms.toFixed(0)} ms (${sample[who].cpuSeconds} CPU s)`;
			log(
				`P7 round ${r + 1}: node ${seen('node')}, bare ${seen('bare')}, bare in ${N8N_HEAP_MB} MB heap ${seen('bareInHeap')}, HTTP Request ${seen('httpRequest')}, load ${sample.loadAverage.join(' ')}`,
			);
			samples.push(sample);
		}
		const gib = bytes / GIB;
		const of = (who, key) => median(samples.map((s) => s[who][key]));
		const nodeMsMedian = of('node', 'ms');
		const bareMsMedian = of('bare', 'ms');

		const callbackResult = await measureCallbacks({
			env,
			server,
			credential,
			workflowId: big.id,
			bytes,
			count: callbacks,
			segments,
		});
		const { idle, duringUpload } = callbackResult;
		log(
			`P7 callbacks (${callbacks} x ${segments} segments, one per ${callbackResult.periodMs} ms): median ${idle.medianMs} ms idle, ${duringUpload.medianMs} ms during uploads of ${duringUpload.uploadMs.join(', ')} ms (load ${loadAverage().join(' ')})`,
		);

		return {
			sizeMiB,
			rounds,
			samples,
			nodeMsMedian: round(nodeMsMedian, 0),
			bareMsMedian: round(bareMsMedian, 0),
			ratio: round(nodeMsMedian / bareMsMedian, 2),
			nodeCpuSecondsPerGiB: round(of('node', 'cpuSeconds') / gib, 2),
			bareCpuSecondsPerGiB: round(of('bare', 'cpuSeconds') / gib, 2),
			heapMb: N8N_HEAP_MB,
			bareInHeapMsMedian: round(of('bareInHeap', 'ms'), 0),
			bareInHeapCpuSecondsPerGiB: round(of('bareInHeap', 'cpuSeconds') / gib, 2),
			ratioToBareInHeap: round(nodeMsMedian / of('bareInHeap', 'ms'), 2),
			httpRequestMsMedian: round(of('httpRequest', 'ms'), 0),
			httpRequestCpuSecondsPerGiB: round(of('httpRequest', 'cpuSeconds') / gib, 2),
			ratioToHttpRequest: round(nodeMsMedian / of('httpRequest', 'ms'), 2),
			callbacks: callbackResult,
			windowsUs: { 'Mavi Upload, first to last byte': nodeWindowsUs },
		};
	} finally {
		rmSync(filePath, { force: true });
		await server.stop();
	}
}
