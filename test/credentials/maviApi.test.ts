import { MaviApi } from '../../credentials/MaviApi.credentials';
import { testCredential } from '../support/credentialTester';
import type { Mavi } from '../support/maviSim';
import { OTHER_KEYS, startMavi, TEST_KEY } from '../support/maviSim';

jest.setTimeout(30_000);

const { banned: BANNED_KEY, outOfCredits: BROKE_KEY, wrong: WRONG_KEY } = OTHER_KEYS;

let mavi: Mavi;

beforeAll(async () => {
	mavi = await startMavi({ rateLimit: false, keyStatus: { [BANNED_KEY]: 403, [BROKE_KEY]: 402 } });
});

afterAll(async () => {
	await mavi.stop();
});

describe('MaviApi credential', () => {
	const credential = new MaviApi();

	it('declares the shared contract', () => {
		expect(credential.name).toBe('maviApi');
		expect(credential.displayName).toBe('Mavi API');
		expect(credential.properties.map((property) => property.name)).toEqual([
			'apiKey',
			'baseUrl',
			'webhookToken',
		]);
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(byName.apiKey.typeOptions?.password).toBe(true);
		expect(byName.webhookToken.typeOptions?.password).toBe(true);
		expect(byName.webhookToken.displayName).toBe('Webhook Token');
		expect(byName.baseUrl.default).toBe('https://mavi-backend.memories.ai/serve/api/v2');
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '={{$credentials.apiKey.trim()}}' } },
		});
	});

	// The test GETs /re_0/metadata, an asset that does not exist: 400 means the key was accepted.
	it('passes for a valid key (the simulator answers 400 Asset not found)', async () => {
		const before = mavi.sim.stats().byEndpoint['GET /:asset/metadata'] ?? 0;
		const result = await testCredential(credential, mavi.credentials);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(mavi.sim.stats().byEndpoint['GET /:asset/metadata']).toBe(before + 1);
	});

	it('passes for a valid key with surrounding whitespace', async () => {
		const result = await testCredential(credential, {
			apiKey: `\t${TEST_KEY} \n`,
			baseUrl: `${mavi.sim.baseUrl}/`,
		});
		expect(result.status).toBe('OK');
	});

	it('passes for a key that is valid but out of credits (402)', async () => {
		const result = await testCredential(credential, { ...mavi.credentials, apiKey: BROKE_KEY });
		expect(result.status).toBe('OK');
	});

	it('fails for a wrong key (401) without echoing it', async () => {
		const result = await testCredential(credential, { ...mavi.credentials, apiKey: WRONG_KEY });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/API key/);
		expect(result.message).not.toContain(WRONG_KEY);
	});

	it('fails for a disabled account or blocked IP (403)', async () => {
		const result = await testCredential(credential, { ...mavi.credentials, apiKey: BANNED_KEY });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/403/) });
	});
});
