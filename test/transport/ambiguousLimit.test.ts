import type { Mavi } from '../support/maviSim';
import { seedAsset, startMavi, startRawServer, TEST_KEY } from '../support/maviSim';
import { runTranscribe, transcriptionStart } from '../support/runMavi';

// Mavi answers "Request has exceeded the limit." for its rate limit and for a rejected
// parameter alike. A ready asset rules out the asset, not the parameter: without a 429 or a
// Retry-After, such a 400 gets a few attempts, not minutes of them.
jest.setTimeout(30_000);

const LIMIT_400 = { status: 400, body: { code: 400, msg: 'Request has exceeded the limit.' } };
const READY = {
	status: 200,
	body: { code: '0000', msg: 'success', data: { resource: [{ upload_status: 'SUCCESS' }] } },
};
const TASK = {
	status: 200,
	body: { code: '0000', msg: 'success', data: { task_id: 'a'.repeat(32) } },
};

/** A Mavi that says the asset is ready and answers Start with `starts[n]` (the last one repeats). */
async function mavi(starts: Array<{ status: number; body: unknown }>) {
	const posts: number[] = [];
	const server = await startRawServer((request) => {
		if (request.method === 'GET') return READY;
		posts.push(Date.now());
		return starts[Math.min(posts.length, starts.length) - 1];
	});
	return { server, posts, credentials: { apiKey: TEST_KEY, baseUrl: server.baseUrl } };
}

describe('the ambiguous 400 on a ready asset', () => {
	it('without a 429 or Retry-After: at most 3 Start requests, then an error naming a rejected parameter', async () => {
		const fake = await mavi([LIMIT_400]);
		try {
			const startedAt = Date.now();
			const result = await runTranscribe(transcriptionStart('re_1'), fake.credentials);
			expect(fake.posts.length).toBeLessThanOrEqual(3);
			expect(Date.now() - startedAt).toBeLessThan(10_000);
			expect(result.thrownError?.message).toMatch(/Request has exceeded the limit\./);
			expect(result.thrownError?.description).toMatch(/a parameter Mavi rejected/);
			expect(result.thrownError?.description).toMatch(/re_1 is ready/);
		} finally {
			await fake.server.stop();
		}
	});

	it('after a 429 it is the limit, and patience pays off', async () => {
		const fake = await mavi([
			{ status: 429, body: { code: 429, msg: 'Too Many Requests' } },
			LIMIT_400,
			LIMIT_400,
			LIMIT_400,
			TASK,
		]);
		try {
			const result = await runTranscribe(transcriptionStart('re_1'), fake.credentials);
			expect(result.thrownError).toBeUndefined();
			expect(result.items[0].json.task_id).toBe('a'.repeat(32));
			expect(fake.posts).toHaveLength(5);
		} finally {
			await fake.server.stop();
		}
	});
});

describe('the Model is checked before any request', () => {
	let real: Mavi;
	beforeAll(async () => {
		real = await startMavi();
	});
	afterAll(async () => {
		await real.stop();
	});

	it('an expression yielding a model Mavi does not offer: no request, the field named', async () => {
		const assetId = await seedAsset(real);
		const before = real.sim.stats().requests;
		const result = await runTranscribe(
			{ ...transcriptionStart(assetId), model: '={{ "whisper-2" }}' },
			real.credentials,
		);
		expect(real.sim.stats().requests - before).toBe(0);
		expect(result.thrownError?.message).toMatch(
			/"Model" field must be one of whisper-1, got "whisper-2"/,
		);
		expect(result.thrownError?.context?.itemIndex).toBe(0);
	});
});
