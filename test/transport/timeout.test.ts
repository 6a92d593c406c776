import type { Mavi } from '../support/maviSim';
import { seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe, transcriptionStart } from '../support/runMavi';
import { transportSettings } from '../../nodes/Mavi/transport';

jest.setTimeout(60_000);

// A request that outlives the per-request timeout is abandoned. A read is then retried; a Start
// is not, because Mavi may already have started the task.
describe('per-request timeout', () => {
	let mavi: Mavi;
	let assetId: string;
	const saved = { ...transportSettings };

	beforeAll(async () => {
		mavi = await startMavi({ rateLimitMs: 1000, assetReadyMs: 50 });
		assetId = await seedAsset(mavi);
		// Clean answers have seconds to spare even on a loaded machine; slow ones are answered
		// only after a minute, and stalled ones never, so those always time out.
		transportSettings.timeoutMs = 5000;
	});

	afterAll(async () => {
		Object.assign(transportSettings, saved);
		await mavi.stop();
	});

	it('retries slow answers to Get Status after the timeout', async () => {
		mavi.sim.configure({ faults: { rate: 0.5, kinds: ['slow'], slowMs: 60_000 }, seed: 5 });

		const result = await runTranscribe(
			{ resource: 'asset', operation: 'getStatus', assetId },
			mavi.credentials,
			{ inputItems: [{ json: {} }, { json: {} }, { json: {} }, { json: {} }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(mavi.sim.stats().faultsInjected.slow).toBeGreaterThan(0);
	});

	it('does not resend a Start whose answer did not come in time', async () => {
		mavi.sim.configure({ faults: { rate: 1, kinds: ['stall-after'], limit: 1 } });
		const tasksBefore = mavi.sim.stats().tasks.length;

		const result = await runTranscribe(transcriptionStart(assetId), mavi.credentials, {
			inputItems: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});

		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toMatch(/may have started this transcription/);
		expect(result.items[1].json.task_id).toEqual(expect.any(String));
		// One task per item: the stalled one and the clean one.
		expect(mavi.sim.stats().tasks.length - tasksBefore).toBe(2);
	});
});
