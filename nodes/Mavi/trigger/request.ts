import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { isRecord } from '../helpers/normalize';
import type { Redactor } from '../helpers/redaction';
import { comparableToken } from './token';

export const TOKEN_QUERY_PARAMETER = 'token';
export const TOKEN_HEADER = 'x-mavi-token';

// Never copied into items: credentials of any kind. The token itself is also scrubbed by value
// from whatever else is copied (helpers/redaction), since a proxy may repeat it in any header.
const SECRET_HEADERS = new Set([TOKEN_HEADER, 'authorization', 'proxy-authorization', 'cookie']);

/** What a request offers as its webhook token: one value, or why it cannot be checked. */
export type PresentedToken = { ok: true; token: string } | { ok: false; reason: string };

export const MISSING_OR_WRONG = 'Missing or wrong webhook token';
export const SEVERAL_TOKENS =
	'More than one webhook token in the request (a repeated token parameter, or a query and a header that differ)';

function valuesOf(value: unknown): unknown[] {
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}

/**
 * The token of query `token` or header `x-mavi-token` (the body is not a source). One request
 * tests one token: a repeated parameter, or a query and a header that differ, is refused, so a
 * single request cannot try many guesses.
 */
export function presentedToken(context: IWebhookFunctions): PresentedToken {
	const query = context.getQueryData() as Record<string, unknown>;
	const headers = context.getHeaderData() as Record<string, unknown>;
	const fromQuery = valuesOf(query?.[TOKEN_QUERY_PARAMETER]);
	const fromHeader = valuesOf(headers?.[TOKEN_HEADER]);
	if (fromQuery.length > 1 || fromHeader.length > 1) return { ok: false, reason: SEVERAL_TOKENS };
	const [queryToken] = fromQuery;
	const [headerToken] = fromHeader;
	if (
		typeof queryToken === 'string' &&
		typeof headerToken === 'string' &&
		comparableToken(queryToken) !== comparableToken(headerToken)
	) {
		return { ok: false, reason: SEVERAL_TOKENS };
	}
	const token = queryToken ?? headerToken;
	return typeof token === 'string' ? { ok: true, token } : { ok: false, reason: MISSING_OR_WRONG };
}

// n8n turns these into objects itself, so a form post would look like a JSON object; Mavi
// sends JSON, and a form body is never a callback.
const FORM_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** Why the content type can't carry a callback, or undefined when it can. */
export function unsupportedContentType(context: IWebhookFunctions): string | undefined {
	const contentType = String(context.getHeaderData()['content-type'] ?? '').toLowerCase();
	const form = FORM_CONTENT_TYPES.find((type) => contentType.startsWith(type));
	return form === undefined ? undefined : `The body must be JSON, not ${form}`;
}

interface N8nRequest {
	rawBody?: unknown;
	/** n8n's own reader (1.x and 2.x): fills `rawBody` from the request stream once. */
	readRawBody?: () => Promise<void>;
}

/**
 * The body as n8n handed it over. n8n parses JSON and text/plain itself. For other content
 * types, version 1 of the trigger gets the bytes in `req.rawBody`; from version 1.1 n8n leaves
 * the stream unread (as for its own Webhook node v2), so the trigger reads it with n8n's reader.
 */
export async function requestBody(context: IWebhookFunctions): Promise<unknown> {
	const body = context.getBodyData() as unknown;
	if (typeof body === 'string' || (isRecord(body) && Object.keys(body).length > 0)) return body;
	if (body instanceof Uint8Array && body.length > 0) return body;
	const request = context.getRequestObject() as N8nRequest;
	if (request.rawBody === undefined && typeof request.readRawBody === 'function') {
		// An aborted or oversized body leaves rawBody unset: the callback then has no envelope.
		await request.readRawBody().catch(() => undefined);
	}
	if (request.rawBody instanceof Uint8Array && request.rawBody.length > 0) return request.rawBody;
	return body ?? {};
}

const BACKSLASH = 0x5c;

/**
 * True when no string parsed from the body can hold the secret: the bytes n8n received (UTF-8 JSON
 * or text) hold it in none of its forms, and JSON could only build it from other bytes with an
 * escape, which needs a backslash. Lets the trigger skip scrubbing 10,000 items that cannot hold it.
 */
export function bodyCannotHold(context: IWebhookFunctions, redactor: Redactor): boolean {
	const rawBody = (context.getRequestObject() as { rawBody?: unknown }).rawBody;
	if (!(rawBody instanceof Uint8Array)) return false;
	const [type, ...parameters] = String(context.getHeaderData()['content-type'] ?? '')
		.toLowerCase()
		.split(';');
	if (type.trim() !== 'application/json' && type.trim() !== 'text/plain') return false;
	const charset = parameters.find((parameter) => parameter.trim().startsWith('charset='));
	if (charset !== undefined && !/^charset="?utf-?8"?$/.test(charset.trim())) return false;
	const bytes = Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
	return !bytes.includes(BACKSLASH) && !redactor.finds(bytes.toString('utf8'));
}

export function headersWithoutSecrets(context: IWebhookFunctions): IDataObject {
	const headers: IDataObject = {};
	for (const [name, value] of Object.entries(context.getHeaderData())) {
		if (!SECRET_HEADERS.has(name.toLowerCase())) headers[name] = value;
	}
	return headers;
}

export function queryWithoutToken(context: IWebhookFunctions): IDataObject {
	const query: IDataObject = {};
	for (const [name, value] of Object.entries(context.getQueryData() as IDataObject)) {
		if (name.toLowerCase() !== TOKEN_QUERY_PARAMETER) query[name] = value;
	}
	return query;
}
