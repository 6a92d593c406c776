import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { z, ZodTypeAny } from 'zod';

import { describeZodError } from '../helpers/schemas';
import { checkBaseUrl } from '../helpers/validation';
import { createOnce } from './answerRecord';
import { interpretResponse } from './envelope';
import type { Creation } from './errors';
import { buildApiError, unexpectedResponseError } from './errors';
import type { MultipartFile } from './multipart';
import { MultipartBody } from './multipart';
import { assetIdOf } from './limitAnswers';
import { checkAsset, settleLimitAnswer } from './limitSignal';
import { endpointLimiter } from './rateLimiter';
import type { FailureKind } from './retryPolicy';
import {
	backoffDelayMs,
	classifyHttpFailure,
	classifyNetworkFailure,
	shouldRetry,
} from './retryPolicy';

export { beginTry, endTry } from './answerRecord';
export type { Creation } from './errors';
export type { MultipartFile } from './multipart';
export { METADATA_ENDPOINT } from './limitSignal';

export const CREDENTIAL_NAME = 'maviApi';

/** Timeouts per request. Mutable only so tests can shorten them; the node never changes them. */
export const transportSettings = {
	timeoutMs: 60_000,
	// Uploads and synchronous transcriptions legitimately take minutes.
	longTimeoutMs: 15 * 60_000,
};

interface RequestTarget {
	/** Concrete path under the base URL, e.g. `/re_1/metadata`. */
	path: string;
	/**
	 * Endpoint template the rate limit applies to, e.g. `GET /{asset_id}/metadata`; for a fixed
	 * path it is `<method> <path>`, the default.
	 */
	endpoint?: string;
	long?: boolean;
}

/**
 * Reads and deletes may be repeated after any failure. Every POST of this API creates something
 * Mavi bills, so it must say what (for the error message) and is resent only when Mavi surely
 * did not process it.
 */
export type MaviRequest = RequestTarget &
	(
		| { method: Extract<IHttpRequestMethods, 'GET' | 'DELETE'> }
		| {
				method: 'POST';
				creates: Creation;
				body?: IDataObject;
				/** Sent as multipart/form-data, streamed from a fresh read on every attempt. */
				file?: MultipartFile;
		  }
	);

interface Account {
	baseUrl: string;
	apiKey: string;
	limiterKey: string;
}

async function loadAccount(this: IExecuteFunctions, itemIndex: number): Promise<Account> {
	const credentials = await this.getCredentials(CREDENTIAL_NAME, itemIndex);
	const apiKey = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
	if (apiKey === '') {
		throw new NodeOperationError(
			this.getNode(),
			'The "API Key" field of the Mavi API credential is empty',
			{ itemIndex },
		);
	}
	const baseUrl = checkBaseUrl(credentials.baseUrl);
	if (!baseUrl.ok) throw new NodeOperationError(this.getNode(), baseUrl.error, { itemIndex });
	// The account is what Mavi rate-limits; a hash stands in for the key so it is never stored.
	const keyHash = createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
	return { baseUrl: baseUrl.value, apiKey, limiterKey: `${baseUrl.value}#${keyHash}` };
}

type SendResult = IN8nHttpFullResponse | { networkError: { code?: string; message: string } };

/**
 * One attempt. A thrown error here can only be a connection failure (statuses are ignored), and
 * it carries the request config with the Authorization header: keep its code and message only.
 */
