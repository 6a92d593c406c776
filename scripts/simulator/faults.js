'use strict';
// Seeded fault injection: the same seed and request sequence give the same faults.

const { createRandom } = require('./prng');

class FaultInjector {
	constructor(seed) {
		this.reseed(seed);
	}

	reseed(seed) {
		this.random = createRandom(`faults|${seed}`);
	}

	/** A fault kind for this request, or null. Consumes randomness only when faults are on. */
	pick(faults) {
		if (!faults || !(faults.rate > 0) || faults.kinds.length === 0) return null;
		if (this.random() >= faults.rate) return null;
		return faults.kinds[Math.floor(this.random() * faults.kinds.length)];
	}
}

class RateLimiter {
	constructor() {
		this.lastAccepted = new Map();
	}

	clear() {
		this.lastAccepted.clear();
	}

	/**
	 * True when a request of `key` (account + endpoint) arriving at `arrivedAt` is allowed;
	 * only allowed requests move the window.
	 */
	allow(key, arrivedAt, windowMs) {
		const last = this.lastAccepted.get(key);
		if (last !== undefined && arrivedAt - last < windowMs) return false;
		this.lastAccepted.set(key, Math.max(arrivedAt, last ?? arrivedAt));
		return true;
	}
}

module.exports = { FaultInjector, RateLimiter };
