import { MultipartBody } from '../../nodes/Mavi/transport/multipart';
import { makeWav, startRawServer, TEST_KEY } from '../support/maviSim';
import { runTranscribe } from '../support/runMavi';

// The simulator's own parser is the independent reader of what we encode.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseMultipart } = require('../../tools/mavi-simulator/multipart.js');

async function collect(body: MultipartBody): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

const file = (data: Buffer[], size = data.reduce((n, b) => n + b.length, 0)) => ({
	field: 'file',
	fileName: 'talk "final".wav',
	mimeType: 'audio/wav',
	size,
	open: async () => data,
});

describe('MultipartBody', () => {
	it('streams a body whose length is exactly its size, which a multipart parser reads back', async () => {
		const data = [Buffer.from('RIFF'), Buffer.alloc(70_000, 7), Buffer.from('\r\n--x')];
		const body = new MultipartBody(file(data));
		const bytes = await collect(body);

		expect(bytes.length).toBe(body.size);
		expect(Object.prototype.toString.call(body)).toBe('[object Blob]');
		const [part] = parseMultipart(bytes, body.type);
		expect(part.name).toBe('file');
		expect(part.filename).toBe('talk %22final%22.wav');
		expect(part.contentType).toBe('audio/wav');
		expect(Buffer.compare(part.data, Buffer.concat(data))).toBe(0);
	});

	it('opens the file only when read, once per body', async () => {
		let opened = 0;
		const source = {
			...file([Buffer.from('abc')]),
			open: async () => {
				opened++;
				return [Buffer.from('abc')];
			},
		};
		const first = new MultipartBody(source);
		expect(opened).toBe(0);
		await collect(first);
		await collect(new MultipartBody(source));
		expect(opened).toBe(2);
	});

	it.each([
		['fewer', 10],
		['more', 2],
	])('fails, and says why, when the file has %s bytes than announced', async (comparison, size) => {
		const body = new MultipartBody(file([Buffer.from('abcd')], size));
		await expect(collect(body)).rejects.toThrow(comparison);
		expect(body.readError?.message).toMatch(new RegExp(`${comparison} bytes than the ${size}`));
	});

	it('hands axios the very chunks the file yields, through its iterator rather than a web stream', async () => {
		// axios reads a Blob's stream() if it has one: a web stream costs promises per chunk.
		const data = [Buffer.alloc(1024, 1), Buffer.alloc(2048, 2)];
		const body = new MultipartBody(file(data));
		const chunks: Uint8Array[] = [];
		for await (const chunk of body) chunks.push(chunk);

		expect('stream' in body).toBe(false);
		expect(chunks).toHaveLength(4);
		expect(chunks[1]).toBe(data[0]);
		expect(chunks[2]).toBe(data[1]);
	});
});

describe('the part header carries only a bare media type', () => {
	const INJECTED = 'audio/wav;\r\nX-Injected: yes';

	it('a line break in the type never reaches the header', async () => {
		const body = new MultipartBody({ ...file([Buffer.from('RIFF')]), mimeType: INJECTED });
		const [part] = parseMultipart(await collect(body), body.type);
		expect(body.head.toString()).not.toMatch(/[\r\n]X-Injected/i);
		expect(part.headers['x-injected']).toBeUndefined();
		expect(part.contentType).toBe('application/octet-stream');
	});

	it('Upload sends the checked type alone, whatever the binary claims', async () => {
		const bodies: Array<{ type: string; bytes: Buffer }> = [];
		const server = await startRawServer((request, bytes) => {
			bodies.push({ type: String(request.headers['content-type']), bytes });
			return { status: 200, body: { code: '0000', msg: 'success', data: { asset_id: 're_1' } } };
		});
		try {
			const result = await runTranscribe(
				{
					resource: 'asset',
					operation: 'upload',
					binaryPropertyName: 'data',
					options: { waitUntilReady: false },
				},
				{ apiKey: TEST_KEY, baseUrl: server.baseUrl },
				{
					inputItems: [
						{
							json: {},
							binary: { data: { data: makeWav(1), mimeType: INJECTED, fileName: 'a.wav' } },
						},
					],
				},
			);
			expect(result.thrownError).toBeUndefined();
			expect(bodies).toHaveLength(1);
			const [part] = parseMultipart(bodies[0].bytes, bodies[0].type);
			expect(part.headers['x-injected']).toBeUndefined();
			expect(part.contentType).toBe('audio/wav');
			expect(bodies[0].bytes.toString('latin1')).not.toMatch(/X-Injected/i);
		} finally {
			await server.stop();
		}
	});
});
