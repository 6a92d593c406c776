'use strict';
// Big media files without big disks or big memory: a sparse WAV (real header, then a hole) and
// its hash read as a stream. Used by the streaming-upload e2e test and the upload bench.
const crypto = require('node:crypto');
const fs = require('node:fs');

const { memoryOf, sampleRss } = require('./privateN8n');

/** A valid 16-bit mono PCM WAV header announcing `totalBytes - 44` bytes of (silent) samples. */
function wavHeader(totalBytes, sampleRate = 16000) {
	const header = Buffer.alloc(44);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(Math.min(totalBytes - 8, 0xffffffff), 4);
	header.write('WAVEfmt ', 8, 'ascii');
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(1, 22);
	header.writeUInt32LE(sampleRate, 24);
	header.writeUInt32LE(sampleRate * 2, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36, 'ascii');
	header.writeUInt32LE(Math.min(totalBytes - 44, 0xffffffff), 40);
	return header;
}

/** Writes a sparse WAV of exactly `totalBytes` (only the header and a marker take disk space). */
function writeSparseWav(filePath, totalBytes) {
	const fd = fs.openSync(filePath, 'w');
	try {
		fs.writeSync(fd, wavHeader(totalBytes), 0, 44, 0);
		// A few non-zero bytes near the end, so a truncated or shifted upload changes the hash.
		const marker = Buffer.from('mavi-end-marker');
		fs.writeSync(fd, marker, 0, marker.length, totalBytes - 1024);
		fs.ftruncateSync(fd, totalBytes);
	} finally {
		fs.closeSync(fd);
	}
}

/** sha256 of a file, read as a stream. */
function sha256File(filePath) {
	return new Promise((resolve, reject) => {
		const hash = crypto.createHash('sha256');
		fs.createReadStream(filePath)
			.on('data', (chunk) => hash.update(chunk))
			.on('error', reject)
			.on('end', () => resolve(hash.digest('hex')));
	});
}

/**
 * Runs `work()` while sampling the process's VmRSS every `everyMs`; resolves with the work's
 * result and the peak growth over the VmRSS just before, in MB.
 */
async function measureRssGrowth(pid, work, everyMs = 50) {
	const baselineMb = memoryOf(pid).rssMb;
	const sampler = sampleRss(pid, everyMs);
	let peakMb;
	let result;
	try {
		result = await work();
	} finally {
		peakMb = sampler.stop();
	}
	return { result, baselineMb, peakMb, growthMb: peakMb - baselineMb };
}

module.exports = { writeSparseWav, sha256File, measureRssGrowth, wavHeader };
