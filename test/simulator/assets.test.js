'use strict';

const crypto = require('node:crypto');
const http = require('node:http');

const { KEY, startFastSimulator, steppedClock, api, wavForm, uploadWav, makeWav } = require(
	'./support',
);

describe('simulator: assets', () => {
	let sim;
	let clock;
	beforeAll(async () => {
		sim = await startFastSimulator({ assetReadyMs: 400 });
		clock = steppedClock(sim);
	});
	afterAll(() => sim.stop());

	const metadata = async (assetId) => {
		const response = await api(sim, 'GET', `/${assetId}/metadata`);
		return response.json.data.resource[0];
	};

	it('uploads a generated WAV as multipart field `file` and returns a re_ + 18 digit id', async () => {
		const wav = makeWav({ seconds: 3 });
		const response = await api(sim, 'POST', '/upload', { body: wavForm(wav, 'meeting.wav') });
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({ code: '0000', success: true, failed: false });
		const assetId = response.json.data.asset_id;
		expect(assetId).toMatch(/^re_\d{18}$/);
		const resource = await metadata(assetId);
		expect(resource).toMatchObject({
			asset_id: assetId,
			file_name: 'meeting.wav',
			mime_type: 'audio/wav',
			file_size: String(wav.length),
		});
	});

	it('moves WAITING -> UPLOADING -> SUCCESS over assetReadyMs, with string sizes and times', async () => {
		const before = sim.now();
		const assetId = await uploadWav(sim, { seconds: 1 });
		const seen = [(await metadata(assetId)).upload_status];
		clock.advance(150);
		seen.push((await metadata(assetId)).upload_status);
		clock.advance(300);
		const final = await metadata(assetId);
		seen.push(final.upload_status);
		expect(seen).toEqual(['WAITING', 'UPLOADING', 'SUCCESS']);
		for (const field of ['file_size', 'create_time', 'modify_time']) {
			expect(typeof final[field]).toBe('string');
			expect(final[field]).toMatch(/^\d+$/);
		}
		expect(Number(final.create_time)).toBeGreaterThanOrEqual(before);
		expect(Number(final.create_time)).toBeLessThanOrEqual(sim.now());
		expect(Number(final.modify_time)).toBeGreaterThan(Number(final.create_time));
	});

	it('ends FAILED for a file name containing failFilePattern', async () => {
		const assetId = await uploadWav(sim, { fileName: 'will-FAIL.wav' });
		clock.advance(450);
		expect((await metadata(assetId)).upload_status).toBe('FAILED');
	});

	it('answers 415 for a non-media type and 400 for a missing or empty file', async () => {
		const text = new FormData();
		text.append('file', new Blob(['hello'], { type: 'text/plain' }), 'notes.txt');
		const unsupported = await api(sim, 'POST', '/upload', { body: text });
		expect(unsupported.status).toBe(415);
		expect(unsupported.json).toMatchObject({ code: 415, data: null });

		const empty = await api(sim, 'POST', '/upload', { body: wavForm(Buffer.alloc(0)) });
		expect(empty.status).toBe(400);
		const wrongField = new FormData();
		wrongField.append('media', new Blob([makeWav()], { type: 'audio/wav' }), 'a.wav');
		expect((await api(sim, 'POST', '/upload', { body: wrongField })).status).toBe(400);
		expect((await api(sim, 'POST', '/upload', { json: { file: 'x' } })).status).toBe(400);
		expect(sim.stats().assets.every((asset) => asset.file_name !== 'notes.txt')).toBe(true);
	});

	it('guesses the type from the extension when the client sends application/octet-stream', async () => {
		const form = wavForm(makeWav(), 'clip.mp4', 'application/octet-stream');
		const response = await api(sim, 'POST', '/upload', { body: form });
		expect((await metadata(response.json.data.asset_id)).mime_type).toBe('video/mp4');
	});

	it('validates asset ids: empty -> asset_id cannot be null or empty, unknown -> Asset not found', async () => {
		const empty = await api(sim, 'GET', '//metadata');
		expect(empty.json).toEqual({ code: 400, msg: 'asset_id cannot be null or empty', data: null });
		expect((await api(sim, 'DELETE', '/re_123')).json.msg).toBe('Asset not found');
	});

	it('downloads the original bytes once ready, then deletes the asset', async () => {
		const wav = makeWav({ seconds: 0.5, frequency: 220 });
		const upload = await api(sim, 'POST', '/upload', { body: wavForm(wav, 'dl.wav') });
		const assetId = upload.json.data.asset_id;
		expect((await api(sim, 'GET', `/${assetId}/download`)).json.msg).toBe(
			'Request has exceeded the limit.',
		);
		clock.advance(420);
		const response = await fetch(`${sim.baseUrl}/${assetId}/download`, {
			headers: { authorization: KEY },
		});
		expect(response.headers.get('content-type')).toBe('audio/wav');
		expect(Buffer.from(await response.arrayBuffer()).equals(wav)).toBe(true);

		const deleted = await api(sim, 'DELETE', `/${assetId}`);
		expect(deleted.status).toBe(200);
		expect(deleted.json).toMatchObject({ success: true, data: null });
		expect((await api(sim, 'GET', `/${assetId}/metadata`)).json.msg).toBe('Asset not found');
	});

	it('supports the signed-url upload for large files', async () => {
		const response = await api(sim, 'POST', '/upload/signed-url', {
			json: { original_filename: 'big.mp3' },
		});
		expect(response.status).toBe(200);
		const { asset_id: assetId, signed_url: signedUrl, expires_in: expiresIn } = response.json.data;
		expect(expiresIn).toBeGreaterThan(0);
		expect((await metadata(assetId)).upload_status).toBe('WAITING');
		const bytes = Buffer.alloc(32000, 7);
		const put = await fetch(signedUrl, { method: 'PUT', body: bytes });
		expect(put.status).toBe(200);
		const forged = await fetch(signedUrl.replace(/signature=\w+/, 'signature=deadbeef'), {
			method: 'PUT',
			body: bytes,
		});
		expect(forged.status).toBe(403);
		clock.advance(420);
		expect(await metadata(assetId)).toMatchObject({
			upload_status: 'SUCCESS',
			mime_type: 'audio/mpeg',
			file_size: '32000',
		});
	});

	describe('streamed uploads (hashed and counted as they arrive)', () => {
		const { buildMultipart } = require('../../tools/mavi-simulator/multipart.js');

		/** Sends a multipart body in chunks of `chunkSize` bytes, like a client streaming a file. */
		function sendInChunks(body, contentType, chunkSize) {
			return new Promise((resolve, reject) => {
				const req = http.request(`${sim.baseUrl}/upload`, {
					method: 'POST',
					headers: {
						authorization: KEY,
						'content-type': contentType,
						'content-length': body.length,
					},
				});
				req.on('response', (res) => {
					let text = '';
					res.on('data', (chunk) => (text += chunk));
					res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(text) }));
				});
				req.on('error', reject);
				for (let at = 0; at < body.length; at += chunkSize)
					req.write(body.subarray(at, at + chunkSize));
				req.end();
			});
		}

		it.each([1, 7, 65536])(
			'reads a file sent in %i-byte chunks: the exact size and sha256',
			async (chunkSize) => {
				const data = Buffer.concat([
					makeWav({ seconds: 1 }),
					Buffer.from('\r\n--not-the-boundary\r\n'),
				]);
				const { body, contentType } = buildMultipart([
					{ name: 'file', filename: `chunks-${chunkSize}.wav`, contentType: 'audio/wav', data },
				]);
				const response = await sendInChunks(body, contentType, chunkSize);
				expect(response.status).toBe(200);
				const asset = sim.stats().assets.find((a) => a.asset_id === response.json.data.asset_id);
				expect(asset.file_size).toBe(data.length);
				expect(asset.sha256).toBe(crypto.createHash('sha256').update(data).digest('hex'));
			},
		);

		it('keeps a file bigger than 16 MiB only as size and hash (download says so)', async () => {
			const data = Buffer.alloc(17 << 20, 1);
			const { body, contentType } = buildMultipart([
				{ name: 'file', filename: 'big.wav', contentType: 'audio/wav', data },
			]);
			const response = await sendInChunks(body, contentType, 1 << 20);
			const assetId = response.json.data.asset_id;
			expect((await metadata(assetId)).file_size).toBe(String(data.length));
			clock.advance(450);
			const download = await api(sim, 'GET', `/${assetId}/download`);
			expect(download.status).toBe(501);
		});

		it('answers 400 for a body cut short', async () => {
			const { body, contentType } = buildMultipart([
				{
					name: 'file',
					filename: 'cut.wav',
					contentType: 'audio/wav',
					data: makeWav({ seconds: 1 }),
				},
			]);
			const response = await sendInChunks(body.subarray(0, body.length - 30), contentType, 4096);
			expect(response.status).toBe(400);
			expect(response.json.msg).toMatch(/truncated/);
		});
	});
});
