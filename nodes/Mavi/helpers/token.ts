import { createHash, timingSafeEqual } from 'crypto';

// Hashing first gives both sides the same fixed length, so timingSafeEqual never throws on a
// length mismatch and the time taken says nothing about the length of the expected token.
function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/** Constant-time comparison of a received token with the expected one. */
export function tokensMatch(received: string, expected: string): boolean {
	return timingSafeEqual(digest(received), digest(expected));
}

/**
 * True when any received candidate equals the expected token. Every candidate is compared, so
 * the time taken does not reveal which one matched.
 */
export function anyTokenMatches(candidates: readonly string[], expected: string): boolean {
	let matched = false;
	for (const candidate of candidates) {
		if (tokensMatch(candidate, expected)) matched = true;
	}
	return matched;
}
