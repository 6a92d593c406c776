import { sleep } from 'n8n-workflow';

import { GAP_MS, LIMITED_EXTRA_MS, RateLimiter } from '../../nodes/Mavi/transport/limit';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RateLimiter: ServerWindow } = require('../../tools/mavi-simulator/faults.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createRandom } = require('../../tools/mavi-simulator/prng.js');

/**
 * Virtual time shared by several "processes": wait() queues a timer; run() advances the clock
 * to the next timer whenever every task is blocked, so a minute of traffic takes milliseconds.
 */
class VirtualTime {
	now = 1_796_000_000_123; // an arbitrary wall-clock time, not aligned to the slot grid
	private timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
	private seq = 0;

	wait = async (ms: number) =>
		await new Promise<void>((resolve) => {
			this.timers.push({ at: this.now + Math.max(0, ms), seq: this.seq++, resolve });
		});

	async run<T>(tasks: Array<Promise<T>>): Promise<T[]> {
		let done = false;
		const all = Promise.all(tasks).finally(() => (done = true));
		while (!done) {
			// A real macrotask: every promise chain that can move on has done so.
			await sleep(0);
			if (done) break;
			this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
			const next = this.timers.shift();
			if (!next) throw new Error('deadlock: every task waits, no timer pending');
			this.now = next.at;
			next.resolve();
		}
		return await all;
	}
}

const KEY = 'account#POST /transcriptions/async-generate-audio';

/**
 * One n8n process sending `items` requests one after another through its own limiter to a server
 * with the simulator's own window rule (only accepted requests move it). Each leg of a request
 * takes 1-25 ms. A rejected request is sent again through the limiter.
 */
async function process_(time: VirtualTime, server: typeof ServerWindow, seed: string, items = 30) {
	const random = createRandom(seed);
	const limiter = new RateLimiter(undefined, undefined, () => time.now, time.wait, random);
	const stats = { rejected: 0, worstItem: 0, accepted: [] as number[] };
	for (let item = 0; item < items; item++) {
		let misses = 0;
		for (;;) {
			const release = await limiter.acquire(KEY);
			await time.wait(1 + random() * 24);
			const ok = server.allow(KEY, time.now, 1000);
			if (ok) stats.accepted.push(time.now);
			await time.wait(1 + random() * 24);
			release();
			if (ok) break;
			limiter.limited(KEY);
			stats.rejected++;
			stats.worstItem = Math.max(stats.worstItem, ++misses);
		}
	}
	return stats;
}

// Two queue-mode workers share one account's 1 request/s per endpoint, each with its
// own in-process limiter, against the simulator's own window rule.
describe('sharing the limit with other processes', () => {
	it('alone: 30 requests in about 30 s, none rejected', async () => {
		const time = new VirtualTime();
		const start = time.now;
		const [alone] = await time.run([process_(time, new ServerWindow(), 'alone')]);
		expect(alone.rejected).toBe(0);
		expect(time.now - start).toBeLessThan(32_000);
	});

	it.each(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])(
		'two processes, 30 requests each (seed %s): 60 accepted, >= 1 s apart, within 1.3 x 60 s',
		async (seed) => {
			const time = new VirtualTime();
			const start = time.now;
			const server = new ServerWindow();
			const results = await time.run([
				process_(time, server, `${seed}-1`),
				process_(time, server, `${seed}-2`),
			]);
			const wallMs = time.now - start;
			const accepted = results.flatMap((r) => r.accepted).sort((x, y) => x - y);
			expect(accepted).toHaveLength(60);
			for (let i = 1; i < accepted.length; i++) {
				expect(accepted[i] - accepted[i - 1]).toBeGreaterThanOrEqual(1000);
			}
			expect(wallMs).toBeLessThanOrEqual(78_000);
			// The refused process waits out the other's batch (~31 s) at about one try per 1.5-2 s.
			expect(Math.max(...results.map((r) => r.worstItem))).toBeLessThanOrEqual(25);
			expect(results[0].rejected + results[1].rejected).toBeLessThanOrEqual(40);
		},
	);
});

describe('RateLimiter with limit answers', () => {
	it('backs off a refused key by a random 0.5 to 1 x LIMITED_EXTRA_MS more', async () => {
		for (const random of [0, 0.999]) {
			const time = new VirtualTime();
			const limiter = new RateLimiter(
				undefined,
				undefined,
				() => time.now,
				time.wait,
				() => random,
			);
			const start = time.now;
			(await time.run([limiter.acquire('k')]))[0]();
			limiter.limited('k');
			await time.run([limiter.acquire('k')]);
			expect(time.now - start).toBeGreaterThanOrEqual(
				GAP_MS + LIMITED_EXTRA_MS * (0.5 + random / 2) - 1,
			);
			expect(time.now - start).toBeLessThanOrEqual(GAP_MS + LIMITED_EXTRA_MS);
		}
	});

	it('honours Retry-After', async () => {
		const time = new VirtualTime();
		const limiter = new RateLimiter(undefined, undefined, () => time.now, time.wait, fixed0);
		const start = time.now;
		limiter.limited('k', 5000);
		await time.run([limiter.acquire('k')]);
		expect(time.now - start).toBeGreaterThanOrEqual(5000);
	});
});

function fixed0() {
	return 0;
}
