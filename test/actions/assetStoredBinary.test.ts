import { createHash } from 'crypto';

import type { BinaryStore } from '../support/binaryStore';
import { startBinaryStore } from '../support/binaryStore';
import type { Mavi } from '../support/maviSim';
import { makeWav, startMavi } from '../support/maviSim';
import { runTranscribe } from '../support/runMavi';

// Upload of a binary that lives in n8n's binary store (filesystem mode, n8n 2.x's default): the
// node streams it with getBinaryStream, opening it afresh for every attempt.
jest.setTimeout(30_000);

let mavi: Mavi;
let binaries: BinaryStore;

beforeAll(async () => {
	mavi = await startMavi({ rateLimitMs: 200, assetReadyMs: 50 });
	binaries = await startBinaryStore();
});

afterAll(async () => {
	await mavi.stop();
	binaries.stop();
});

const stored = (data: Buffer, fileName: string) => binaries.store(data, { fileName });
const upload = {
	resource: 'asset',
	operation: 'upload',
	binaryPropertyName: 'data',
	options: { waitUntilReady: false },
};

it('streams the stored file, afresh after a refused attempt: Mavi gets exactly its bytes', async () => {
	const wav = makeWav(3);
	const binary = await stored(wav, 'stored.wav');
	expect(binary.id).toMatch(/^filesystem/);
	const opened = jest.spyOn(binaries.service, 'getAsStream');
	mavi.sim.configure({ faults: { rate: 1, kinds: ['429'], limit: 1 } });

	const result = await runTranscribe(upload, mavi.credentials, {
		inputItems: [{ json: {}, binary: { data: binary as never } }],
	});

	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ file_name: 'stored.wav', file_size: wav.length });
	const asset = mavi.sim.stats().assets.find((a) => a.asset_id === result.items[0].json.asset_id);
	expect(asset?.file_size).toBe(wav.length);
	expect((asset as { sha256?: string })?.sha256).toBe(
		createHash('sha256').update(wav).digest('hex'),
	);
	expect(opened).toHaveBeenCalledTimes(2);
	opened.mockRestore();
});

it('reads the stored file in 1 MiB chunks, not the store\'s 64 KiB default (16 times fewer)', async () => {
	const wav = makeWav(200); // 3.2 MB
	const binary = await stored(wav, 'long.wav');
	const read = jest.spyOn(binaries.service, 'getAsStream');

	const result = await runTranscribe(upload, mavi.credentials, {
		inputItems: [{ json: {}, binary: { data: binary as never } }],
	});

	expect(result.error).toBeUndefined();
	expect(read).toHaveBeenCalledTimes(1);
	const stream = (await read.mock.results[0].value) as { readableHighWaterMark: number };
	expect(stream.readableHighWaterMark).toBe(1024 * 1024);
	read.mockRestore();
});

it('refuses a stored zero-byte file before any request', async () => {
	const binary = await stored(Buffer.alloc(0), 'empty.wav');
	const before = mavi.sim.stats().requests;

	const result = await runTranscribe(upload, mavi.credentials, {
		inputItems: [{ json: {}, binary: { data: binary as never } }],
	});

	expect(result.error?.message).toMatch(/"Input Binary Field".*empty \(0 bytes\)/);
	expect(mavi.sim.stats().requests).toBe(before);
});
