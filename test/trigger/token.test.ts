import crypto from 'crypto';

import {
	cachedToken,
	cacheToken,
	TOKEN_CACHE_MS,
	tokensMatch,
} from '../../nodes/Mavi/trigger/token';

const EXPECTED_VALUE = 'abc123-expected';

describe('token helper', () => {
	it('matches only the exact value', () => {
		expect(tokensMatch(EXPECTED_VALUE, EXPECTED_VALUE)).toBe(true);
		expect(tokensMatch('abc123-expectee', EXPECTED_VALUE)).toBe(false);
		expect(tokensMatch(`${EXPECTED_VALUE} `, EXPECTED_VALUE)).toBe(false);
		expect(tokensMatch('', EXPECTED_VALUE)).toBe(false);
		expect(tokensMatch('x'.repeat(10_000), EXPECTED_VALUE)).toBe(false);
	});

	it('compares fixed-length digests with crypto.timingSafeEqual, whatever the lengths', () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		try {
			expect(tokensMatch('a', EXPECTED_VALUE)).toBe(false);
			expect(tokensMatch('a'.repeat(500), EXPECTED_VALUE)).toBe(false);
			expect(spy).toHaveBeenCalledTimes(2);
			for (const [a, b] of spy.mock.calls) {
				expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
			}
		} finally {
			spy.mockRestore();
		}
	});

	it('a space and a + are the same character (a raw + in a query is a space once decoded)', () => {
		expect(tokensMatch('ab cd+ef', 'ab+cd+ef')).toBe(true);
		expect(tokensMatch('ab+cd ef', 'ab cd ef')).toBe(true);
		expect(tokensMatch('ab-cd+ef', 'ab+cd+ef')).toBe(false);
		expect(tokensMatch('abcd+ef', 'ab+cd+ef')).toBe(false);
	});

	it('caches a credential token for TOKEN_CACHE_MS, per credential id', () => {
		const now = 1_000_000;
		cacheToken('cred-a', 'one', now);
		expect(cachedToken('cred-a', now + TOKEN_CACHE_MS - 1)).toBe('one');
		expect(cachedToken('cred-b', now)).toBeUndefined();
		expect(cachedToken('cred-a', now + TOKEN_CACHE_MS)).toBeUndefined();
		cacheToken('cred-a', '', now);
		expect(cachedToken('cred-a', now)).toBe('');
	});
});
