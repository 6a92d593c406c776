/**
 * Telling Mavi's rate-limit answers apart, for requests that share an account's limit with other
 * n8n processes (queue-mode workers). Pure, so it is unit tested without a server.
 *
 * 429 is the limit. The 400 "Request has exceeded the limit." is the limit OR an asset that does
 * not exist or is not ready; the asset's metadata (its own endpoint and budget) settles it: a
 * ready asset means the 400 was the limit.
 */

export type AssetCheck =
	| { kind: 'ready' }
	| { kind: 'missing' }
	| { kind: 'notReady'; status: string }
	| { kind: 'unknown' };

/** The asset a request is about, when its body names one. */
export function assetIdOf(body: unknown): string | undefined {
	if (body === null || typeof body !== 'object') return undefined;
	const value = (body as { asset_id?: unknown }).asset_id;
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads one answer of `GET /{asset_id}/metadata`. Only a clear answer counts: anything else
 * (the limit again, a server error, no answer) leaves the 400 ambiguous.
 */
export function readAssetCheck(
	statusCode: number | undefined,
	body: unknown,
	ambiguousMessage: string,
): AssetCheck {
	const envelope = (body ?? {}) as { msg?: unknown; data?: unknown };
	const message = typeof envelope.msg === 'string' ? envelope.msg : '';
	if (statusCode === 400 && message !== '' && !message.toLowerCase().includes(ambiguousMessage)) {
		return { kind: 'missing' };
	}
	if (statusCode !== 200) return { kind: 'unknown' };
	const resource = (envelope.data as { resource?: unknown } | undefined)?.resource;
	const first = Array.isArray(resource) ? (resource[0] as { upload_status?: unknown }) : undefined;
	const status = first?.upload_status;
	if (typeof status !== 'string') return { kind: 'unknown' };
	return status === 'SUCCESS' ? { kind: 'ready' } : { kind: 'notReady', status };
}

/** Why the 400 was not the limit, for the error message; undefined when it may have been. */
export function notTheLimit(check: AssetCheck, assetId: string): string | undefined {
	if (check.kind === 'missing') return `the asset ${assetId} does not exist (or was deleted)`;
	if (check.kind === 'notReady') {
		return `the asset ${assetId} is not ready (status ${check.status}; it must be SUCCESS)`;
	}
	return undefined;
}

// Longer waits than this are not worth holding an execution for; the retry budget decides then.
const MAX_RETRY_AFTER_MS = 60_000;

/** Retry-After in milliseconds (seconds or an HTTP date), when Mavi sent a usable one. */
export function retryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	let ms: number;
	if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
	else {
		const at = Date.parse(text);
		if (Number.isNaN(at)) return undefined;
		ms = at - now;
	}
	return ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined;
}
