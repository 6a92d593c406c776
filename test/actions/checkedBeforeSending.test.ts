import type { INodeParameters } from 'n8n-workflow';

import type { Mavi } from '../support/maviSim';
import { makeWav, seedAsset, startMavi } from '../support/maviSim';
import { runTranscribe } from '../support/runMavi';

// Every item's input is checked before the first request: one bad item must not cost the paid
// results of the items before it (On Error: Stop), and must not stop the others (Continue).
jest.setTimeout(30_000);

let mavi: Mavi;
let assetId: string;

beforeAll(async () => {
	mavi = await startMavi({ rateLimitMs: 50, assetReadyMs: 50 });
	assetId = await seedAsset(mavi);
});

afterAll(async () => {
	await mavi.stop();
});

let requestsBefore: number;
beforeEach(() => {
	(mavi.sim as unknown as { clearCounters(): void }).clearCounters();
	requestsBefore = mavi.sim.stats().requests;
});
const requestsSent = () => mavi.sim.stats().requests - requestsBefore;

const byItem: INodeParameters = {
	resource: 'transcription',
	operation: 'start',
	assetId: '={{ $json.assetId }}',
	model: 'whisper-1',
	speaker: false,
};
// Items 0 and 1 are fine; item 2 carries `bad: true` and, for the Asset ID case, a malformed ID.
const startItems = (badAssetId: boolean) => [
	{ json: { assetId } },
	{ json: { assetId } },
	{ json: { assetId: badAssetId ? 'asset-42' : assetId, bad: true } },
];

describe('a batch with an invalid item, On Error: Stop', () => {
	it.each([
		['a malformed Asset ID', {}, /"Asset ID"/],
		[
			'a Model no option offers',
			{ model: '={{ $json.bad ? "whisper-2" : "whisper-1" }}' },
			/"Model" field must be one of whisper-1, got "whisper-2"/,
		],
		[
			'Identify Speakers as text',
			{ speaker: '={{ $json.bad ? "false" : false }}' },
			/"Identify Speakers"/,
		],
	])(
		'%s on item 2: nothing is sent, and the error names item 2 and the field',
		async (name, change, field) => {
			const result = await runTranscribe({ ...byItem, ...change }, mavi.credentials, {
				inputItems: startItems(name.includes('Asset ID')),
			});

			expect(requestsSent()).toBe(0);
			expect(mavi.sim.stats().tasks).toHaveLength(0);
			expect(result.thrownError?.message).toMatch(field);
			expect(result.thrownError?.context?.itemIndex).toBe(2);
		},
	);

	it('Upload with an empty file on item 2: nothing is uploaded', async () => {
		const wav = (fileName: string, data = makeWav(1)) => ({
			json: {},
			binary: { data: { data, mimeType: 'audio/wav', fileName } },
		});
		const result = await runTranscribe(
			{ resource: 'asset', operation: 'upload', binaryPropertyName: 'data' },
			mavi.credentials,
			{ inputItems: [wav('a.wav'), wav('b.wav'), wav('empty.wav', Buffer.alloc(0))] },
		);

		expect(requestsSent()).toBe(0);
		expect(result.thrownError?.message).toMatch(/"Input Binary Field".*empty \(0 bytes\)/);
		expect(result.thrownError?.context?.itemIndex).toBe(2);
	});

	it('Transcribe From URL with a bad Language on item 2: nothing is sent', async () => {
		const result = await runTranscribe(
			{
				resource: 'transcription',
				operation: 'transcribeFromUrl',
				source: 'assetId',
				assetId,
				provider: 'elevenlabs',
				languageCode: '={{ $json.language }}',
			},
			mavi.credentials,
			{
				inputItems: [
					{ json: { language: 'en' } },
					{ json: { language: 'de' } },
					{ json: { language: 'english!' } },
				],
			},
		);

		expect(requestsSent()).toBe(0);
		expect(result.thrownError?.message).toMatch(/"Language"/);
		expect(result.thrownError?.context?.itemIndex).toBe(2);
	});
});

describe('a batch with an invalid item, On Error: Continue', () => {
	it('the invalid item becomes an error item in its place; the others are sent', async () => {
		const result = await runTranscribe(byItem, mavi.credentials, {
			inputItems: [{ json: { assetId } }, { json: { assetId: 'asset-42' } }, { json: { assetId } }],
			continueOnFail: true,
		});

		const { tasks } = mavi.sim.stats();
		expect(tasks).toHaveLength(2);
		expect(result.items.map((item) => item.json.task_id ?? item.json.error)).toEqual([
			tasks[0].task_id,
			expect.stringMatching(/"Asset ID"/),
			tasks[1].task_id,
		]);
		expect(result.pairedItems).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
