/**
 * Which failures are worth another attempt, and how long to wait first. Pure, so it is unit
 * tested without a server.
 */

export type FailureKind =
	| 'transient' // 429, 5xx, connection reset or timeout: retry with backoff
	| 'ambiguous' // 400 "Request has exceeded the limit.": rate limit OR bad/not-ready asset
	| 'noWebhook' // 400 "An async request requires at least one webhook."
	| 'auth' // 401
	| 'credits' // 402
	| 'forbidden' // 403
	| 'rejected' // any other 4xx (validation): retrying cannot help
	| 'network'; // cannot connect at all (wrong host, refused): fail fast

export const RETRY_LIMITS: Record<FailureKind, number> = {
	transient: 6,
	ambiguous: 2,
	noWebhook: 0,
	auth: 0,
	credits: 0,
	forbidden: 0,
	rejected: 0,
	network: 0,
};

export const AMBIGUOUS_LIMIT_MESSAGE = 'request has exceeded the limit';
const NO_WEBHOOK_MESSAGE = 'requires at least one webhook';

// Connection-level errors where the server either never answered or dropped the answer.
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export function classifyHttpFailure(status: number, message: string): FailureKind {
	const text = message.toLowerCase();
	if (status === 401) return 'auth';
	if (status === 402) return 'credits';
	if (status === 403) return 'forbidden';
	if (status === 429 || status >= 500) return 'transient';
	if (text.includes(NO_WEBHOOK_MESSAGE)) return 'noWebhook';
	if (status === 400 && text.includes(AMBIGUOUS_LIMIT_MESSAGE)) return 'ambiguous';
	return 'rejected';
}

/** ECONNREFUSED and ENOTFOUND mean a wrong Base URL far more often than a blip: no retry. */
export function classifyNetworkFailure(code: string | undefined, message: string): FailureKind {
	if (code && TRANSIENT_NETWORK_CODES.has(code.toUpperCase())) return 'transient';
	if (/socket hang up|timeout|timed out|network socket disconnected/i.test(message)) {
		return 'transient';
	}
	return 'network';
}

/** `retriesSoFar` counts earlier retries of the same kind for this request. */
export function shouldRetry(kind: FailureKind, retriesSoFar: number): boolean {
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
