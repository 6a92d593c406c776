import type { INodeParameters } from 'n8n-workflow';

import { rememberedRuns } from '../../nodes/Mavi/transport/answerRecord';
import type { Mavi } from '../support/maviSim';
import { makeWav, seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe } from '../support/runMavi';

// n8n's "Retry On Fail" runs the node again with every input item, in n8n-core's own
// WorkflowExecute here: when it throws, and when its first item is an error item.
// A creating request must still reach Mavi once per item: a second task, asset or billed run
// in the simulator is money paid twice.
jest.setTimeout(60_000);

const START = 'POST /transcriptions/async-generate-audio';
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1 };
let mavi: Mavi;
let assetId: string;
let executions = 0;

beforeAll(async () => {
	mavi = await startMavi({ rateLimitMs: 50, assetReadyMs: 50 });
	assetId = await seedAsset(mavi);
});

afterAll(async () => {
	await mavi.stop();
});

let assetsBefore: number;
beforeEach(() => {
	(mavi.sim as unknown as { clearCounters(): void }).clearCounters();
	mavi.sim.configure({ faults: { rate: 0 } });
	assetsBefore = mavi.sim.stats().assets.length;
});
const newAssets = () => mavi.sim.stats().assets.slice(assetsBefore);
const requestsTo = (endpoint: string) => mavi.sim.stats().byEndpoint[endpoint] ?? 0;

/** The next request does the work and loses its answer behind a gateway's 502. */
function loseNextAnswer() {
	mavi.sim.configure({ faults: { rate: 1, kinds: ['502-after'], limit: 1 } });
}

/** One execution of the node with Retry On Fail (3 tries), under a fresh execution ID. */
async function runWithRetries(
	parameters: INodeParameters,
	options: Parameters<typeof runTranscribe>[2] = {},
) {
	executions++;
	return await runTranscribe(parameters, mavi.credentials, {
		settings: RETRY,
		executionId: `retry-${executions}`,
		...options,
	});
}

const startByItem: INodeParameters = {
	resource: 'transcription',
	operation: 'start',
	assetId: '={{ $json.assetId }}',
	model: 'whisper-1',
	speaker: false,
};
// Well-formed, so it passes the local checks; Mavi does not know it.
const UNKNOWN = 're_999999999';
const wavItem = (fileName: string) => ({
	json: {},
	binary: { data: { data: makeWav(1), mimeType: 'audio/wav', fileName } },
});

describe('Retry On Fail, On Error: Stop, an answer lost after Mavi did the work', () => {
	it('Start: one task, and every try ends with the "may have started" error', async () => {
		loseNextAnswer();
		const result = await runWithRetries(startByItem, { inputItems: [{ json: { assetId } }] });

		expect(requestsTo(START)).toBe(1);
		expect(mavi.sim.stats().tasks).toHaveLength(1);
		expect(result.thrownError?.constructor.name).toBe('NodeApiError');
		expect(result.thrownError?.message).toMatch(/Mavi may have started this transcription/);
		expect(result.thrownError?.context?.itemIndex).toBe(0);
	});

	it('Upload: one asset', async () => {
		loseNextAnswer();
		const result = await runWithRetries(
			{ resource: 'asset', operation: 'upload', binaryPropertyName: 'data' },
			{ inputItems: [wavItem('lost.wav')] },
		);

		expect(requestsTo('POST /upload')).toBe(1);
		expect(newAssets()).toHaveLength(1);
		expect(result.thrownError?.message).toMatch(/an asset may have been created/);
	});

	it('Transcribe and Wait: billed once', async () => {
		loseNextAnswer();
		const result = await runWithRetries({
			resource: 'transcription',
			operation: 'transcribeAndWait',
			assetId,
		});

		expect(mavi.sim.stats().syncRuns).toHaveLength(1);
		expect(result.thrownError?.message).toMatch(/may have transcribed this file/);
	});

	it('Diarize and Wait and Speaker → Start: billed once', async () => {
		for (const operation of ['diarizeAndWait', 'start']) {
			loseNextAnswer();
			await runWithRetries({ resource: 'speaker', operation, assetId });
		}
		expect(mavi.sim.stats().syncRuns).toHaveLength(1);
		expect(mavi.sim.stats().tasks).toHaveLength(1);
	});
});

describe('Retry On Fail with a batch whose last item Mavi turns away', () => {
	const items = () => [
		{ json: { assetId } },
		{ json: { assetId } },
		{ json: { assetId: UNKNOWN } },
	];

	it('On Error: Stop: two tasks, not six; only the turned-away request is sent again', async () => {
		const result = await runWithRetries(startByItem, { inputItems: items() });

		expect(mavi.sim.stats().tasks).toHaveLength(2);
		// Items 0 and 1 once; item 2, surely not processed, once per try.
		expect(requestsTo(START)).toBe(2 + 3);
		expect(result.thrownError?.context?.itemIndex).toBe(2);
	});

	it('On Error: Continue: two tasks, two success items and one error item', async () => {
		const result = await runWithRetries(startByItem, { inputItems: items(), continueOnFail: true });

		const { tasks } = mavi.sim.stats();
		expect(tasks).toHaveLength(2);
		expect(result.items.map((item) => item.json.task_id ?? 'error')).toEqual([
			tasks[0].task_id,
			tasks[1].task_id,
			'error',
		]);
	});

	it('On Error: Continue with the error item first (n8n runs the node again): still two tasks, same items', async () => {
		const result = await runWithRetries(startByItem, {
			inputItems: [{ json: { assetId: UNKNOWN } }, { json: { assetId } }, { json: { assetId } }],
			continueOnFail: true,
		});

		const { tasks } = mavi.sim.stats();
		expect(tasks).toHaveLength(2);
		expect(result.items.map((item) => item.json.task_id ?? item.json.error)).toEqual([
			expect.stringMatching(/Asset not found|rejected/),
			tasks[0].task_id,
			tasks[1].task_id,
		]);
		expect(result.pairedItems).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('Upload with Wait Until Ready, a file Mavi cannot process: one asset per item, error item keeps its asset_id', async () => {
		const result = await runWithRetries(
			{ resource: 'asset', operation: 'upload', binaryPropertyName: 'data' },
			{
				inputItems: [wavItem('fail-first.wav'), wavItem('ok-1.wav'), wavItem('ok-2.wav')],
				continueOnFail: true,
			},
		);

		const assets = newAssets();
		expect(assets).toHaveLength(3);
		expect(requestsTo('POST /upload')).toBe(3);
		expect(result.items.map((item) => item.json.asset_id)).toEqual(
			assets.map((asset) => asset.asset_id),
		);
		expect(result.items[0].json.error).toMatch(/status FAILED/);
	});
});

describe('what the record keeps, and for how long', () => {
	it('a second execution is a new request: each pays once', async () => {
		await runWithRetries(startByItem, { inputItems: [{ json: { assetId } }] });
		await runWithRetries(startByItem, { inputItems: [{ json: { assetId } }] });

		expect(mavi.sim.stats().tasks).toHaveLength(2);
	});

	it('is empty once no try can follow, and unused without Retry On Fail', async () => {
		loseNextAnswer();
		await runWithRetries(startByItem, { inputItems: [{ json: { assetId } }] });
		await runWithRetries(startByItem, { inputItems: [{ json: { assetId } }] });
		await runTranscribe(startByItem, mavi.credentials, { inputItems: [{ json: { assetId } }] });

		expect(rememberedRuns()).toBe(0);
	});
});
