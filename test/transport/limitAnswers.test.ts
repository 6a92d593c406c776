import {
	assetIdOf,
	notTheLimit,
	readAssetCheck,
	retryAfterMs,
} from '../../nodes/Mavi/transport/limit';

const LIMIT = 'request has exceeded the limit';
const metadata = (upload_status: string) => ({
	code: '0000',
	msg: 'success',
	data: { resource: [{ asset_id: 're_1', upload_status }] },
});

describe('readAssetCheck', () => {
	it('a ready asset: the 400 was the rate limit', () => {
		expect(readAssetCheck(200, metadata('SUCCESS'), LIMIT)).toEqual({ kind: 'ready' });
	});

	it('an asset still uploading or failed: the 400 was about the asset', () => {
		expect(readAssetCheck(200, metadata('UPLOADING'), LIMIT)).toEqual({
			kind: 'notReady',
			status: 'UPLOADING',
		});
		expect(readAssetCheck(200, metadata('FAILED'), LIMIT)).toMatchObject({ kind: 'notReady' });
	});

	it('"Asset not found": missing', () => {
		expect(readAssetCheck(400, { code: 400, msg: 'Asset not found' }, LIMIT)).toEqual({
			kind: 'missing',
		});
	});

	it('the limit again, a server error, no answer or an odd body: unknown', () => {
		const limited = { code: 400, msg: 'Request has exceeded the limit.' };
		expect(readAssetCheck(400, limited, LIMIT)).toEqual({ kind: 'unknown' });
		expect(readAssetCheck(429, limited, LIMIT)).toEqual({ kind: 'unknown' });
		expect(readAssetCheck(500, {}, LIMIT)).toEqual({ kind: 'unknown' });
		expect(readAssetCheck(undefined, undefined, LIMIT)).toEqual({ kind: 'unknown' });
		expect(readAssetCheck(200, { data: { resource: [] } }, LIMIT)).toEqual({ kind: 'unknown' });
		expect(readAssetCheck(200, 'text', LIMIT)).toEqual({ kind: 'unknown' });
	});
});

describe('notTheLimit', () => {
	it('names the asset and its state, or nothing when the limit stays possible', () => {
		expect(notTheLimit({ kind: 'missing' }, 're_7')).toMatch(/re_7 does not exist/);
		expect(notTheLimit({ kind: 'notReady', status: 'WAITING' }, 're_7')).toMatch(
			/re_7 is not ready \(status WAITING/,
		);
		expect(notTheLimit({ kind: 'ready' }, 're_7')).toBeUndefined();
		expect(notTheLimit({ kind: 'unknown' }, 're_7')).toBeUndefined();
	});
});

describe('assetIdOf', () => {
	it('reads asset_id from a JSON body only', () => {
		expect(assetIdOf({ asset_id: 're_1', model: 'whisper-1' })).toBe('re_1');
		expect(assetIdOf({ asset_id: '' })).toBeUndefined();
		expect(assetIdOf({ asset_id: 5 })).toBeUndefined();
		expect(assetIdOf(undefined)).toBeUndefined();
		expect(assetIdOf('re_1')).toBeUndefined();
	});
});

describe('retryAfterMs', () => {
	const now = Date.parse('2026-11-30T12:00:00Z');

	it('reads seconds and HTTP dates', () => {
		expect(retryAfterMs('2', now)).toBe(2000);
		expect(retryAfterMs(['1.5'], now)).toBe(1500);
		expect(retryAfterMs('Mon, 30 Nov 2026 12:00:03 GMT', now)).toBe(3000);
	});

	it('ignores missing, past, zero or garbled values and caps long ones at a minute', () => {
		expect(retryAfterMs(undefined, now)).toBeUndefined();
		expect(retryAfterMs('0', now)).toBeUndefined();
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs('Mon, 30 Nov 2026 11:59:00 GMT', now)).toBeUndefined();
		expect(retryAfterMs('3600', now)).toBe(60_000);
	});
});
