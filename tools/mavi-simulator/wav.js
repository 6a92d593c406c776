'use strict';
// WAV (RIFF/WAVE PCM) duration reading, and a generator of real WAV files for tests.

/** Duration in seconds from a WAV header, or null when the buffer is not a readable WAV. */
function wavDurationSeconds(buffer) {
	if (!Buffer.isBuffer(buffer) || buffer.length < 12) return null;
	if (buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') {
		return null;
	}
	let byteRate = null;
	let pos = 12;
	while (pos + 8 <= buffer.length) {
		const id = buffer.toString('ascii', pos, pos + 4);
		const size = buffer.readUInt32LE(pos + 4);
		const body = pos + 8;
		if (id === 'fmt ' && body + 12 <= buffer.length) {
			byteRate = buffer.readUInt32LE(body + 8);
		} else if (id === 'data') {
			if (!byteRate) return null;
			// A streamed WAV may carry a placeholder size: trust the bytes actually present.
			const available = Math.max(0, buffer.length - body);
			const dataSize = size === 0 || size === 0xffffffff ? available : Math.min(size, available);
			return dataSize / byteRate;
		}
		pos = body + size + (size % 2);
	}
	return null;
}

/**
 * A real 16-bit PCM WAV with a quiet tone; deterministic for the given arguments.
 * @param {{seconds?: number, sampleRate?: number, channels?: number, frequency?: number}} o
 */
function makeWav({ seconds = 1, sampleRate = 8000, channels = 1, frequency = 440 } = {}) {
	const frames = Math.round(seconds * sampleRate);
	const blockAlign = channels * 2;
	const dataSize = frames * blockAlign;
	const buffer = Buffer.alloc(44 + dataSize);
	buffer.write('RIFF', 0, 'ascii');
	buffer.writeUInt32LE(36 + dataSize, 4);
	buffer.write('WAVE', 8, 'ascii');
	buffer.write('fmt ', 12, 'ascii');
	buffer.writeUInt32LE(16, 16);
	buffer.writeUInt16LE(1, 20); // PCM
	buffer.writeUInt16LE(channels, 22);
	buffer.writeUInt32LE(sampleRate, 24);
	buffer.writeUInt32LE(sampleRate * blockAlign, 28);
	buffer.writeUInt16LE(blockAlign, 32);
	buffer.writeUInt16LE(16, 34);
	buffer.write('data', 36, 'ascii');
	buffer.writeUInt32LE(dataSize, 40);
	for (let frame = 0; frame < frames; frame++) {
		const sample = Math.round(3000 * Math.sin((2 * Math.PI * frequency * frame) / sampleRate));
		for (let channel = 0; channel < channels; channel++) {
			buffer.writeInt16LE(sample, 44 + frame * blockAlign + channel * 2);
		}
	}
	return buffer;
}

module.exports = { wavDurationSeconds, makeWav };
