import { createHash, timingSafeEqual } from 'crypto';

// Hashing first gives both sides the same fixed length, so timingSafeEqual never throws on a
// length mismatch and the time taken says nothing about the length of the expected token.
function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * The token as compared. A `+` sent raw in the query reaches the node as a space (form decoding),
 * so a space and a `+` count as the same character: `?token=a+b`, `?token=a%2Bb` and the header
 * `x-mavi-token: a+b` all present the token `a+b`.
 */
export function comparableToken(token: string): string {
	return token.replace(/ /g, '+');
}

/** Constant-time comparison of a received token with the expected one. */
export function tokensMatch(received: string, expected: string): boolean {
	return timingSafeEqual(digest(comparableToken(received)), digest(comparableToken(expected)));
}

/**
 * How long each n8n process reuses a Webhook Token it read from the credential. n8n 2.41 builds
 * a cold expression isolate for every credential read in webhook(), which made each callback
 * several hundred milliseconds slower than n8n's own Webhook node. The price: after the token
 * is changed or removed in the credential, the old one keeps working for up to this long, in
 * every process, unless the workflow is published again (the cache is keyed by activation).
 */
export const TOKEN_CACHE_MS = 30_000;
const MAX_CACHED_TOKENS = 1000;

const cachedTokens = new Map<string, { token: string; expiresAt: number }>();

/** The cached Webhook Token under `key` (credential and activation), or undefined. */
export function cachedToken(key: string, now = Date.now()): string | undefined {
	const entry = cachedTokens.get(key);
	if (entry === undefined) return undefined;
	if (entry.expiresAt > now) return entry.token;
	cachedTokens.delete(key);
	return undefined;
}

export function cacheToken(key: string, token: string, now = Date.now()): void {
	cachedTokens.delete(key);
	cachedTokens.set(key, { token, expiresAt: now + TOKEN_CACHE_MS });
	if (cachedTokens.size > MAX_CACHED_TOKENS) {
		const oldest = cachedTokens.keys().next().value;
		if (oldest !== undefined) cachedTokens.delete(oldest);
	}
}
