import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { AssetCheck } from './limitAnswers';
import { notTheLimit, readAssetCheck, retryAfterMs } from './limitAnswers';
import { endpointLimiter } from './rateLimiter';
import type { FailureKind } from './retryPolicy';
import { AMBIGUOUS_LIMIT_MESSAGE } from './retryPolicy';

/**
 * Mavi's limit answers as a signal for the limiter, so n8n processes that share an account
 * (queue-mode workers) share its 1 request/s without talking to each other: 429, and the
 * ambiguous 400 once the asset proved ready, become `limited`; the limiter then backs that key
 * off with jitter (or for Retry-After) before the next attempt.
 */

export const METADATA_ENDPOINT = 'GET /{asset_id}/metadata';

export interface Failure {
	kind: FailureKind;
	status?: number;
	serverMessage: string;
}

type Send = (
	options: IHttpRequestOptions,
) => Promise<IN8nHttpFullResponse | { networkError: unknown }>;

interface Target {
	baseUrl: string;
	limiterKey: string;
	timeoutMs: number;
}

/** What one request remembers between its attempts. */
export interface LimitState {
	assetId?: string;
	assetReady: boolean;
}

/**
 * One look at an asset's metadata (its own endpoint, so its own 1 request/s budget), spaced by
 * the same limiter as every request.
 */
export async function checkAsset(
	send: Send,
	target: Target,
	assetId: string,
	signal?: AbortSignal,
): Promise<AssetCheck> {
	const key = `${target.limiterKey}#${METADATA_ENDPOINT}`;
	const release = await endpointLimiter.acquire(key, signal);
	const response = await send({
		method: 'GET',
		baseURL: target.baseUrl,
		url: `/${encodeURIComponent(assetId)}/metadata`,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: target.timeoutMs,
	});
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
	let settled = failure;
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
		if (state.assetReady) settled = { ...failure, kind: 'limited' };
	}
	if (settled.kind === 'limited') endpointLimiter.limited(key, retryAfterMs(retryAfterHeader));
	return settled;
}
