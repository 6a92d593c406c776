'use strict';

const {
	startFastSimulator,
	api,
	uploadWav,
	wavForm,
	makeWav,
	startReceiver,
	steppedClock,
	until,
} = require('./support');

describe('simulator: seeded fault injection', () => {
	let sim;
	let receiver;
	beforeAll(async () => {
		receiver = await startReceiver();
	});
	afterEach(() => sim.stop());
	afterAll(() => receiver.stop());

	const statuses = async (count) => {
		const seen = [];
		for (let i = 0; i < count; i++) seen.push((await api(sim, 'GET', '/re_0/metadata')).status);
		return seen;
	};

	it('injects the same faults for the same seed, at about the configured rate', async () => {
		const faults = { rate: 0.3, kinds: ['429', '400', '500'] };
		sim = await startFastSimulator({ seed: 7, faults });
		const first = await statuses(60);
		const firstCounts = sim.stats().faultsInjected;
		sim.reset();
		expect(await statuses(60)).toEqual(first);
		expect(sim.stats().faultsInjected).toEqual(firstCounts);

		const total = Object.values(firstCounts).reduce((sum, n) => sum + n, 0);
		expect(total).toBeGreaterThanOrEqual(8);
		expect(total).toBeLessThanOrEqual(30);
		expect(first.filter((status) => status === 429).length).toBe(firstCounts['429'] || 0);
		expect(first.filter((status) => status === 500).length).toBe(firstCounts['500'] || 0);
		// Faulted requests are not accepted: accepted + faults = requests.
		const stats = sim.stats();
		expect(stats.accepted['GET /:asset/metadata'] + total).toBe(60);

		sim.configure({ seed: 8 });
		expect(await statuses(60)).not.toEqual(first);
	});

	it('creates no asset or task for 429, 400 and 500 faults', async () => {
		sim = await startFastSimulator({ webhookUrl: `${receiver.url}/hook` });
		const assetId = await uploadWav(sim, { seconds: 2 });
		sim.configure({ faults: { rate: 1, kinds: ['429', '400', '500'] } });
		const answers = [];
		for (let i = 0; i < 6; i++) {
			answers.push((await api(sim, 'POST', '/upload', { body: new FormData() })).status);
			answers.push(
				(
					await api(sim, 'POST', '/transcriptions/async-generate-audio', {
						json: { asset_id: assetId },
					})
				).status,
			);
		}
		expect(answers.every((status) => [429, 400, 500].includes(status))).toBe(true);
		const stats = sim.stats();
		expect(stats.assets).toHaveLength(1);
		expect(stats.tasks).toHaveLength(0);
		expect(stats.accepted['POST /transcriptions/async-generate-audio']).toBeUndefined();
	});

	it("'drop' destroys the connection before processing: no asset is created", async () => {
		sim = await startFastSimulator({ faults: { rate: 1, kinds: ['drop'] } });
		await expect(uploadWav(sim)).rejects.toThrow();
		const stats = sim.stats();
		expect(stats.faultsInjected).toEqual({ drop: 1 });
		expect(stats.assets).toHaveLength(0);
		expect(stats.accepted).toEqual({});
	});

	it("'slow' answers late, and creates nothing when the client gave up", async () => {
		sim = await startFastSimulator({ webhookUrl: `${receiver.url}/hook` });
		const assetId = await uploadWav(sim, { seconds: 2 });
		sim.configure({ faults: { rate: 1, kinds: ['slow'], slowMs: 60_000 } });
		const json = { asset_id: assetId };
		const client = new AbortController();
		const impatient = api(sim, 'POST', '/transcriptions/async-generate-audio', {
			json,
			signal: client.signal,
		});
		// The client leaves once the simulator holds its request, and nothing is then done for it.
		await until(() => sim.stats().faultsInjected.slow === 1);
		client.abort();
		await expect(impatient).rejects.toThrow();
		await until(() => sim.stats().abandoned === 1);
		expect(sim.stats().tasks).toHaveLength(0);

		sim.configure({ faults: { rate: 1, kinds: ['slow'], slowMs: 300 } });
		const patient = await api(sim, 'POST', '/transcriptions/async-generate-audio', { json });
		expect(patient.status).toBe(200);
		expect(sim.stats().tasks).toHaveLength(1);
		expect(sim.stats().faultsInjected).toEqual({ slow: 2 });
	});

	it('lets a retrying client end with exactly one task per request', async () => {
		sim = await startFastSimulator({ webhookUrl: `${receiver.url}/hook`, seed: 3 });
		const assetId = await uploadWav(sim, { seconds: 2 });
		sim.configure({ faults: { rate: 0.5, kinds: ['429', '400', '500', 'drop'] } });
		for (let item = 0; item < 10; item++) {
			for (let attempt = 0; attempt < 50; attempt++) {
				const response = await api(sim, 'POST', '/transcriptions/async-generate-audio', {
					json: { asset_id: assetId },
				}).catch(() => null);
				if (response && response.status === 200) break;
			}
		}
		const stats = sim.stats();
		expect(stats.tasks).toHaveLength(10);
		expect(new Set(stats.tasks.map((task) => task.task_id)).size).toBe(10);
		expect(stats.accepted['POST /transcriptions/async-generate-audio']).toBe(10);
		expect(Object.values(stats.faultsInjected).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
	});

	it('does not move the rate-limit window for faulted requests, nor fault admin calls', async () => {
		sim = await startFastSimulator({ rateLimitMs: 5000, faults: { rate: 1, kinds: ['500'] } });
		expect((await api(sim, 'GET', '/re_0/metadata')).status).toBe(500);
		expect((await fetch(`${sim.url}/__admin/stats`)).status).toBe(200);
		sim.configure({ faults: { rate: 0 } });
		expect((await api(sim, 'GET', '/re_0/metadata')).status).toBe(400);
		expect((await api(sim, 'GET', '/re_0/metadata')).status).toBe(429);
	});

	describe('faults after acceptance: the work is done, the answer lost', () => {
		const START = '/transcriptions/async-generate-audio';

		it("'drop-after' creates the task, schedules its callback, then drops the connection", async () => {
			sim = await startFastSimulator({ webhookUrl: `${receiver.url}/hook` });
			const assetId = await uploadWav(sim, { seconds: 2 });
			sim.configure({ faults: { rate: 1, kinds: ['drop-after'] } });
			await expect(api(sim, 'POST', START, { json: { asset_id: assetId } })).rejects.toThrow();
			const stats = sim.stats();
			expect(stats.tasks).toHaveLength(1);
			expect(stats.faultLog).toEqual([
				{
					endpoint: 'POST /transcriptions/async-generate-audio',
					fault: 'drop-after',
					asset_id: assetId,
				},
			]);
			await sim.waitForCallbacks(1, 5000);
		});

		it("'502-after' creates the asset and answers 502 like a gateway", async () => {
			sim = await startFastSimulator({ faults: { rate: 1, kinds: ['502-after'] } });
			const response = await api(sim, 'POST', '/upload', {
				body: wavForm(makeWav({ seconds: 1 })),
			});
			expect(response.status).toBe(502);
			expect(sim.stats().assets).toHaveLength(1);
		});

		it("'stall-after' never answers, so the client gives up; the asset exists anyway", async () => {
			sim = await startFastSimulator({ faults: { rate: 1, kinds: ['stall-after'] } });
			const client = new AbortController();
			const request = api(sim, 'POST', '/upload', {
				body: wavForm(makeWav({ seconds: 1 })),
				signal: client.signal,
			});
			// The client gives up only once the simulator did the work and holds the answer.
			expect(await sim.waitForLostAnswers(1)).toEqual(['stall-after']);
			client.abort();
			await expect(request).rejects.toThrow();
			expect(sim.stats().assets).toHaveLength(1);
		});

		it('strikes only a request that is accepted: a refused one gets its refusal, nothing is lost', async () => {
			sim = await startFastSimulator({ rateLimitMs: 1000 });
			const clock = steppedClock(sim);
			const upload = () =>
				api(sim, 'POST', '/upload', { body: wavForm(makeWav({ seconds: 1 })) });
			expect((await upload()).status).toBe(200);
			sim.configure({ faults: { rate: 1, kinds: ['502-after'], limit: 1 } });
			// Inside the window: refused before any work, so there is no answer to lose.
			expect((await upload()).status).toBe(429);
			expect(sim.lostAnswers).toEqual([]);
			expect(sim.stats().faultLog).toEqual([]);
			clock.advance(1100);
			// The fault, still unspent, strikes the next request that does the work.
			expect((await upload()).status).toBe(502);
			expect(sim.stats().assets).toHaveLength(2);
			expect(await sim.waitForLostAnswers(1)).toEqual(['502-after']);
			expect(sim.stats().faultsInjected).toEqual({ '502-after': 1 });
		});

		it('counts billed synchronous runs, also when their answer is lost', async () => {
			sim = await startFastSimulator();
			const assetId = await uploadWav(sim, { seconds: 2 });
			sim.configure({ faults: { rate: 1, kinds: ['502-after'], limit: 1 } });
			const sync = (json) => api(sim, 'POST', '/transcriptions/sync-generate-audio', { json });
			const clock = steppedClock(sim);
			expect((await sync({ asset_id: assetId })).status).toBe(502);
			clock.advance(1100);
			expect((await sync({ asset_id: assetId })).status).toBe(200);
			expect(sim.stats().syncRuns).toEqual([
				{ endpoint: 'POST /transcriptions/sync-generate-audio', asset_id: assetId },
				{ endpoint: 'POST /transcriptions/sync-generate-audio', asset_id: assetId },
			]);
		});

		it('faults.limit stops injecting after that many faults', async () => {
			sim = await startFastSimulator({
				rateLimit: false,
				faults: { rate: 1, kinds: ['500'], limit: 2 },
			});
			const statuses = [];
			for (let i = 0; i < 4; i++) statuses.push((await api(sim, 'GET', '/re_0/metadata')).status);
			expect(statuses).toEqual([500, 500, 400, 400]);
		});
	});
});
