// The wire-speed reference for an upload: a bare Node stream of the file (fs.createReadStream,
// 1 MiB chunks) piped into http.request, in its own process (started with fork, like n8n is its
// own process). It sends once, when the parent says 'go', then reports 'done' and waits to be
// told to exit, so the parent can read its /proc stat around the upload alone.
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';

const [url, filePath] = process.argv.slice(2);

function upload() {
	const size = statSync(filePath).size;
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				headers: { 'content-type': 'application/octet-stream', 'content-length': size },
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode));
			},
		);
		req.on('error', reject);
		createReadStream(filePath, { highWaterMark: 1024 * 1024 })
			.on('error', reject)
			.pipe(req);
	});
}

process.on('message', async (message) => {
	if (message === 'go') {
		try {
			process.send({ event: 'done', status: await upload() });
		} catch (error) {
			process.send({ event: 'done', error: String(error.message || error) });
		}
	} else if (message === 'exit') {
		process.exit(0);
	}
});
process.send({ event: 'ready' });
