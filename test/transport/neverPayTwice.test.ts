import type { INodeParameters } from 'n8n-workflow';

import { transportSettings } from '../../nodes/Mavi/transport';
import type { Mavi } from '../support/maviSim';
import { makeWav, seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe, transcriptionStart } from '../support/runMavi';

// A request that creates something is resent only when Mavi surely did not
// process it. The simulator does the work and then loses the answer ('-after' faults), so a
// resend would show up as a second task, asset or billed run.
jest.setTimeout(60_000);

const START = 'POST /transcriptions/async-generate-audio';
const saved = { ...transportSettings };
let mavi: Mavi;
let assetId: string;

beforeAll(async () => {
	mavi = await startMavi({ rateLimitMs: 200, assetReadyMs: 50 });
	assetId = await seedAsset(mavi);
	// 'drop-after' and '502-after' act once the work is done, so the client reacts to the
	// server, never to its clock; 'stall-after' never answers, so only the client's timeout ends
	// it, and that timeout leaves seconds to spare for the request to arrive whole.
	transportSettings.timeoutMs = 5000;
	transportSettings.longTimeoutMs = 5000;
});

afterAll(async () => {
	Object.assign(transportSettings, saved);
	await mavi.stop();
});

let assetsBefore: number;
beforeEach(() => {
	// Keeps the seeded asset; clears tasks, billed runs and request counters.
	(mavi.sim as unknown as { clearCounters(): void }).clearCounters();
	assetsBefore = mavi.sim.stats().assets.length;
});
const newAssets = () => mavi.sim.stats().assets.slice(assetsBefore);

/** The next `limit` requests get `kind`; the ones after that are clean. */
function faultNext(kind: string, limit = 1) {
	mavi.sim.configure({ faults: { rate: 1, kinds: [kind], limit } });
}

const requestsTo = (endpoint: string) => mavi.sim.stats().byEndpoint[endpoint] ?? 0;
const upload = (waitUntilReady = false): INodeParameters => ({
	resource: 'asset',
	operation: 'upload',
	binaryPropertyName: 'data',
	options: { waitUntilReady },
});
const wavItem = (fileName: string) => ({
	json: {},
	binary: { data: { data: makeWav(1), mimeType: 'audio/wav', fileName } },
});

describe.each(['drop-after', 'stall-after', '502-after'])('after-acceptance fault %s', (fault) => {
	it('Start is not resent: one task, and the item says the result may still arrive', async () => {
		faultNext(fault);
		const result = await runTranscribe(transcriptionStart(assetId), mavi.credentials);

		expect(result.thrownError?.message).toMatch(
			/Mavi may have started this transcription; if it did, the result still arrives at the Mavi Transcription Trigger/,
		);
		expect(result.thrownError?.context?.itemIndex).toBe(0);
		expect(requestsTo(START)).toBe(1);
		expect(mavi.sim.stats().tasks).toHaveLength(1);
		// The task Mavi started does deliver its result.
		await mavi.sim.waitForCallbacks(1, 5000);
	});

	it('Upload is not resent: one asset, and the item says one may have been created', async () => {
		faultNext(fault);
		const result = await runTranscribe(upload(), mavi.credentials, {
			inputItems: [wavItem(`lost-${fault}.wav`)],
			continueOnFail: true,
		});

		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toMatch(/an asset may have been created/);
		expect(requestsTo('POST /upload')).toBe(1);
		expect(newAssets()).toHaveLength(1);
	});

	it('Transcribe and Wait is not resent: billed once', async () => {
		faultNext(fault);
		const result = await runTranscribe(
			{ resource: 'transcription', operation: 'transcribeAndWait', assetId },
			mavi.credentials,
		);

		expect(result.thrownError?.message).toMatch(/may have transcribed this file/);
		expect(mavi.sim.stats().syncRuns).toHaveLength(1);
	});

	it('Speaker → Start is not resent: one task', async () => {
		faultNext(fault);
		const result = await runTranscribe(
			{ resource: 'speaker', operation: 'start', assetId },
			mavi.credentials,
		);

		expect(result.thrownError?.message).toMatch(/may have started this speaker diarization/);
		expect(mavi.sim.stats().tasks).toHaveLength(1);
	});

	it('Get Status keeps its retries and succeeds', async () => {
		faultNext(fault, 2);
		const result = await runTranscribe(
			{ resource: 'asset', operation: 'getStatus', assetId },
			mavi.credentials,
		);

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.upload_status).toBe('SUCCESS');
		expect(requestsTo('GET /:asset/metadata')).toBe(3);
	});
});

describe.each(['429', '400', '503'])('not-processed fault %s', (fault) => {
	it('Start is resent and succeeds with exactly one task', async () => {
		faultNext(fault, 2);
		const result = await runTranscribe(transcriptionStart(assetId), mavi.credentials);

		expect(result.error).toBeUndefined();
		// An ambiguous 400 costs one look at the asset's metadata, which may take a fault too.
		expect(requestsTo(START) + requestsTo('GET /:asset/metadata')).toBe(3);
		const { tasks } = mavi.sim.stats();
		expect(tasks).toHaveLength(1);
		expect(result.items[0].json.task_id).toBe(tasks[0].task_id);
	});

	it('Upload is resent and succeeds with exactly one asset', async () => {
		faultNext(fault, 2);
		const result = await runTranscribe(upload(), mavi.credentials, {
			inputItems: [wavItem(`retried-${fault}.wav`)],
		});

		expect(result.error).toBeUndefined();
		const assets = newAssets();
		expect(assets).toHaveLength(1);
		expect(result.items[0].json.asset_id).toBe(assets[0].asset_id);
	});
});

describe('faults before acceptance that look the same from outside', () => {
	it.each(['500', 'drop'])(
		'%s on Start: not resent either, since the node cannot tell; nothing created',
		async (fault) => {
			faultNext(fault);
			const result = await runTranscribe(transcriptionStart(assetId), mavi.credentials, {
				continueOnFail: true,
			});

			expect(result.items[0].json.error).toMatch(/may have started this transcription/);
			expect(requestsTo(START)).toBe(1);
			expect(mavi.sim.stats().tasks).toHaveLength(0);
		},
	);

	it('a wrong host fails at once as "not processed", with no resend', async () => {
		const result = await runTranscribe(transcriptionStart(assetId), {
			...mavi.credentials,
			baseUrl: 'http://127.0.0.1:1/serve/api/v2',
		});
		expect(result.thrownError?.message).toBe('Could not connect to Mavi');
	});
});
