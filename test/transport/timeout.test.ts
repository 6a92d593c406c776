import type { Mavi } from '../support/maviSim';
import { seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe, transcriptionStart } from '../support/runMavi';
import { transportSettings } from '../../nodes/Mavi/transport';

jest.setTimeout(60_000);

// A request that outlives the per-request timeout is abandoned and retried. The simulator does
// not process an abandoned request, so every item still yields exactly one task.
describe('per-request timeout', () => {
	let mavi: Mavi;
	const saved = { ...transportSettings };

	beforeAll(async () => {
		mavi = await startMavi({ rateLimitMs: 1000, assetReadyMs: 50 });
	});

	afterAll(async () => {
		Object.assign(transportSettings, saved);
		await mavi.stop();
	});

	it('retries slow answers after the timeout without creating duplicates', async () => {
		const assetId = await seedAsset(mavi);
		transportSettings.timeoutMs = 400;
		mavi.sim.configure({ faults: { rate: 0.5, kinds: ['slow'], slowMs: 1500 }, seed: 5 });

		const result = await runTranscribe(transcriptionStart(assetId), mavi.credentials, {
			inputItems: [{ json: {} }, { json: {} }, { json: {} }, { json: {} }],
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		const stats = mavi.sim.stats();
		expect(stats.faultsInjected.slow).toBeGreaterThan(0);
		expect(stats.tasks).toHaveLength(4);
		expect(new Set(stats.tasks.map((task) => task.task_id))).toEqual(
			new Set(result.items.map((item) => item.json.task_id)),
		);
	});
});
