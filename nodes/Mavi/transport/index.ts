import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { z, ZodTypeAny } from 'zod';

import { describeZodError } from '../helpers/schemas';
import { interpretResponse } from './envelope';
import { buildApiError, redirectError, unexpectedResponseError } from './errors';
import type { MaviRequest } from './http';
import { cancelledError, endpointOf, loadAccount, requestOptions, send } from './http';
import { assetIdOf, checkAsset, endpointLimiter, settleLimitAnswer } from './limit';
import type { FailureKind } from './retryPolicy';
import {
	backoffDelayMs,
	classifyHttpFailure,
	classifyNetworkFailure,
	shouldRetry,
} from './retryPolicy';

export type { Creation } from './creations';
export { unreadableAnswerNote } from './creations';
export type { MultipartFile } from './multipart';
export type { MaviRequest } from './http';
export { cancelledError, CREDENTIAL_NAME, isCancelled, transportSettings } from './http';
export { METADATA_ENDPOINT } from './limit';

/**
 * The only function that talks to Mavi. Spaces requests per endpoint, retries what is worth
 * retrying, checks the envelope and validates `data` against `schema`.
 */
export async function maviRequest<S extends ZodTypeAny>(
	this: IExecuteFunctions,
	itemIndex: number,
	request: MaviRequest,
	schema: S,
): Promise<z.infer<S>> {
	const account = await loadAccount.call(this, itemIndex);
	const secrets = [account.apiKey];
	const signal = this.getExecutionCancelSignal?.();
	const creates = request.method === 'POST' ? request.creates : undefined;
	const endpoint = endpointOf(request);
	const limiterKey = `${account.limiterKey}#${endpoint}`;
	const retries: Partial<Record<FailureKind, number>> = {};
	const limitState = {
		assetId: assetIdOf(request.method === 'POST' ? request.body : undefined),
		assetReady: false,
	};
	const cancelled = () => cancelledError.call(this, itemIndex);
	let attempts = 0;

	for (;;) {
		attempts++;
		let failure: { kind: FailureKind; status?: number; serverMessage: string };
		const { options, multipart } = requestOptions(account, request);

		if (signal?.aborted) throw cancelled();
		const release = await endpointLimiter.acquire(limiterKey, signal).catch(() => {
			throw cancelled();
		});
		if (signal?.aborted) {
			release();
			throw cancelled();
		}
		const response = await send.call(this, options);
		release();
		if (multipart?.readError) {
			throw new NodeOperationError(
				this.getNode(),
				`Could not read the file to upload: ${multipart.readError.message}`,
				{ itemIndex },
			);
		}
		if ('networkError' in response) {
			const { code, message } = response.networkError;
			// Stopped while the request was out: a creating one may have been processed all the same.
			if (code === 'ERR_CANCELED' || signal?.aborted) {
				throw cancelledError.call(this, itemIndex, creates);
			}
			failure = { kind: classifyNetworkFailure(code, message), serverMessage: code ?? message };
		} else {
			if (response.statusCode >= 300 && response.statusCode < 400) {
				const { location } = response.headers ?? {};
				throw redirectError(
					this.getNode(),
					endpoint,
					response.statusCode,
					location,
					account.baseUrl,
					itemIndex,
				);
			}
			const outcome = interpretResponse(response.statusCode, response.body);
			if (outcome.kind === 'unexpected') {
				throw unexpectedResponseError(
					this.getNode(),
					endpoint,
					outcome.problem,
					itemIndex,
					secrets,
					creates,
				);
			}
			if (outcome.kind === 'success') {
				const parsed = schema.safeParse(outcome.data);
				if (parsed.success) return parsed.data as z.infer<S>;
				const problem = describeZodError(parsed.error, 'data');
				throw unexpectedResponseError(
					this.getNode(),
					endpoint,
					problem,
					itemIndex,
					secrets,
					creates,
				);
			}
			failure = await settleLimitAnswer(
				{
					kind: classifyHttpFailure(outcome.status, outcome.message, outcome.gateway),
					status: outcome.status,
					serverMessage: outcome.message,
				},
				limiterKey,
				response.headers?.['retry-after'],
				limitState,
				async (assetId) =>
					await checkAsset(async (o) => await send.call(this, o), account, assetId, signal),
			);
		}

		const used = retries[failure.kind] ?? 0;
		if (!shouldRetry(failure.kind, used, creates === undefined)) {
			throw buildApiError(
				this.getNode(),
				{ ...failure, endpoint, attempts, creates, afterLostAnswer: (retries.lost ?? 0) > 0 },
				itemIndex,
				secrets,
			);
		}
		retries[failure.kind] = used + 1;
		// After a limit answer the limiter itself backs off (with jitter) before the next attempt.
		const backoffMs = failure.kind === 'limited' ? 0 : backoffDelayMs(used + 1);
		await sleep(backoffMs, signal).catch(() => {
			throw cancelled();
		});
	}
}
