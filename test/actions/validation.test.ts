import { NodeOperationError } from 'n8n-workflow';

import type { Mavi } from '../support/maviSim';
import { makeWav, startMavi, TEST_KEY } from '../support/maviSim';
import { everythingSaid, runTranscribe, transcriptionStart } from '../support/runMavi';

jest.setTimeout(30_000);

// Input validation: every case fails before any request reaches the simulator.
let mavi: Mavi;

beforeAll(async () => {
	mavi = await startMavi();
});

afterAll(async () => {
	await mavi.stop();
});

function requestCount(): number {
	return mavi.sim.stats().requests;
}

describe('Validation before any request', () => {
	it.each([
		['abc', 'abc', 'x'],
		['whitespace only', '   ', 'x'],
		['an expression producing an invalid id', '={{ $json.id }}', 'asset-42'],
		['an expression producing an empty string', '={{ $json.id }}', ''],
	])(
		'rejects the asset ID "%s" naming the field, with 0 requests sent',
		async (_label, assetId, id) => {
			const before = requestCount();
			const result = await runTranscribe(transcriptionStart(assetId), mavi.credentials, {
				inputItems: [{ json: { id } }],
			});
			expect(result.thrownError).toBeInstanceOf(NodeOperationError);
			expect(result.thrownError?.message).toContain('"Asset ID"');
			expect(result.thrownError?.context?.itemIndex).toBe(0);
			expect(result.error?.message).toContain('"Asset ID"');
			expect(requestCount()).toBe(before);
		},
	);

	it('a literally empty asset ID is stopped by n8n itself, naming the field', async () => {
		const before = requestCount();
		const result = await runTranscribe(
			{ resource: 'asset', operation: 'delete', assetId: '' },
			mavi.credentials,
		);
		expect(result.error?.message).toMatch(/issues/);
		expect(
			String((result.error as { description?: unknown })?.description ?? '') +
				JSON.stringify(result.error),
		).toContain('Asset ID');
		expect(requestCount()).toBe(before);
	});

	it('turns invalid items into {error} items under continueOnFail and goes on', async () => {
		const before = requestCount();
		const result = await runTranscribe(
			{ resource: 'asset', operation: 'getStatus', assetId: '={{ $json.id }}' },
			mavi.credentials,
			{
				continueOnFail: true,
				inputItems: [{ json: { id: 'abc' } }, { json: { id: '' } }, { json: { id: 're_x1' } }],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		for (const item of result.items) expect(item.json.error).toMatch(/"Asset ID"/);
		expect(result.pairedItems).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(requestCount()).toBe(before);
	});

	const upload = {
		resource: 'asset',
		operation: 'upload',
		binaryPropertyName: 'data',
		options: {},
	};

	it('rejects a missing binary property, naming the field', async () => {
		const result = await runTranscribe(upload, mavi.credentials, {
			inputItems: [{ json: {}, binary: { other: { data: makeWav(1), mimeType: 'audio/wav' } } }],
		});
		expect(result.thrownError).toBeInstanceOf(NodeOperationError);
		expect(result.thrownError?.message).toContain('"Input Binary Field" "data"');
		expect(result.thrownError?.description).toContain('other');
	});

	it('rejects a zero-byte file', async () => {
		const result = await runTranscribe(upload, mavi.credentials, {
			inputItems: [
				{
					json: {},
					binary: { data: { data: Buffer.alloc(0), mimeType: 'audio/wav', fileName: 'x.wav' } },
				},
			],
		});
		expect(result.error?.message).toMatch(/"Input Binary Field".*empty \(0 bytes\)/);
	});

	it('rejects an unsupported MIME type', async () => {
		const result = await runTranscribe(upload, mavi.credentials, {
			inputItems: [
				{
					json: {},
					binary: { data: { data: Buffer.from('hi'), mimeType: 'text/plain', fileName: 'a.txt' } },
				},
			],
		});
		expect(result.error?.message).toMatch(/"Input Binary Field".*text\/plain/);
	});

	it.each([
		['a trailing slash', (url: string) => `${url}/`, /must not end with a slash/],
		['a non-http scheme', (url: string) => url.replace('http:', 'ftp:'), /http:\/\/ or https:\/\//],
		['no URL at all', () => 'mavi backend', /not a valid URL/],
	])('rejects a Base URL with %s, naming the field', async (_label, change, pattern) => {
		const before = requestCount();
		const result = await runTranscribe(
			{ resource: 'asset', operation: 'getStatus', assetId: 're_1' },
			{ apiKey: TEST_KEY, baseUrl: change(mavi.sim.baseUrl) },
			{ continueOnFail: true },
		);
		expect(result.items[0].json.error).toMatch(/"Base URL"/);
		expect(result.items[0].json.error).toMatch(pattern);
		expect(requestCount()).toBe(before);
		expect(everythingSaid(result)).not.toContain(TEST_KEY);
	});

	it('ignores spaces around the API key', async () => {
		const result = await runTranscribe(
			{ resource: 'asset', operation: 'getStatus', assetId: 're_1' },
			{ apiKey: `  ${TEST_KEY}\n`, baseUrl: mavi.sim.baseUrl },
			{ continueOnFail: true },
		);
		// Accepted key: the unknown asset is reported, not a 401.
		expect(result.items[0].json.error).toMatch(/Asset not found/);
	});
});

// Identify Speakers doubles the price: only a real boolean may switch it, never the text "false".
describe('Identify Speakers accepts only a boolean', () => {
	it.each([
		['start', '={{ "false" }}', 'the text "false"'],
		['transcribeAndWait', '={{ $json.flag }}', 'the text "no"'],
		['start', '={{ 1 }}', 'number'],
	])(
		'%s with %s is refused naming the field, 0 requests sent',
		async (operation, speaker, shown) => {
			const before = mavi.sim.stats().requests;
			const result = await runTranscribe(
				{ ...transcriptionStart('re_123', false), operation, speaker, output: 'segments' },
				mavi.credentials,
				{ inputItems: [{ json: { flag: 'no' } }] },
			);
			expect(result.thrownError).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toBe(
				`The "Identify Speakers" field must be true or false, got ${shown}`,
			);
			expect(result.thrownError?.context?.itemIndex).toBe(0);
			expect(mavi.sim.stats().requests).toBe(before);
		},
	);

	it('a boolean expression is accepted', async () => {
		const result = await runTranscribe(
			{ ...transcriptionStart('re_123', false), speaker: '={{ $json.flag === "yes" }}' },
			mavi.credentials,
			{ inputItems: [{ json: { flag: 'no' } }] },
		);
		// The request went out (the simulator does not know re_123): the flag itself passed.
		expect(result.error?.message ?? '').not.toContain('Identify Speakers');
		expect(mavi.sim.stats().requests).toBeGreaterThan(0);
	});
});
