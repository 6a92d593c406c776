import { createHash } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkBaseUrl } from '../helpers/validation';
import type { Creation } from './creations';
import { CANCELLED, cancelledInFlight } from './creations';
import type { MultipartFile } from './multipart';
import { MultipartBody } from './multipart';

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

export interface Account {
	baseUrl: string;
	apiKey: string;
	limiterKey: string;
}

export async function loadAccount(this: IExecuteFunctions, itemIndex: number): Promise<Account> {
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

/** The endpoint template a request's rate limit applies to. */
export function endpointOf(request: MaviRequest): string {
	return request.endpoint ?? `${request.method} ${request.path}`;
}

/**
 * n8n's HTTP options for one attempt of `request`; a file gets a fresh multipart body, which
 * is returned too so its read error can be checked after sending.
 */
export function requestOptions(
	account: Pick<Account, 'baseUrl'>,
	request: MaviRequest,
): { options: IHttpRequestOptions; multipart?: MultipartBody } {
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: account.baseUrl,
		url: request.path,
		json: true,
		returnFullResponse: true,
		// Statuses are interpreted by the caller, so n8n's error (which holds the headers) never forms.
		ignoreHttpStatusErrors: true,
		timeout: request.long ? transportSettings.longTimeoutMs : transportSettings.timeoutMs,
		// n8n would send the API key (and the body) on to wherever a redirect points; Mavi does
		// not redirect, so a 3xx is answered as an error instead. It also spares follow-redirects
		// keeping every byte of an upload in memory to replay it.
		disableFollowRedirect: true,
	};
	if (request.method !== 'POST') return { options };
	if (request.file) {
		const multipart = new MultipartBody(request.file);
		// axios sends it as a stream with this type and Content-Length = its size.
		options.body = multipart as unknown as IDataObject;
		options.headers = { 'content-type': multipart.type };
		return { options, multipart };
	}
	if (request.body) options.body = request.body;
	return { options };
}

export type SendResult =
	| IN8nHttpFullResponse
	| { networkError: { code?: string; message: string } };

/**
 * One attempt. A thrown error here can only be a connection failure (statuses are ignored), and
 * it carries the request config with the Authorization header: keep its code and message only.
 */
export async function send(
	this: IExecuteFunctions,
	options: IHttpRequestOptions,
): Promise<SendResult> {
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

/**
 * The error of a stopped execution: the one wording for every place that notices the stop.
 * `inFlight`: what the creating request that was under way when the stop came may have created.
 */
export function cancelledError(
	this: IExecuteFunctions,
	itemIndex: number,
	inFlight?: Creation,
): NodeOperationError {
	if (!inFlight) return new NodeOperationError(this.getNode(), CANCELLED, { itemIndex });
	const { message, description } = cancelledInFlight(inFlight);
	return new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

/** True once the user stopped the execution (n8n versions without the signal: never). */
export function isCancelled(this: IExecuteFunctions): boolean {
	return this.getExecutionCancelSignal?.()?.aborted === true;
}
