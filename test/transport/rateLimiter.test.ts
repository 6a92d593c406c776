import { GAP_MS, MAX_IN_FLIGHT_MS, RateLimiter } from '../../nodes/Mavi/transport/limit';

/** A limiter on a virtual clock: `wait` advances time instead of sleeping. */
function virtualLimiter() {
	const clock = { now: 0 };
	const limiter = new RateLimiter(
		GAP_MS,
		MAX_IN_FLIGHT_MS,
		() => clock.now,
		async (ms) => {
			clock.now += ms;
		},
	);
	return { clock, limiter };
}

describe('RateLimiter', () => {
	it('lets the first request of a key go at once', async () => {
		const { clock, limiter } = virtualLimiter();
		await limiter.acquire('a');
		expect(clock.now).toBe(0);
	});

	it('spaces a key by GAP_MS after the previous answer, whatever the latency', async () => {
		const { clock, limiter } = virtualLimiter();
		const release = await limiter.acquire('a');
		clock.now += 300; // the answer takes 300 ms
		release();
		await limiter.acquire('a');
		expect(clock.now).toBe(300 + GAP_MS);
	});

	it('keeps keys independent', async () => {
		const { clock, limiter } = virtualLimiter();
		(await limiter.acquire('a'))();
		(await limiter.acquire('b'))();
		expect(clock.now).toBe(0);
		expect(limiter.size).toBe(2);
	});

	it('does not wait for a long request beyond MAX_IN_FLIGHT_MS', async () => {
		const { clock, limiter } = virtualLimiter();
		await limiter.acquire('a'); // never released: a sync transcription still running
		await limiter.acquire('a');
		expect(clock.now).toBeGreaterThanOrEqual(MAX_IN_FLIGHT_MS + GAP_MS);
		expect(clock.now).toBeLessThan(MAX_IN_FLIGHT_MS + GAP_MS + 50);
	});

	it('lines up concurrent callers at least GAP_MS apart', async () => {
		const { clock, limiter } = virtualLimiter();
		const sentAt: number[] = [];
		await Promise.all(
			[1, 2, 3, 4].map(async () => {
				const release = await limiter.acquire('a');
				sentAt.push(clock.now);
				release();
			}),
		);
		for (let i = 1; i < sentAt.length; i++) {
			expect(sentAt[i] - sentAt[i - 1]).toBeGreaterThanOrEqual(GAP_MS);
		}
	});

	it('keeps at least 1 s plus a margin for the server window', () => {
		expect(GAP_MS).toBeGreaterThan(1000);
		expect(GAP_MS).toBeLessThanOrEqual(1100);
	});

	describe('cancellation', () => {
		it('refuses at once when the signal has already aborted', async () => {
			const limiter = new RateLimiter();
			await expect(limiter.acquire('a', AbortSignal.abort())).rejects.toBeDefined();
		});

		it('stops a wait in line as soon as the signal aborts, on the real clock', async () => {
			const limiter = new RateLimiter(60_000);
			(await limiter.acquire('a'))();
			const controller = new AbortController();
			const waiting = limiter.acquire('a', controller.signal);
			const startedAt = Date.now();
			controller.abort();
			await expect(waiting).rejects.toBeDefined();
			expect(Date.now() - startedAt).toBeLessThan(1000);
		});

		it('lets the callers behind a cancelled one keep their spacing', async () => {
			const clock = { now: 0 };
			const limiter = new RateLimiter(
				GAP_MS,
				MAX_IN_FLIGHT_MS,
				() => clock.now,
				async (ms, signal) => {
					if (signal?.aborted) throw new Error('aborted');
					clock.now += ms;
				},
			);
			const first = await limiter.acquire('a');
			const controller = new AbortController();
			const cancelled = limiter.acquire('a', controller.signal);
			const third = limiter.acquire('a');
			controller.abort();
			await expect(cancelled).rejects.toBeDefined();
			// The third caller still waits for the first one's answer, then GAP_MS.
			await third;
			expect(clock.now).toBeGreaterThanOrEqual(MAX_IN_FLIGHT_MS + GAP_MS);
			first();
		});
	});
});
