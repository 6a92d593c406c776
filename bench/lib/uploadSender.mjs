// One upload of a file from a process of its own (started with fork, as n8n is its own process).
// It sends once when the parent says 'go', reports 'done' with the major (mark-compact)
// collections that ran meanwhile, and waits to be told to exit, so the parent can read its /proc
// stat around the upload alone. `--heap-mb N` first builds a heap of about N MB of small live
// objects, shaped like n8n's (about 178 MB).
//   --via bare       fs.createReadStream (1 MiB reads) piped into http.request: the P7 reference
//   --via release    the same, written chunk by chunk, each read buffer detached (its memory
//                    freed and uncounted at once) in the socket's write callback
//   --via axios      Mavi Upload's own body (dist/.../multipart.js) through n8n's axios, as the
//                    node sends it inside n8n (`--runtime` names the n8n runtime folder)
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		via: { type: 'string', default: 'bare' },
		'heap-mb': { type: 'string', default: '0' },
		runtime: { type: 'string' },
		dist: { type: 'string' },
	},
});
const [url, filePath] = positionals;
const MIB = 1024 * 1024;

// About 140 bytes per object with its array and shared strings: measured with --trace-gc.
const retained = [];
for (let i = 0; i < Number(values['heap-mb']) * 7400; i++) {
	retained.push({ id: i, name: `n${i % 1000}`, list: [i] });
}

let majorGcs = 0;
let majorGcMs = 0;
new PerformanceObserver((list) => {
	for (const entry of list.getEntries()) {
		if (entry.detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
		majorGcs++;
		majorGcMs += entry.duration;
	}
}).observe({ entryTypes: ['gc'] });

function request(size, headers = {}) {
	let req;
	const answered = new Promise((resolve, reject) => {
		req = http.request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/octet-stream', 'content-length': size, ...headers },
		});
		req.on('response', (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
		});
		req.on('error', reject);
	});
	return { req, answered };
}

// A buffer that fs allocated for one read and that nothing else holds: freeing its memory now
// spares V8 counting it as external memory until a full collection.
const ownsItsMemory = (chunk) =>
	chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;

function release(size) {
	const { req, answered } = request(size);
	const file = createReadStream(filePath, { highWaterMark: MIB });
	file.on('data', (chunk) => {
		const more = req.write(chunk, () => {
			if (ownsItsMemory(chunk)) chunk.buffer.transfer(0);
		});
		if (!more) {
			file.pause();
			req.once('drain', () => file.resume());
		}
	});
	file.on('end', () => req.end());
	file.on('error', (error) => req.destroy(error));
	return answered;
}

async function viaAxios(size) {
	const axios = createRequire(path.join(values.runtime, 'node_modules/n8n/package.json'))('axios');
	const { MultipartBody } = createRequire(import.meta.url)(
		path.join(values.dist, 'nodes/Mavi/transport/multipart.js'),
	);
	const body = new MultipartBody({
		field: 'file',
		fileName: path.basename(filePath),
		mimeType: 'audio/wav',
		size,
		open: async () => createReadStream(filePath, { highWaterMark: MIB }),
	});
	// The options n8n's httpRequest helper gives axios for this request.
	const res = await axios.post(url, body, {
		headers: { 'content-type': body.type },
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
		maxRedirects: 0,
	});
	return res.status;
}

function upload() {
	const size = statSync(filePath).size;
	if (values.via === 'release') return release(size);
	if (values.via === 'axios') return viaAxios(size);
	const { req, answered } = request(size);
	createReadStream(filePath, { highWaterMark: MIB })
		.on('error', (error) => req.destroy(error))
		.pipe(req);
	return answered;
}

process.on('message', async (message) => {
	if (message === 'go') {
		const before = { majorGcs, majorGcMs };
		try {
			const status = await upload();
			process.send({
				event: 'done',
				status,
				majorGcs: majorGcs - before.majorGcs,
				majorGcMs: majorGcMs - before.majorGcMs,
				heapUsedMb: Math.round(process.memoryUsage().heapUsed / MIB),
				retained: retained.length,
			});
		} catch (error) {
			process.send({ event: 'done', error: String(error.message || error) });
		}
	} else if (message === 'exit') {
		process.exit(0);
	}
});
process.send({ event: 'ready' });
