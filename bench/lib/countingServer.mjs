// A loopback "Mavi upload" that only counts bytes, in its own process (started with fork), so the
// sender's and the bench's event loops never delay it. Per request it reports the server-side
// time from the request's first byte (its headers) to its last, and the CPU seconds (user +
// system, /proc/<pid>/stat) that the watched sending process spent in between.
//
// IPC: parent -> { watch: pid }; server -> { event: 'listening', port }, { event: 'watching' },
// { event: 'first-byte' }, { event: 'upload', bytes, contentLength, ms, cpuSeconds, windowUs }.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name (field 2) may hold spaces: count fields after its closing parenthesis.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

const ticksToSeconds = (ticks) => ticks / CLOCK_TICKS_PER_SECOND;

function serve() {
	let watched;
	let uploads = 0;
	process.on('message', (message) => {
		if (!message || !message.watch) return;
		watched = message.watch;
		process.send({ event: 'watching' });
	});
	const server = http.createServer((req, res) => {
		const started = process.hrtime.bigint();
		const ticksBefore = watched ? cpuTicks(watched) : 0;
		process.send({ event: 'first-byte' });
		let bytes = 0;
		req.on('data', (chunk) => {
			bytes += chunk.length;
		});
		req.on('end', () => {
			const ended = process.hrtime.bigint();
			const ms = Number(ended - started) / 1e6;
			const cpuSeconds = watched ? ticksToSeconds(cpuTicks(watched) - ticksBefore) : null;
			uploads++;
			const body = JSON.stringify({
				code: '0000',
				msg: 'success',
				data: { asset_id: `re_${1000 + uploads}` },
				success: true,
				failed: false,
			});
			res.writeHead(200, {
				'content-type': 'application/json',
				'content-length': Buffer.byteLength(body),
			});
			res.end(body);
			const contentLength = Number(req.headers['content-length']);
			// Monotonic microseconds, the clock of n8n's --cpu-prof profiles.
			const windowUs = [Number(started / 1000n), Number(ended / 1000n)];
			process.send({ event: 'upload', bytes, contentLength, ms, cpuSeconds, windowUs });
		});
	});
	server.listen(0, '127.0.0.1', () => {
		process.send({ event: 'listening', port: server.address().port });
	});
	process.on('disconnect', () => process.exit(0));
}

if (process.send) serve();
