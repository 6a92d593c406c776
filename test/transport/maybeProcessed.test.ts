import { sleep } from 'n8n-workflow';

import type { Mavi } from '../support/maviSim';
import { seedAsset, startMavi, startRawServer, TEST_KEY } from '../support/maviSim';
import { runTranscribe, transcriptionStart } from '../support/runMavi';

// Answers after which Mavi may have done (and billed) the work: a creating request is not
// resent, and the error says what may have happened.
jest.setTimeout(30_000);

const START = 'POST /transcriptions/async-generate-audio';
let mavi: Mavi;
let assetId: string;

beforeAll(async () => {
	mavi = await startMavi({ rateLimitMs: 200, assetReadyMs: 50 });
	assetId = await seedAsset(mavi);
});

afterAll(async () => {
	await mavi.stop();
});

/** Resolves once `condition` holds: the test moves on the server's state, not on a clock. */
async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await sleep(5);
}

it("a gateway's 503 (not Mavi's JSON) to Start: sent once, and the item says Mavi may have started it", async () => {
	const gateway = await startRawServer(() => ({
		status: 503,
		body: '<html><body>503 Service Temporarily Unavailable</body></html>',
	}));
	try {
		const result = await runTranscribe(transcriptionStart('re_1'), {
			apiKey: TEST_KEY,
			baseUrl: gateway.baseUrl,
		});
		expect(gateway.requests).toBe(1);
		expect(result.thrownError?.message).toMatch(/Mavi may have started this transcription/);
		expect(result.thrownError?.description).toMatch(/answered HTTP 503/);
	} finally {
		await gateway.stop();
	}
});

it('a stop while Start is in flight says Mavi may have started the transcription', async () => {
	(mavi.sim as unknown as { clearCounters(): void }).clearCounters();
	// The task is created, then the answer is held far past the stop.
	mavi.sim.configure({ faults: { rate: 1, kinds: ['stall-after'], slowMs: 20_000, limit: 1 } });
	try {
		const created = until(() => mavi.sim.stats().tasks.length === 1);
		const result = await runTranscribe(transcriptionStart(assetId), mavi.credentials, {
			cancelWhen: created,
		});
		expect(mavi.sim.stats().byEndpoint[START]).toBe(1);
		expect(result.thrownError?.message).toBe(
			'The execution was cancelled while the request was in flight: Mavi may have started this transcription; if it did, the result still arrives at the Mavi Transcription Trigger',
		);
		expect(result.thrownError?.description).toMatch(/not sent again/);
	} finally {
		mavi.sim.configure({ faults: { rate: 0, kinds: ['429'], limit: null } });
	}
});

describe('a paid synchronous result the node cannot read says it was billed', () => {
	const sync = (data: unknown) =>
		startRawServer(() => ({ status: 200, body: { code: '0000', msg: 'success', data } }));
	const transcribeAndWait = {
		resource: 'transcription',
		operation: 'transcribeAndWait',
		assetId: 're_1',
		model: 'whisper-1',
		speaker: false,
		output: 'segments',
	};

	it.each([
		[
			'a result of another kind',
			{ model: 'pyannote', items: [{ speaker: 'A', start: 0, end: 1 }] },
		],
		['a result without items', { model: 'whisper-1', items: 'none' }],
	])('%s', async (_name, data) => {
		const server = await sync(data);
		try {
			const result = await runTranscribe(transcribeAndWait, {
				apiKey: TEST_KEY,
				baseUrl: server.baseUrl,
			});
			expect(server.requests).toBe(1);
			expect(result.thrownError?.message).toMatch(/unexpected response/);
			expect(result.thrownError?.description).toMatch(
				/Mavi transcribed this file and billed it, but this node could not read the result/,
			);
		} finally {
			await server.stop();
		}
	});
});
