import type { Mavi } from '../support/maviSim';
import { seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe, transcriptionStart } from '../support/runMavi';

// 30 Transcription → Start items against the simulator's real 1 s
// per-endpoint limit. Slow by design (about 30 s each).
jest.setTimeout(120_000);

const ITEMS = 30;
const START_ENDPOINT = 'POST /transcriptions/async-generate-audio';

async function startBatch(mavi: Mavi, assetId: string) {
	const inputItems = Array.from({ length: ITEMS }, (_, index) => ({ json: { index, assetId } }));
	const startedAt = Date.now();
	const result = await runTranscribe(transcriptionStart('={{ $json.assetId }}'), mavi.credentials, {
		inputItems,
	});
	return { result, wallMs: Date.now() - startedAt };
}

describe('30-item Start batch at 1 request per second', () => {
	let mavi: Mavi;

	afterEach(async () => {
		await mavi?.stop();
	});

	it('succeeds 30/30 with 0 rejections in at most 33 s', async () => {
		mavi = await startMavi({ rateLimitMs: 1000, assetReadyMs: 50 });
		const assetId = await seedAsset(mavi);
		const rejectedBefore = mavi.sim.stats().rateLimited;

		const { result, wallMs } = await startBatch(mavi, assetId);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(ITEMS);
		expect(result.items.every((item) => typeof item.json.task_id === 'string')).toBe(true);
		expect(result.pairedItems).toEqual(Array.from({ length: ITEMS }, (_, item) => ({ item })));
		const stats = mavi.sim.stats();
		expect(stats.rateLimited - rejectedBefore).toBe(0);
		expect(stats.accepted[START_ENDPOINT]).toBe(ITEMS);
		expect(wallMs).toBeLessThanOrEqual(33_000);
	});

	it('with 30 % faults Mavi did not process (429, ambiguous 400, 503) still succeeds 30/30, each task once', async () => {
		mavi = await startMavi({ rateLimitMs: 1000, assetReadyMs: 50 });
		const assetId = await seedAsset(mavi);
		mavi.sim.configure({ faults: { rate: 0.3, kinds: ['429', '400', '503'] }, seed: 42 });

		const { result } = await startBatch(mavi, assetId);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(ITEMS);
		const stats = mavi.sim.stats();
		const injected = Object.values(stats.faultsInjected).reduce((sum, n) => sum + n, 0);
		expect(injected).toBeGreaterThan(0);
		expect(stats.rateLimited).toBe(0);
		const taskIds = result.items.map((item) => item.json.task_id);
		const recorded = stats.tasks.filter((task) => task.kind === 'audio');
		expect(recorded).toHaveLength(ITEMS);
		expect(new Set(recorded.map((task) => task.task_id))).toEqual(new Set(taskIds));
	});
});
