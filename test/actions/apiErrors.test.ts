import { NodeApiError } from 'n8n-workflow';

import type { Mavi } from '../support/maviSim';
import { OTHER_KEYS, seedAsset, startMavi, startRawServer, TEST_KEY } from '../support/maviSim';
import { everythingSaid, runTranscribe, transcriptionStart } from '../support/runMavi';

jest.setTimeout(30_000);

// Recognisable keys: none of them may show up anywhere in a result or error.
const { wrong: WRONG_KEY, outOfCredits: BROKE_KEY, banned: BANNED_KEY } = OTHER_KEYS;

let mavi: Mavi;
let assetId: string;

beforeAll(async () => {
	mavi = await startMavi({ keyStatus: { [BROKE_KEY]: 402, [BANNED_KEY]: 403 } });
	assetId = await seedAsset(mavi);
});

afterAll(async () => {
	await mavi.stop();
});

const getStatus = () => ({ resource: 'asset', operation: 'getStatus', assetId });

function expectNoSecrets(text: string) {
	for (const key of [TEST_KEY, WRONG_KEY, BROKE_KEY, BANNED_KEY]) expect(text).not.toContain(key);
}

describe('API errors become clear NodeApiErrors without secrets', () => {
	it('a wrong key: 401 mentions the API key and never contains it', async () => {
		const result = await runTranscribe(getStatus(), {
			apiKey: WRONG_KEY,
			baseUrl: mavi.sim.baseUrl,
		});
		expect(result.thrownError).toBeInstanceOf(NodeApiError);
		expect(result.thrownError?.message).toMatch(/API key/);
		expect(result.thrownError?.httpCode).toBe('401');
		expect(result.thrownError?.context?.itemIndex).toBe(0);
		expectNoSecrets(everythingSaid(result));
		expectNoSecrets(
			JSON.stringify(result.thrownError, Object.getOwnPropertyNames(result.thrownError)),
		);
	});

	it('402 says the account is out of credits', async () => {
		const result = await runTranscribe(getStatus(), {
			apiKey: BROKE_KEY,
			baseUrl: mavi.sim.baseUrl,
		});
		expect(result.thrownError?.message).toMatch(/out of credits/);
		expectNoSecrets(everythingSaid(result));
	});

	it('403 says the account is disabled or the IP is not allowed', async () => {
		const result = await runTranscribe(getStatus(), {
			apiKey: BANNED_KEY,
			baseUrl: mavi.sim.baseUrl,
		});
		expect(result.thrownError?.message).toMatch(
			/account is disabled or this IP address is not allowed/,
		);
		expectNoSecrets(everythingSaid(result));
	});

	it('a missing webhook tells the user where to paste the trigger URL', async () => {
		mavi.sim.setWebhookUrl(null);
		try {
			const result = await runTranscribe(transcriptionStart(assetId), mavi.credentials);
			expect(result.thrownError).toBeInstanceOf(NodeApiError);
			expect(result.thrownError?.message).toMatch(/no webhook/);
			expect(result.thrownError?.description).toMatch(/Mavi Transcription Trigger/);
			expect(result.thrownError?.description).toMatch(/Production URL/);
			expect(result.thrownError?.description).toMatch(/Webhooks Settings/);
		} finally {
			mavi.sim.setWebhookUrl(mavi.sink.url);
		}
	});

	it('the ambiguous 400 on an unknown asset: one look at its metadata, then that reason', async () => {
		const endpoint = 'POST /transcriptions/sync-generate-speaker';
		const count = (name: string) => mavi.sim.stats().byEndpoint[name] ?? 0;
		const before = [count(endpoint), count('GET /:asset/metadata')];
		const result = await runTranscribe(
			{ resource: 'speaker', operation: 'diarizeAndWait', assetId: 're_999', output: 'segments' },
			mavi.credentials,
		);
		expect([count(endpoint), count('GET /:asset/metadata')]).toEqual([
			before[0] + 1,
			before[1] + 1,
		]);
		expect(result.thrownError?.message).toMatch(/Request has exceeded the limit\./);
		expect(result.thrownError?.message).toMatch(/re_999 does not exist/);
	});

	it('other 400s are not retried', async () => {
		const endpoint = 'GET /:asset/metadata';
		const before = mavi.sim.stats().requests;
		const result = await runTranscribe(
			{ resource: 'asset', operation: 'getStatus', assetId: 're_12345' },
			mavi.credentials,
		);
		expect(mavi.sim.stats().requests - before).toBe(1);
		expect(result.thrownError?.message).toMatch(/Asset not found/);
		expect(endpoint).toBeDefined();
	});

	it('continueOnFail keeps going after API failures, one {error} item per failed input', async () => {
		const result = await runTranscribe(
			{ resource: 'asset', operation: 'getStatus', assetId: '={{ $json.id }}' },
			mavi.credentials,
			{
				continueOnFail: true,
				inputItems: [
					{ json: { id: assetId } },
					{ json: { id: 're_404' } },
					{ json: { id: assetId } },
				],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => Object.keys(item.json).includes('error'))).toEqual([
			false,
			true,
			false,
		]);
		expect(result.items[1].json.error).toMatch(/Asset not found/);
		expect(result.pairedItems).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Malformed answers', () => {
	it('an unexpected response shape is a NodeApiError naming the field, not a TypeError', async () => {
		const server = await startRawServer(() => ({
			status: 200,
			body: { code: '0000', msg: 'success', data: { resource: [{ upload_status: 7 }] } },
		}));
		try {
			const result = await runTranscribe(getStatus(), {
				apiKey: TEST_KEY,
				baseUrl: server.baseUrl,
			});
			expect(result.thrownError).toBeInstanceOf(NodeApiError);
			expect(result.thrownError?.message).toContain('data.resource[0].upload_status');
		} finally {
			await server.stop();
		}
	});

	it('a server echoing the key in its error message does not leak it', async () => {
		const server = await startRawServer((request) => ({
			status: 400,
			body: { code: 400, msg: `bad header ${String(request.headers.authorization)}`, data: null },
		}));
		try {
			const result = await runTranscribe(getStatus(), {
				apiKey: TEST_KEY,
				baseUrl: server.baseUrl,
			});
			expect(result.thrownError?.message).toMatch(/bad header \[redacted\]/);
			expectNoSecrets(everythingSaid(result));
		} finally {
			await server.stop();
		}
	});

	it('a refused connection fails fast with a hint at the Base URL', async () => {
		const server = await startRawServer(() => ({ status: 200, body: {} }));
		const { baseUrl } = server;
		await server.stop();
		const result = await runTranscribe(getStatus(), { apiKey: TEST_KEY, baseUrl });
		expect(result.thrownError).toBeInstanceOf(NodeApiError);
		expect(result.thrownError?.message).toMatch(/Could not connect to Mavi/);
		expect(result.thrownError?.description).toMatch(/Base URL/);
		expectNoSecrets(everythingSaid(result));
		expectNoSecrets(
			JSON.stringify(result.thrownError, Object.getOwnPropertyNames(result.thrownError)),
		);
	});
});
