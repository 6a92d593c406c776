'use strict';

const { KEY, startFastSimulator, api } = require('./support');

describe('simulator: authentication', () => {
	let sim;
	beforeAll(async () => {
		sim = await startFastSimulator({
			apiKey: [KEY, 'sk-mai-second-key-of-account'],
			keyStatus: { 'sk-mavi-broke-0000': 402, 'sk-mavi-banned-0000': 403 },
		});
	});
	afterAll(() => sim.stop());

	it('listens on 127.0.0.1 under /serve/api/v2', () => {
		expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sim.baseUrl).toBe(`${sim.url}/serve/api/v2`);
	});

	it.each([
		['missing', null],
		['wrong', 'sk-mavi-wrong'],
		['Bearer-prefixed', `Bearer ${KEY}`],
	])('answers 401 with the documented body for a %s key', async (_label, key) => {
		const response = await api(sim, 'GET', '/re_0/metadata', { key });
		expect(response.status).toBe(401);
		expect(response.json).toEqual({ code: 401, msg: 'Unauthorized', data: null });
	});

	it('accepts the credential test GET /re_0/metadata with 400 Asset not found', async () => {
		const response = await api(sim, 'GET', '/re_0/metadata');
		expect(response.status).toBe(400);
		expect(response.json).toEqual({ code: 400, msg: 'Asset not found', data: null });
	});

	it('accepts every key of the account', async () => {
		const response = await api(sim, 'GET', '/re_0/metadata', {
			key: 'sk-mai-second-key-of-account',
		});
		expect(response.status).toBe(400);
	});

	it('answers 402 and 403 for keys flagged in keyStatus, with status == code and data null', async () => {
		const broke = await api(sim, 'GET', '/re_0/metadata', { key: 'sk-mavi-broke-0000' });
		expect(broke.status).toBe(402);
		expect(broke.json).toMatchObject({ code: 402, data: null });
		const banned = await api(sim, 'GET', '/re_0/metadata', { key: 'sk-mavi-banned-0000' });
		expect(banned.status).toBe(403);
		expect(banned.json).toMatchObject({ code: 403, data: null });
	});

	it('answers JSON 404/405 for unknown routes and methods', async () => {
		expect((await api(sim, 'GET', '/nope/a/b')).status).toBe(404);
		const wrongMethod = await api(sim, 'GET', '/upload');
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.json).toMatchObject({ code: 405, data: null });
	});

	it('keeps admin endpoints open and uncounted', async () => {
		const before = sim.stats().requests;
		const response = await fetch(`${sim.url}/__admin/stats`);
		expect(response.status).toBe(200);
		const stats = await response.json();
		expect(stats.requests).toBe(before);
		expect(sim.stats().requests).toBe(before);
	});
});
