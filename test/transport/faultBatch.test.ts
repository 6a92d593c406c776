import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { transportSettings } from '../../nodes/Mavi/transport';
import { HALF_AFTER_ACCEPTANCE, judgeStartBatch, judgeUploadBatch } from '../support/faultVerdicts';
import type { Mavi } from '../support/maviSim';
import { makeWav, startMavi } from '../support/maviSim';
import { runTranscribe, transcriptionStart } from '../support/runMavi';

// 30 % faults, half of them after acceptance (the work is done, the
// answer lost). No item may get a second task or asset. Slow by design: 1 request per second.
jest.setTimeout(240_000);

const saved = { ...transportSettings };
let mavi: Mavi;

beforeEach(async () => {
	mavi = await startMavi({ assetReadyMs: 50 });
	// Stalled answers never come, so they always time out; clean ones have seconds to spare.
	transportSettings.timeoutMs = 5000;
	transportSettings.longTimeoutMs = 5000;
});

afterEach(async () => {
	Object.assign(transportSettings, saved);
	await mavi.stop();
});

const faults = (seed: number) =>
	mavi.sim.configure({ faults: { rate: 0.3, kinds: HALF_AFTER_ACCEPTANCE }, seed });

/** Ready assets created inside the simulator, one per item, so tasks count per item. */
async function readyAssets(count: number): Promise<string[]> {
	type Create = (file: object, options: object) => { asset_id: string };
	const store = (mavi.sim as unknown as { assets: { create: Create } }).assets;
	const ids = Array.from({ length: count }, (_, i) =>
		String(
			store.create(
				{ fileName: `seed-${i}.wav`, mimeType: 'audio/wav', data: makeWav(1) },
				mavi.sim.options,
			).asset_id,
		),
	);
	await sleep(100);
	return ids;
}

it('50-item Start batch: no item gets more than one task; clean items all succeed', async () => {
	const assetIds = await readyAssets(50);
	faults(11);

	const result = await runTranscribe(transcriptionStart('={{ $json.assetId }}'), mavi.credentials, {
		inputItems: assetIds.map((assetId) => ({ json: { assetId } })),
		continueOnFail: true,
	});

	expect(result.error).toBeUndefined();
	const outputs = result.items.map((item) => item.json as IDataObject);
	const verdict = judgeStartBatch({ assetIds, outputs, stats: mavi.sim.stats() });
	expect(verdict.violations).toEqual([]);
	expect(verdict.maxPerItem).toBe(1);
	expect(verdict.onlyNotProcessedSucceeded).toBe(verdict.onlyNotProcessedItems);
	const injected = mavi.sim.stats().faultLog.map((entry) => entry.fault);
	expect(injected.some((fault) => fault.endsWith('-after'))).toBe(true);
	expect(injected.some((fault) => !fault.endsWith('-after'))).toBe(true);
	expect(verdict.allOk).toBe(true);
});

it('10-item Upload batch: no item gets more than one asset', async () => {
	faults(12);
	const fileNames = Array.from({ length: 10 }, (_, i) => `batch-${i}.wav`);

	const result = await runTranscribe(
		{
			resource: 'asset',
			operation: 'upload',
			binaryPropertyName: 'data',
			options: { waitUntilReady: true, pollInterval: 1, timeout: 60 },
		},
		mavi.credentials,
		{
			inputItems: fileNames.map((fileName, i) => ({
				json: {},
				binary: { data: { data: makeWav(1 + (i % 3)), mimeType: 'audio/wav', fileName } },
			})),
			continueOnFail: true,
		},
	);

	expect(result.error).toBeUndefined();
	const outputs = result.items.map((item) => item.json as IDataObject);
	const verdict = judgeUploadBatch({ fileNames, outputs, stats: mavi.sim.stats() });
	expect(verdict.violations).toEqual([]);
	expect(verdict.maxPerItem).toBeLessThanOrEqual(1);
	expect(verdict.allOk).toBe(true);
});
