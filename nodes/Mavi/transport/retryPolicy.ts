/**
 * Which failures are worth another attempt, and how long to wait first. Pure, so it is unit
 * tested without a server.
 *
 * Every failure is either "not processed" (Mavi surely did nothing: it turned the request away,
 * or the request never left) or "maybe processed" (`lost`: the request arrived, the answer did
 * not). A request that creates something (and is billed) is never sent again after a `lost`.
 */

export type FailureKind =
	| 'limited' // 429, or the ambiguous 400 on a ready asset after a 429 or Retry-After: not processed
	| 'busy' // 503, temporary DNS failure: not processed, retry with backoff
	| 'ambiguous' // 400 "Request has exceeded the limit.": rate limit OR bad/not-ready asset OR bad parameter
	| 'lost' // timeout or dropped connection after sending, 500/502/504: MAYBE processed
	| 'noWebhook' // 400 "An async request requires at least one webhook."
	| 'auth' // 401
	| 'credits' // 402
	| 'forbidden' // 403
	| 'rejected' // any other 4xx (validation): retrying cannot help
	| 'network'; // cannot connect at all (wrong host, refused, TLS): fail fast

export const RETRY_LIMITS: Record<FailureKind, number> = {
	// Another n8n worker may hold the limit for a whole batch: the limiter backs off 1.5-2 s per
	// attempt (limit/limiter.ts), so this is about two minutes of patience.
	limited: 60,
	busy: 6,
	ambiguous: 2,
	lost: 6,
	noWebhook: 0,
	auth: 0,
	credits: 0,
	forbidden: 0,
	rejected: 0,
	network: 0,
};

export const AMBIGUOUS_LIMIT_MESSAGE = 'request has exceeded the limit';
const NO_WEBHOOK_MESSAGE = 'requires at least one webhook';

// Failures before a single byte left: the connection or the TLS handshake never came about.
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EPROTO',
	'CERT_HAS_EXPIRED',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);
// A DNS server that did not answer in time: nothing was sent, and it usually passes.
const RETRYABLE_NOT_SENT_CODES = new Set(['EAI_AGAIN']);

/** `gateway`: the body was not Mavi's envelope, so something in front of Mavi answered. */
export function classifyHttpFailure(status: number, message: string, gateway = false): FailureKind {
	const text = message.toLowerCase();
	if (status === 401) return 'auth';
	if (status === 402) return 'credits';
	if (status === 403) return 'forbidden';
	if (status === 429) return 'limited';
	// Mavi's own 503 turned the request away before doing anything; a gateway's may come after
	// it passed the request on.
	if (status === 503) return gateway ? 'lost' : 'busy';
	// 500, 502, 504 and the rest: Mavi or a gateway may have passed the request on.
	if (status >= 500) return 'lost';
	if (text.includes(NO_WEBHOOK_MESSAGE)) return 'noWebhook';
	if (status === 400 && text.includes(AMBIGUOUS_LIMIT_MESSAGE)) return 'ambiguous';
	return 'rejected';
}

/**
 * Only failures known to happen before sending are "not processed". Everything else (reset,
 * hang-up, timeout, unknown) may have reached Mavi. ECONNREFUSED and ENOTFOUND mean a wrong
 * Base URL far more often than a blip: no retry.
 */
export function classifyNetworkFailure(code: string | undefined, message: string): FailureKind {
	const upper = code?.toUpperCase();
	if (upper && RETRYABLE_NOT_SENT_CODES.has(upper)) return 'busy';
	if (upper && NOT_SENT_CODES.has(upper)) return 'network';
	if (!upper && /certificate|getaddrinfo|ECONNREFUSED/i.test(message)) return 'network';
	return 'lost';
}

export function mayHaveBeenProcessed(kind: FailureKind): boolean {
	return kind === 'lost';
}

/**
 * `retriesSoFar` counts earlier retries of the same kind for this request. `repeatable` is
 * false for requests that create something: they are never resent after a maybe-processed
 * failure, because the first one may already have started a paid task.
 */
export function shouldRetry(kind: FailureKind, retriesSoFar: number, repeatable = true): boolean {
	if (!repeatable && mayHaveBeenProcessed(kind)) return false;
	return retriesSoFar < RETRY_LIMITS[kind];
}

export const BACKOFF = { baseMs: 500, factor: 2, maxMs: 10_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of
 * parallel executions spread out while a retry never comes sooner than half the nominal delay.
 * `retry` is 1 for the first retry. `random` is in [0, 1).
 */
export function backoffDelayMs(retry: number, random: number = Math.random()): number {
	const nominal = Math.min(
		BACKOFF.maxMs,
		BACKOFF.baseMs * BACKOFF.factor ** Math.max(0, retry - 1),
	);
	return Math.round(nominal / 2 + (nominal / 2) * Math.min(Math.max(random, 0), 1));
}
