'use strict';
// A small, valid PCM WAV (mono, 16-bit, 8 kHz sine tone) so uploads carry a real audio file.
function makeWav(seconds = 3, frequency = 440) {
	const sampleRate = 8000;
	const samples = Math.round(seconds * sampleRate);
	const dataBytes = samples * 2;
	const buffer = Buffer.alloc(44 + dataBytes);
	buffer.write('RIFF', 0, 'ascii');
	buffer.writeUInt32LE(36 + dataBytes, 4);
	buffer.write('WAVE', 8, 'ascii');
	buffer.write('fmt ', 12, 'ascii');
	buffer.writeUInt32LE(16, 16); // fmt chunk size
	buffer.writeUInt16LE(1, 20); // PCM
	buffer.writeUInt16LE(1, 22); // mono
	buffer.writeUInt32LE(sampleRate, 24);
	buffer.writeUInt32LE(sampleRate * 2, 28); // byte rate
	buffer.writeUInt16LE(2, 32); // block align
	buffer.writeUInt16LE(16, 34); // bits per sample
	buffer.write('data', 36, 'ascii');
	buffer.writeUInt32LE(dataBytes, 40);
	for (let i = 0; i < samples; i++) {
		const value = Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 8000);
		buffer.writeInt16LE(value, 44 + i * 2);
	}
	return buffer;
}

module.exports = { makeWav };
