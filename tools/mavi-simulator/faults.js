'use strict';
// Seeded fault injection: the same seed and request sequence give the same faults.

const { createRandom } = require('./prng');

class FaultInjector {
	constructor(seed) {
		this.reseed(seed);
	}

	reseed(seed) {
		this.random = createRandom(`faults|${seed}`);
		this.injected = 0;
	}

	/**
	 * A fault kind for this request, or null. Consumes randomness only when faults are on.
	 * `faults.limit` (null: no limit) caps the faults injected since the last reseed.
	 */
	pick(faults) {
		if (!faults || !(faults.rate > 0) || faults.kinds.length === 0) return null;
		if (faults.limit !== null && faults.limit !== undefined && this.injected >= faults.limit) {
			return null;
		}
		if (this.random() >= faults.rate) return null;
		this.injected++;
		return faults.kinds[Math.floor(this.random() * faults.kinds.length)];
	}

	/** A picked fault that never struck no longer counts towards `faults.limit`. */
	giveBack() {
		this.injected--;
	}
}

const AFTER_WORK_FAULTS = new Set(['drop-after', 'stall-after', '502-after']);

/**
 * Lets the route do its work (create the asset or task, schedule the callback), then loses the
 * answer: drops the connection, holds it until the client gives up (never answering), or answers
 * 502 as a gateway would. Installed before the route handler runs. `onLost(fault)` is called
 * once the work is done and the answer is being lost, so tests synchronise on that event rather
 * than on a clock.
 */
function loseAnswerAfterWork(fault, { req, res, log, onLost }) {
	const realWriteHead = res.writeHead.bind(res);
	const realEnd = res.end.bind(res);
	res.writeHead = () => res;
	res.end = () => {
		log(`FAULT ${fault}`);
		if (fault === 'drop-after') {
			req.socket.destroy();
		} else if (fault === '502-after') {
			const text = JSON.stringify({ code: 502, msg: 'Bad Gateway', data: null });
			realWriteHead(502, { 'content-type': 'application/json', 'content-length': text.length });
			realEnd(text);
		}
		// 'stall-after': nothing is ever written; the socket closes when the client gives up.
		onLost(fault);
		return res;
	};
}

class RateLimiter {
	constructor() {
		this.lastAccepted = new Map();
	}

	clear() {
		this.lastAccepted.clear();
	}

	forget(key) {
		this.lastAccepted.delete(key);
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

module.exports = { FaultInjector, RateLimiter, AFTER_WORK_FAULTS, loseAnswerAfterWork };
