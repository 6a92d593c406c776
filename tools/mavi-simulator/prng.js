'use strict';
// Small seeded PRNG so fault injection, transcripts and shuffles are reproducible.

const crypto = require('node:crypto');

/** 32-bit seed from any string or number (first 4 bytes of its sha256). */
function seedOf(value) {
	return crypto.createHash('sha256').update(String(value)).digest().readUInt32LE(0);
}

/** mulberry32: fast, good enough for test data, returns floats in [0, 1). */
function createRandom(seed) {
	let state = seedOf(seed) >>> 0;
	return function random() {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Integer in [min, max] inclusive. */
function randomInt(random, min, max) {
	return min + Math.floor(random() * (max - min + 1));
}

/** Fisher-Yates shuffle into a new array. */
function shuffled(list, random) {
	const copy = [...list];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

module.exports = { seedOf, createRandom, randomInt, shuffled };
