import { MultipartBody } from '../../nodes/Mavi/transport/multipart';

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
