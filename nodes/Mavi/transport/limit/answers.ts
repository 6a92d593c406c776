import type { IHttpRequestOptions } from 'n8n-workflow';

import { metadataDataSchema } from '../../helpers/schemas';
import type { Account, SendResult } from '../http';
import { requestOptions } from '../http';
import type { FailureKind } from '../retryPolicy';
import { AMBIGUOUS_LIMIT_MESSAGE } from '../retryPolicy';
import { endpointLimiter } from './limiter';

/**
 * Mavi's limit answers as a signal for the limiter, so n8n processes that share an account
 * (queue-mode workers) share its 1 request/s without talking to each other.
 *
 * 429 is the limit. The 400 "Request has exceeded the limit." is the limit OR an asset that does
 * not exist or is not ready, or a parameter Mavi rejected (an unknown model). The asset's
 * metadata (its own endpoint and budget) rules the asset in or out. On a ready asset the 400 is
 * the limit only when this request also met a 429 or a Retry-After; without one it stays
 * ambiguous, so a rejected parameter fails after a few attempts instead of minutes of retries.
 * Either way the limiter backs that key off with jitter (or for Retry-After) before the next
 * attempt, in case it was the limit.
 */

export const METADATA_ENDPOINT = 'GET /{asset_id}/metadata';

export type AssetCheck =
	| { kind: 'ready' }
	| { kind: 'missing' }
	| { kind: 'notReady'; status: string }
	| { kind: 'unknown' };

export interface Failure {
	kind: FailureKind;
	status?: number;
	serverMessage: string;
}

/** What one request remembers between its attempts. */
export interface LimitState {
	assetId?: string;
	assetReady: boolean;
	/** A 429 or a Retry-After came back: Mavi's limit is really in play for this request. */
	limitShown?: boolean;
}

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
	const metadata = metadataDataSchema.safeParse(envelope.data);
	if (!metadata.success) return { kind: 'unknown' };
	const status = metadata.data.resource[0].upload_status;
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

type Send = (options: IHttpRequestOptions) => Promise<SendResult>;

/**
 * One look at an asset's metadata (its own endpoint, so its own 1 request/s budget), spaced by
 * the same limiter as every request.
 */
export async function checkAsset(
	send: Send,
	account: Pick<Account, 'baseUrl' | 'limiterKey'>,
	assetId: string,
	signal?: AbortSignal,
): Promise<AssetCheck> {
	const key = `${account.limiterKey}#${METADATA_ENDPOINT}`;
	const release = await endpointLimiter.acquire(key, signal);
	const path = `/${encodeURIComponent(assetId)}/metadata`;
	const { options } = requestOptions(account, { method: 'GET', path });
	const response = await send(options);
	release();
	if ('networkError' in response) return { kind: 'unknown' };
	const check = readAssetCheck(response.statusCode, response.body, AMBIGUOUS_LIMIT_MESSAGE);
	// The metadata endpoint is busy too: the same signal as anywhere else.
	if (check.kind === 'unknown' && [400, 429].includes(response.statusCode)) {
		endpointLimiter.limited(key);
	}
	return check;
}

/**
 * Settles a limit answer of the request on limiter key `key`: returns the failure to act on,
 * and tells the limiter when it was the limit. `check` looks the asset up (at most once per
 * request: a ready asset stays ready).
 */
export async function settleLimitAnswer(
	failure: Failure,
	key: string,
	retryAfterHeader: unknown,
	state: LimitState,
	check: (assetId: string) => Promise<AssetCheck>,
): Promise<Failure> {
	const retryAfter = retryAfterMs(retryAfterHeader);
	if (failure.kind === 'limited' || retryAfter !== undefined) state.limitShown = true;
	let settled = failure;
	let mayBeLimit = failure.kind === 'limited';
	if (failure.kind === 'ambiguous' && state.assetId !== undefined) {
		if (!state.assetReady) {
			const result = await check(state.assetId);
			state.assetReady = result.kind === 'ready';
			const reason = notTheLimit(result, state.assetId);
			if (reason)
				settled = {
					...failure,
					kind: 'rejected',
					serverMessage: `${failure.serverMessage} (${reason})`,
				};
		}
		if (state.assetReady) {
			mayBeLimit = true;
			settled = state.limitShown
				? { ...failure, kind: 'limited' }
				: {
						...failure,
						serverMessage: `${failure.serverMessage} (the asset ${state.assetId} is ready)`,
					};
		}
	}
	if (mayBeLimit) endpointLimiter.limited(key, retryAfter);
	return settled;
}
