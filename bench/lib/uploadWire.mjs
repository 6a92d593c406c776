// The senders P7 compares at one counting server: Mavi Upload in n8n, and a bare Node stream
// in processes of their own. Each reports the server-side time and the sender's CPU seconds.
import { execFileSync, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LIB = path.dirname(fileURLToPath(import.meta.url));

/**
 * n8n 2.41.1's used heap once started (--trace-gc): a sender holding a heap this size shows what
 * n8n's heap alone costs an upload (bench/uploadHeapExplained.mjs).
 */
export const N8N_HEAP_MB = 178;

/** Resolves the next IPC message of `child` that satisfies `test`. */
function nextMessage(child, test = () => true) {
	return new Promise((resolve, reject) => {
		const onMessage = (message) => {
			if (!test(message)) return;
			cleanup();
			resolve(message);
		};
		const onExit = (code) => {
			cleanup();
			reject(new Error(`${path.basename(child.spawnargs[1] || 'child')} exited (${code})`));
		};
		const cleanup = () => {
			child.off('message', onMessage);
			child.off('exit', onExit);
		};
		child.on('message', onMessage);
		child.on('exit', onExit);
	});
}

/**
 * Writes out dirty pages (earlier copies of the file in n8n's binary store) now, so the kernel
 * does not flush gigabytes in the middle of a measure.
 */
export const flushDisks = () => execFileSync('sync');

const isEvent = (name) => (message) => message && message.event === name;

/** The counting server (countingServer.mjs) in its own process; stop() ends it. */
export async function startCountingServer() {
	const child = fork(path.join(LIB, 'countingServer.mjs'), [], { stdio: 'inherit' });
	const { port } = await nextMessage(child, isEvent('listening'));
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		/** The process whose CPU the next uploads are charged to. */
		async watch(pid) {
			const acknowledged = nextMessage(child, isEvent('watching'));
			child.send({ watch: pid });
			await acknowledged;
		},
		firstByte: () => nextMessage(child, isEvent('first-byte')),
		nextUpload: () => nextMessage(child, isEvent('upload')),
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.disconnect();
			}),
	};
}

function checkedUpload(upload, expectedBytes, who) {
	if (upload.bytes !== upload.contentLength || upload.bytes < expectedBytes) {
		throw new Error(
			`${who}: ${upload.bytes} bytes arrived, Content-Length ${upload.contentLength}, file ${expectedBytes}`,
		);
	}
	const { ms, cpuSeconds, bytes, windowUs } = upload;
	return { ms, cpuSeconds, bytes, windowUs };
}

/**
 * One upload of `filePath` by a sender process of its own (uploadSender.mjs): by default the bare
 * stream, P7's wire-speed reference. `sender`: { via, heapMb, execPath, runtime, dist } (see
 * uploadSender.mjs). Resolves to the server's measure plus what the sender reported (its major
 * collections, its heap).
 */
export async function senderUpload(server, filePath, expectedBytes, sender = {}) {
	const { via = 'bare', heapMb = 0, execPath = process.execPath, runtime, dist } = sender;
	const args = [`${server.baseUrl}/upload`, filePath, '--via', via, '--heap-mb', String(heapMb)];
	if (runtime) args.push('--runtime', runtime);
	if (dist) args.push('--dist', dist);
	const child = fork(path.join(LIB, 'uploadSender.mjs'), args, { stdio: 'inherit', execPath });
	try {
		await nextMessage(child, isEvent('ready'));
		await server.watch(child.pid);
		const arrived = server.nextUpload();
		const done = nextMessage(child, isEvent('done'));
		child.send('go');
		const upload = await arrived;
		const result = await done;
		if (result.error || result.status !== 200) {
			throw new Error(`${via} sender: ${result.error || `HTTP ${result.status}`}`);
		}
		const { majorGcs, majorGcMs, heapUsedMb } = result;
		return { ...checkedUpload(upload, expectedBytes, via), majorGcs, majorGcMs, heapUsedMb };
	} finally {
		if (child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.send('exit');
			await exited;
		}
	}
}

/** Starts a manual run the way the editor does (2.x reads the workflow from its database). */
async function startManual(client, workflowId) {
	const body = { triggerToStartFrom: { name: 'Manual Trigger' } };
	if ((await client.n8nMajor()) < 2) {
		body.workflowData = (await client.rest('GET', `/workflows/${workflowId}`)).body.data;
	}
	const res = await client.rest('POST', `/workflows/${workflowId}/run`, body);
	const executionId = res.body && res.body.data && res.body.data.executionId;
	if (res.status !== 200 || !executionId) throw new Error(`manual run: HTTP ${res.status}`);
	return executionId;
}

/**
 * One upload through n8n: a manual run of `workflowId` (Read File -> Mavi Upload, whose credential
 * points at the counting server). `onFirstByte` runs once the upload has started arriving. n8n is
 * not polled until the upload has arrived.
 */
export async function nodeUpload(
	{ client, n8n },
	server,
	workflowId,
	expectedBytes,
	onFirstByte = async () => undefined,
) {
	await server.watch(n8n.pid);
	const arrived = server.nextUpload();
	const whileUploading = server.firstByte().then(onFirstByte);
	const executionId = await startManual(client, workflowId);
	const upload = await arrived;
	await whileUploading;
	const execution = await client.waitForExecution(executionId, 600_000);
	if (execution.status !== 'success') throw new Error(`node upload: execution ${execution.status}`);
	return checkedUpload(upload, expectedBytes, 'Mavi Upload');
}
