import type { Mavi } from '../support/maviSim';
import { makeWav, seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe } from '../support/runMavi';

jest.setTimeout(30_000);

let mavi: Mavi;

beforeAll(async () => {
	mavi = await startMavi();
});

afterAll(async () => {
	await mavi.stop();
});

const upload = { resource: 'asset', operation: 'upload', binaryPropertyName: 'data' };

function wavItem(fileName: string) {
	return { json: {}, binary: { data: { data: makeWav(1), mimeType: 'audio/wav', fileName } } };
}

describe('Asset operations against the simulator', () => {
	it('uploads a generated WAV as multipart "file" and waits until it is ready', async () => {
		const wav = makeWav(4);
		const result = await runTranscribe(
			{
				resource: 'asset',
				operation: 'upload',
				binaryPropertyName: 'data',
				options: { pollInterval: 1, timeout: 30 },
			},
			mavi.credentials,
			{
				inputItems: [
					{
						json: {},
						binary: { data: { data: wav, mimeType: 'audio/wav', fileName: 'hello.wav' } },
					},
				],
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const output = result.items[0].json;
		expect(output).toEqual({
			asset_id: expect.stringMatching(/^re_\d+$/),
			upload_status: 'SUCCESS',
			file_name: 'hello.wav',
			mime_type: 'audio/wav',
			file_size: wav.length,
		});
		expect(result.pairedItems).toEqual([{ item: 0 }]);
		const stored = mavi.sim.stats().assets as Array<{ asset_id: string; file_size: unknown }>;
		const asset = stored.find((candidate) => candidate.asset_id === output.asset_id);
		expect(Number(asset?.file_size)).toBe(wav.length);
	});

	it('reports an asset that Mavi failed to process as a clear error', async () => {
		const result = await runTranscribe(
			{ ...upload, options: { pollInterval: 1, timeout: 30 } },
			mavi.credentials,
			{ inputItems: [wavItem('fail-me.wav')], continueOnFail: true },
		);
		expect(result.items[0].json.error).toMatch(/could not process the uploaded file.*FAILED/);
		expect(result.pairedItems).toEqual([{ item: 0 }]);
		// The asset exists: its ID is in the error item, to route it to Get Status or Delete.
		const failed = mavi.sim.stats().assets.find((asset) => asset.file_name === 'fail-me.wav');
		expect(result.items[0].json.asset_id).toBe(failed?.asset_id);
		expect(result.items[0].json.error).toContain(failed?.asset_id);
	});

	it('gives up waiting after the timeout with a hint', async () => {
		mavi.sim.configure({ assetReadyMs: 10_000 });
		try {
			const result = await runTranscribe(
				{ ...upload, options: { pollInterval: 1, timeout: 1 } },
				mavi.credentials,
				{ inputItems: [wavItem('slow.wav')] },
			);
			expect(result.thrownError?.message).toMatch(
				/was not ready after 1 seconds \(status (WAITING|UPLOADING)\)/,
			);
			expect(result.thrownError?.description).toMatch(/Timeout/);
			const slow = mavi.sim.stats().assets.find((asset) => asset.file_name === 'slow.wav');
			expect(result.thrownError?.message).toContain(slow?.asset_id);
			expect(result.thrownError?.description).toContain(`Asset ID: ${slow?.asset_id}`);
		} finally {
			mavi.sim.configure({ assetReadyMs: 300 });
		}
	});

	it('can skip waiting', async () => {
		const result = await runTranscribe(
			{ ...upload, options: { waitUntilReady: false } },
			mavi.credentials,
			{ inputItems: [wavItem('nowait.wav')] },
		);
		expect(result.items[0].json).toMatchObject({
			asset_id: expect.stringMatching(/^re_\d+$/),
			upload_status: null,
			file_name: 'nowait.wav',
		});
	});

	it('gets the status of an asset, with numbers parsed from strings', async () => {
		const assetId = await seedAsset(mavi, { fileName: 'status.wav' });
		const result = await runTranscribe(
			{ resource: 'asset', operation: 'getStatus', assetId: `  ${assetId} ` },
			mavi.credentials,
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			asset_id: assetId,
			upload_status: 'SUCCESS',
			file_name: 'status.wav',
			file_size: expect.any(Number),
			create_time: expect.any(Number),
		});
	});

	it('deletes an asset', async () => {
		const assetId = await seedAsset(mavi, { fileName: 'delete-me.wav' });
		const result = await runTranscribe(
			{ resource: 'asset', operation: 'delete', assetId },
			mavi.credentials,
		);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ asset_id: assetId, deleted: true });
		const assets = mavi.sim.stats().assets as Array<{ asset_id: string; deleted?: boolean }>;
		expect(assets.find((asset) => asset.asset_id === assetId)?.deleted).toBe(true);
	});

	it('a delete whose answer was lost, and whose retry finds no such asset, has succeeded', async () => {
		const assetId = await seedAsset(mavi, { fileName: 'delete-lost.wav' });
		const deletes = () => mavi.sim.stats().byEndpoint['DELETE /:asset'] ?? 0;
		const before = deletes();
		// The first DELETE does its work, then its connection drops; the retry is clean.
		mavi.sim.configure({ faults: { rate: 1, kinds: ['drop-after'], limit: 1 } });
		try {
			const result = await runTranscribe(
				{ resource: 'asset', operation: 'delete', assetId },
				mavi.credentials,
			);
			expect(deletes() - before).toBe(2);
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toEqual({
				asset_id: assetId,
				deleted: true,
				note: expect.stringMatching(/answer to the delete request was lost/),
			});
		} finally {
			mavi.sim.configure({ faults: { rate: 0, kinds: ['429'], limit: null } });
		}
	});

	it('deleting an asset that does not exist still fails', async () => {
		const result = await runTranscribe(
			{ resource: 'asset', operation: 'delete', assetId: 're_404404' },
			mavi.credentials,
		);
		expect(result.thrownError?.message).toMatch(/Asset not found/);
		expect(result.items).toHaveLength(0);
	});
});
