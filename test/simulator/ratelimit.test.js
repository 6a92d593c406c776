'use strict';

const { startFastSimulator, steppedClock, api } = require('./support');

const AMBIGUOUS = { code: 400, msg: 'Request has exceeded the limit.', data: null };

describe('simulator: rate limit per account and endpoint', () => {
	let sim;
	afterEach(() => sim.stop());

	it('rejects a second request within the window with 429 by default', async () => {
		sim = await startFastSimulator({ rateLimitMs: 300 });
		steppedClock(sim);
		expect((await api(sim, 'GET', '/re_0/metadata')).status).toBe(400);
		const second = await api(sim, 'GET', '/re_0/metadata');
		expect(second.status).toBe(429);
		expect(second.json).toMatchObject({ code: 429, data: null });
		const stats = sim.stats();
		expect(stats.rateLimited).toBe(1);
		expect(stats.byEndpoint['GET /:asset/metadata']).toBe(2);
		expect(stats.accepted['GET /:asset/metadata']).toBe(1);
	});

	it('answers the ambiguous 400 when rateLimitStyle is 400', async () => {
		sim = await startFastSimulator({ rateLimitMs: 300, rateLimitStyle: '400' });
		steppedClock(sim);
		await api(sim, 'DELETE', '/re_0');
		const second = await api(sim, 'DELETE', '/re_1');
		expect(second.status).toBe(400);
		expect(second.json).toEqual(AMBIGUOUS);
		expect(sim.stats().rateLimited).toBe(1);
	});

	it('counts endpoints separately and different asset ids as one endpoint', async () => {
		sim = await startFastSimulator({ rateLimitMs: 300 });
		steppedClock(sim);
		expect((await api(sim, 'GET', '/re_1/metadata')).status).toBe(400);
		expect((await api(sim, 'GET', '/re_1/download')).status).toBe(400);
		expect((await api(sim, 'DELETE', '/re_1')).status).toBe(400);
		expect((await api(sim, 'GET', '/re_2/metadata')).status).toBe(429);
		expect(sim.stats().rateLimited).toBe(1);
	});

	it('measures from the last accepted request, so rejected ones do not extend the window', async () => {
		sim = await startFastSimulator({ rateLimitMs: 250 });
		const clock = steppedClock(sim);
		await api(sim, 'GET', '/re_0/metadata');
		clock.advance(150);
		expect((await api(sim, 'GET', '/re_0/metadata')).status).toBe(429);
		clock.advance(130);
		expect((await api(sim, 'GET', '/re_0/metadata')).status).toBe(400);
	});

	it('enforces the real 1 request per second by default', async () => {
		sim = await startFastSimulator({ rateLimitMs: undefined });
		expect(sim.describeOptions().rateLimitMs).toBe(1000);
		const clock = steppedClock(sim);
		await api(sim, 'GET', '/re_0/metadata');
		clock.advance(700);
		expect((await api(sim, 'GET', '/re_0/metadata')).status).toBe(429);
		clock.advance(400);
		expect((await api(sim, 'GET', '/re_0/metadata')).status).toBe(400);
	});

	it('can be switched off', async () => {
		sim = await startFastSimulator({ rateLimit: false, rateLimitMs: 1000 });
		for (let i = 0; i < 5; i++) expect((await api(sim, 'GET', '/re_0/metadata')).status).toBe(400);
		expect(sim.stats().rateLimited).toBe(0);
	});

	it('does not rate limit unauthenticated requests against the account', async () => {
		sim = await startFastSimulator({ rateLimitMs: 500 });
		expect((await api(sim, 'GET', '/re_0/metadata', { key: 'bad' })).status).toBe(401);
		expect((await api(sim, 'GET', '/re_0/metadata')).status).toBe(400);
	});
});
