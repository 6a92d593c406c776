import type { INodeParameters } from 'n8n-workflow';

import { MaviApi } from '../../credentials/MaviApi.credentials';
import { testCredential } from '../support/credentialTester';
import type { RawServer } from '../support/maviSim';
import { makeWav, startRawServer, TEST_KEY } from '../support/maviSim';
import { everythingSaid, runTranscribe, transcriptionStart } from '../support/runMavi';

// No request of this package follows a redirect: n8n would send the API key and the body on to
// whatever origin the Location names. The other origin here must receive nothing.
jest.setTimeout(30_000);

let elsewhere: RawServer;
const seenElsewhere: Array<{ method?: string; authorization: unknown }> = [];

beforeAll(async () => {
	elsewhere = await startRawServer((request) => {
		seenElsewhere.push({ method: request.method, authorization: request.headers.authorization });
		return {
			status: 200,
			body: { code: '0000', msg: 'success', data: { task_id: 'f'.repeat(32) } },
		};
	});
});

afterAll(async () => {
	await elsewhere.stop();
});

const elsewhereOrigin = () => new URL(elsewhere.baseUrl).origin;

/** A Base URL that answers every request (or the ones `redirects` picks) with `status`. */
async function redirecting(status: number, redirects: (method?: string) => boolean = () => true) {
	return await startRawServer((request) =>
		redirects(request.method)
			? {
					status,
					body: '',
					headers: { location: `${elsewhere.baseUrl}${request.url ?? ''}?from=redirect` },
				}
			: { status: 400, body: { code: 400, msg: 'Request has exceeded the limit.' } },
	);
}

const operations: Array<[string, INodeParameters, object]> = [
	['Transcription → Start', transcriptionStart('re_1'), {}],
	['Asset → Get Status', { resource: 'asset', operation: 'getStatus', assetId: 're_1' }, {}],
	['Asset → Delete', { resource: 'asset', operation: 'delete', assetId: 're_1' }, {}],
	[
		'Asset → Upload',
		{ resource: 'asset', operation: 'upload', binaryPropertyName: 'data' },
		{
			inputItems: [
				{
					json: {},
					binary: { data: { data: makeWav(1), mimeType: 'audio/wav', fileName: 'a.wav' } },
				},
			],
		},
	],
];

describe.each([307, 302])('a Base URL answering %i', (status) => {
	it.each(operations)(
		'%s: not followed, the error names the other origin',
		async (_name, parameters, options) => {
			const base = await redirecting(status);
			seenElsewhere.length = 0;
			try {
				const result = await runTranscribe(
					parameters,
					{ apiKey: TEST_KEY, baseUrl: base.baseUrl },
					options,
				);
				expect(seenElsewhere).toEqual([]);
				expect(base.requests).toBe(1);
				expect(result.thrownError?.message).toContain(`redirected the request to`);
				expect(result.thrownError?.message).toContain(`to ${elsewhereOrigin()} (HTTP ${status})`);
				expect(result.thrownError?.message).not.toContain('from=redirect');
				expect(everythingSaid(result)).not.toContain(TEST_KEY);
			} finally {
				await base.stop();
			}
		},
	);
});

it('the asset check after an ambiguous 400 does not follow a redirect either', async () => {
	const base = await redirecting(307, (method) => method === 'GET');
	seenElsewhere.length = 0;
	try {
		await runTranscribe(transcriptionStart('re_1'), { apiKey: TEST_KEY, baseUrl: base.baseUrl });
		expect(seenElsewhere).toEqual([]);
	} finally {
		await base.stop();
	}
});

it('the credential test does not follow a redirect, and fails', async () => {
	const base = await redirecting(307);
	seenElsewhere.length = 0;
	try {
		const result = await testCredential(new MaviApi(), { apiKey: TEST_KEY, baseUrl: base.baseUrl });
		expect(seenElsewhere).toEqual([]);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/redirect/i);
	} finally {
		await base.stop();
	}
});
