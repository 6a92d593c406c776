import {
	BACKOFF,
	RETRY_LIMITS,
	backoffDelayMs,
	classifyHttpFailure,
	classifyNetworkFailure,
	mayHaveBeenProcessed,
	shouldRetry,
} from '../../nodes/Mavi/transport/retryPolicy';

describe('classifyHttpFailure', () => {
	it.each([
		[401, 'Unauthorized', 'auth'],
		[402, 'Insufficient credits', 'credits'],
		[403, 'Forbidden', 'forbidden'],
		[429, 'Request has exceeded the limit.', 'limited'],
		[503, '', 'busy'],
		[500, 'Internal Server Error', 'lost'],
		[502, 'Bad Gateway', 'lost'],
		[504, '', 'lost'],
		[400, 'Request has exceeded the limit.', 'ambiguous'],
		[400, 'An async request requires at least one webhook.', 'noWebhook'],
		[400, 'asset_id cannot be null or empty', 'rejected'],
		[400, 'Asset not found', 'rejected'],
		[415, 'Unsupported file type', 'rejected'],
	])('%i %j is %s', (status, message, kind) => {
		expect(classifyHttpFailure(status, message)).toBe(kind);
	});

	it("a gateway's 503 (not Mavi's envelope) may come after it passed the request on: lost", () => {
		expect(classifyHttpFailure(503, '<html>Service Unavailable</html>', true)).toBe('lost');
	});
});

describe('classifyNetworkFailure', () => {
	it.each([
		['ECONNRESET', 'socket hang up', 'lost'],
		['ETIMEDOUT', '', 'lost'],
		['ECONNABORTED', 'timeout of 60000ms exceeded', 'lost'],
		['EPIPE', 'write EPIPE', 'lost'],
		[undefined, 'socket hang up', 'lost'],
		['UND_ERR_SOCKET', 'other side closed', 'lost'],
		[undefined, 'something nobody has seen before', 'lost'],
		['EAI_AGAIN', 'getaddrinfo EAI_AGAIN mavi.example', 'busy'],
		['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1', 'network'],
		['ENOTFOUND', 'getaddrinfo ENOTFOUND mavi.example', 'network'],
		['CERT_HAS_EXPIRED', 'certificate has expired', 'network'],
		[undefined, 'self-signed certificate', 'network'],
	])('%s %j is %s', (code, message, kind) => {
		expect(classifyNetworkFailure(code, message)).toBe(kind);
	});
});

describe('shouldRetry', () => {
	it('retries limit answers 60 times: the limiter spaces them, another worker may hold the limit', () => {
		expect(RETRY_LIMITS.limited).toBe(60);
		expect(shouldRetry('limited', 59, false)).toBe(true);
		expect(shouldRetry('limited', 60, false)).toBe(false);
	});

	it('retries busy and lost failures 6 times and the ambiguous 400 twice', () => {
		expect(RETRY_LIMITS.busy).toBe(6);
		expect(RETRY_LIMITS.lost).toBe(6);
		expect(shouldRetry('busy', 5)).toBe(true);
		expect(shouldRetry('busy', 6)).toBe(false);
		expect(shouldRetry('lost', 5)).toBe(true);
		expect(shouldRetry('ambiguous', 1)).toBe(true);
		expect(shouldRetry('ambiguous', 2)).toBe(false);
	});

	it('never resends a creating request after a maybe-processed failure', () => {
		expect(mayHaveBeenProcessed('lost')).toBe(true);
		expect(shouldRetry('lost', 0, false)).toBe(false);
		expect(shouldRetry('lost', 0, true)).toBe(true);
	});

	it.each(['limited', 'busy', 'ambiguous'] as const)(
		'resends a creating request after %s (Mavi did not process it)',
		(kind) => {
			expect(mayHaveBeenProcessed(kind)).toBe(false);
			expect(shouldRetry(kind, 0, false)).toBe(true);
		},
	);

	it.each(['auth', 'credits', 'forbidden', 'rejected', 'noWebhook', 'network'] as const)(
		'never retries %s',
		(kind) => expect(shouldRetry(kind, 0)).toBe(false),
	);
});

describe('backoffDelayMs', () => {
	it('doubles per retry, with half of it random, up to the cap', () => {
		expect(backoffDelayMs(1, 0)).toBe(BACKOFF.baseMs / 2);
		expect(backoffDelayMs(1, 0.999999)).toBe(BACKOFF.baseMs);
		expect(backoffDelayMs(2, 0)).toBe(BACKOFF.baseMs);
		expect(backoffDelayMs(3, 0)).toBe(BACKOFF.baseMs * 2);
		expect(backoffDelayMs(20, 1)).toBe(BACKOFF.maxMs);
		expect(backoffDelayMs(20, 0)).toBe(BACKOFF.maxMs / 2);
	});

	it('stays within [nominal/2, nominal] for any random value', () => {
		for (let retry = 1; retry <= 8; retry++) {
			const nominal = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** (retry - 1));
			for (const random of [-1, 0, 0.25, 0.5, 0.75, 1, 2]) {
				const delay = backoffDelayMs(retry, random);
				expect(delay).toBeGreaterThanOrEqual(nominal / 2);
				expect(delay).toBeLessThanOrEqual(nominal);
			}
		}
	});

	it('worst case of all 6 busy retries stays under a minute', () => {
		let total = 0;
		for (let retry = 1; retry <= RETRY_LIMITS.busy; retry++) total += backoffDelayMs(retry, 1);
		expect(total).toBeLessThan(60_000);
	});
});
