import type { AssetCheck, Failure } from '../../nodes/Mavi/transport/limit';
import { endpointLimiter, settleLimitAnswer } from '../../nodes/Mavi/transport/limit';

const ambiguous: Failure = {
	kind: 'ambiguous',
	status: 400,
	serverMessage: 'Request has exceeded the limit.',
};

function checker(result: AssetCheck) {
	const calls: string[] = [];
	const check = async (assetId: string) => {
		calls.push(assetId);
		return result;
	};
	return { calls, check };
}

describe('settleLimitAnswer', () => {
	let limited: jest.SpyInstance;

	beforeEach(() => {
		limited = jest.spyOn(endpointLimiter, 'limited').mockImplementation(() => undefined);
	});

	afterEach(() => limited.mockRestore());

	it('429: limited, the limiter is told, with Retry-After', async () => {
		const { calls, check } = checker({ kind: 'ready' });
		const state = { assetId: 're_1', assetReady: false };
		const failure = { kind: 'limited' as const, status: 429, serverMessage: '' };
		expect(await settleLimitAnswer(failure, 'k', '3', state, check)).toEqual(failure);
		expect(limited).toHaveBeenCalledWith('k', 3000);
		expect(calls).toEqual([]);
	});

	it('the ambiguous 400 on a ready asset stays ambiguous (a parameter may be wrong); the limiter backs off; the asset is looked up once', async () => {
		const { calls, check } = checker({ kind: 'ready' });
		const state = { assetId: 're_1', assetReady: false };
		for (let i = 0; i < 2; i++) {
			const settled = await settleLimitAnswer(ambiguous, 'k', undefined, state, check);
			expect(settled.kind).toBe('ambiguous');
			expect(settled.serverMessage).toBe(
				'Request has exceeded the limit. (the asset re_1 is ready)',
			);
		}
		expect(calls).toEqual(['re_1']);
		expect(limited).toHaveBeenCalledTimes(2);
	});

	it('the ambiguous 400 on a ready asset is the limit once a 429 or a Retry-After showed it', async () => {
		const { check } = checker({ kind: 'ready' });
		const after429 = { assetId: 're_1', assetReady: false };
		const tooMany = { kind: 'limited' as const, status: 429, serverMessage: '' };
		await settleLimitAnswer(tooMany, 'k', undefined, after429, check);
		expect((await settleLimitAnswer(ambiguous, 'k', undefined, after429, check)).kind).toBe(
			'limited',
		);
		const withRetryAfter = { assetId: 're_1', assetReady: false };
		expect((await settleLimitAnswer(ambiguous, 'k', '2', withRetryAfter, check)).kind).toBe(
			'limited',
		);
		expect(limited).toHaveBeenLastCalledWith('k', 2000);
	});

	it('a missing or unready asset: rejected, with the reason, and no back-off', async () => {
		for (const result of [
			{ kind: 'missing' },
			{ kind: 'notReady', status: 'UPLOADING' },
		] as const) {
			const { check } = checker(result);
			const settled = await settleLimitAnswer(
				ambiguous,
				'k',
				undefined,
				{ assetId: 're_1', assetReady: false },
				check,
			);
			expect(settled.kind).toBe('rejected');
			expect(settled.serverMessage).toMatch(/^Request has exceeded the limit\. \(the asset re_1 /);
		}
		expect(limited).not.toHaveBeenCalled();
	});

	it('no answer from the metadata, or no asset in the request: stays ambiguous', async () => {
		const { check } = checker({ kind: 'unknown' });
		const state = { assetId: 're_1', assetReady: false };
		expect((await settleLimitAnswer(ambiguous, 'k', undefined, state, check)).kind).toBe(
			'ambiguous',
		);
		const noAsset = { assetReady: false };
		expect((await settleLimitAnswer(ambiguous, 'k', undefined, noAsset, check)).kind).toBe(
			'ambiguous',
		);
		expect(limited).not.toHaveBeenCalled();
	});
});