async function send(this: IExecuteFunctions, options: IHttpRequestOptions): Promise<SendResult> {
	try {
		return (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_NAME,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		const outer = error as { code?: unknown; message?: unknown; cause?: unknown };
		const cause = (outer.cause ?? {}) as { code?: unknown; message?: unknown };
		const code = [cause.code, outer.code].find((c): c is string => typeof c === 'string');
		const message = typeof cause.message === 'string' ? cause.message : String(outer.message ?? '');
		return { networkError: { code, message } };
	}
}

function cancelledError(this: IExecuteFunctions, itemIndex: number): NodeOperationError {
	return new NodeOperationError(this.getNode(), 'The execution was cancelled', { itemIndex });
}

/** True once the user stopped the execution (n8n versions without the signal: never). */
export function isCancelled(this: IExecuteFunctions): boolean {
	return this.getExecutionCancelSignal?.()?.aborted === true;
}

/** What makes two creating requests the same: endpoint, body, and the file's name, type and size. */
function identityOf(request: MaviRequest): string {
	if (request.method !== 'POST') return '';
	const { file } = request;
	const sent = file ? [file.fileName, file.mimeType, file.size] : request.body;
	return JSON.stringify([request.path, sent ?? null]);
}

/**
 * The only function that talks to Mavi. Spaces requests per endpoint, retries what is worth
 * retrying, checks the envelope and validates `data` against `schema`. A creating request is
 * sent once per item of a node run, whatever n8n's Retry On Fail does (answerRecord.ts).
 */
export async function maviRequest<S extends ZodTypeAny>(
	this: IExecuteFunctions,
	itemIndex: number,
	request: MaviRequest,
	schema: S,
): Promise<z.infer<S>> {
	const exchange = async () => await exchangeWithRetries.call(this, itemIndex, request, schema);
	if (request.method !== 'POST') return await exchange();
	return await createOnce.call(this, itemIndex, identityOf(request), exchange);
}

async function exchangeWithRetries<S extends ZodTypeAny>(
	this: IExecuteFunctions,
	itemIndex: number,
	request: MaviRequest,
	schema: S,
): Promise<z.infer<S>> {
	const account = await loadAccount.call(this, itemIndex);
	const secrets = [account.apiKey];
	const signal = this.getExecutionCancelSignal?.();
	const creates = request.method === 'POST' ? request.creates : undefined;
	const endpoint = request.endpoint ?? `${request.method} ${request.path}`;
	const limiterKey = `${account.limiterKey}#${endpoint}`;
	const retries: Partial<Record<FailureKind, number>> = {};
	const limitState = {
		assetId: assetIdOf(request.method === 'POST' ? request.body : undefined),
		assetReady: false,
	};
	let attempts = 0;

	for (;;) {
		attempts++;
		let failure: { kind: FailureKind; status?: number; serverMessage: string };
		const options: IHttpRequestOptions = {
			method: request.method,
			baseURL: account.baseUrl,
			url: request.path,
			json: true,
			returnFullResponse: true,
			// Statuses are interpreted below, so n8n's error (which holds the headers) never forms.
			ignoreHttpStatusErrors: true,
			timeout: request.long ? transportSettings.longTimeoutMs : transportSettings.timeoutMs,
		};
		let multipart: MultipartBody | undefined;
		if (request.method === 'POST' && request.file) {
			multipart = new MultipartBody(request.file);
			// axios sends it as a stream with this type and Content-Length = its size.
			options.body = multipart as unknown as IDataObject;
			options.headers = { 'content-type': multipart.type };
			// axios follows redirects through follow-redirects, which keeps every byte written in
			// memory to replay it: the whole file. Mavi's upload does not redirect.
			options.disableFollowRedirect = true;
		} else if (request.method === 'POST' && request.body) {
			options.body = request.body;
		}

		if (signal?.aborted) throw cancelledError.call(this, itemIndex);
		const release = await endpointLimiter.acquire(limiterKey, signal).catch(() => {
			throw cancelledError.call(this, itemIndex);
		});
		if (signal?.aborted) {
			release();
			throw cancelledError.call(this, itemIndex);
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
			if (code === 'ERR_CANCELED' || signal?.aborted) throw cancelledError.call(this, itemIndex);
			failure = { kind: classifyNetworkFailure(code, message), serverMessage: code ?? message };
		} else {
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
					kind: classifyHttpFailure(outcome.status, outcome.message),
					status: outcome.status,
					serverMessage: outcome.message,
				},
				limiterKey,
				response.headers?.['retry-after'],
				limitState,
				async (assetId) =>
					await checkAsset(
						async (o) => await send.call(this, o),
						{ ...account, timeoutMs: transportSettings.timeoutMs },
						assetId,
						signal,
					),
			);
		}

		const used = retries[failure.kind] ?? 0;
		if (!shouldRetry(failure.kind, used, creates === undefined)) {
			throw buildApiError(
				this.getNode(),
				{ ...failure, endpoint, attempts, creates },
				itemIndex,
				secrets,
			);
		}
		retries[failure.kind] = used + 1;
		// After a limit answer the limiter itself backs off (with jitter) before the next attempt.
		const backoffMs = failure.kind === 'limited' ? 0 : backoffDelayMs(used + 1);
		await sleep(backoffMs, signal).catch(() => {
			throw cancelledError.call(this, itemIndex);
		});
	}
}
