import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redactText } from '../helpers/redaction';
import type { Creation } from './creations';
import { MAYBE_CREATED, unreadableAnswerNote } from './creations';
import type { FailureKind } from './retryPolicy';

/** What we keep of a failed exchange: never headers, config or the request itself. */
export interface FailureDetails {
	kind: FailureKind;
	endpoint: string;
	status?: number;
	serverMessage: string;
	attempts: number;
	/** Set for creating requests: a `lost` failure then gets the "may have" message. */
	creates?: Creation;
	/** An earlier attempt of the same request reached Mavi, maybe, and its answer was lost. */
	afterLostAnswer?: boolean;
}

function lostCause({ status, serverMessage }: FailureDetails): string {
	if (status !== undefined) return `Mavi or a gateway answered HTTP ${status}`;
	if (/timeout|timed out|ETIMEDOUT|ECONNABORTED/i.test(serverMessage)) {
		return 'no answer came before the timeout';
	}
	return `the connection dropped after the request was sent (${serverMessage || 'no answer'})`;
}

const WEBHOOK_HELP =
	'Mavi delivers async results only to the webhook URL set in your Mavi account. Open the Mavi Transcription Trigger, copy its Production URL (including ?token=...), paste it into the Webhooks Settings of the Mavi console, then publish the workflow that contains the trigger.';

function headline(details: FailureDetails): { message: string; description: string } {
	const { kind, status, serverMessage, attempts, endpoint } = details;
	const said = serverMessage ? ` Mavi said: "${serverMessage}".` : '';
	if (kind === 'lost' && details.creates) {
		const { message, advice } = MAYBE_CREATED[details.creates];
		return { message, description: `Cause: ${lostCause(details)}. ${advice}` };
	}
	switch (kind) {
		case 'auth':
			return {
				message:
					'Mavi rejected the API key (401 Unauthorized): check the API key in the Mavi API credential',
				description: `Copy the key again from the Mavi console; it is sent as-is, without "Bearer".${said}`,
			};
		case 'credits':
			return {
				message: 'Your Mavi account is out of credits (402 Payment Required)',
				description: `Top up credits in the Mavi console, then run the workflow again.${said}`,
			};
		case 'forbidden':
			return {
				message:
					'Mavi refused access (403 Forbidden): the account is disabled or this IP address is not allowed',
				description: `Check the account status and the IP allow-list of your Mavi account.${said}`,
			};
		case 'noWebhook':
			return {
				message: 'Mavi has no webhook configured for this account, which async requests require',
				description: WEBHOOK_HELP,
			};
		case 'ambiguous':
			return {
				message: `Mavi answered "Request has exceeded the limit." ${attempts} times`,
				description: `Mavi uses this answer for different problems: (1) the rate limit of 1 request per second per endpoint was hit, for example by another workflow using the same account; (2) a parameter Mavi rejected, such as a model it does not offer; or (3) the asset ID is invalid, was deleted, or the asset is not ready yet (its status must be SUCCESS; use Asset → Get Status or Upload with "Wait Until Ready").${said}`,
			};
		case 'limited':
			return {
				message: `Mavi's rate limit turned the request away ${attempts} times`,
				description: `Mavi allows 1 request per second per account and endpoint (${endpoint}), and something else kept using it: another workflow, another n8n worker or another key of the same account. The request was not processed; run it again when the account is less busy.`,
			};
		case 'busy':
		case 'lost':
			// Errno codes stay out of the message: n8n would swap such a message for a generic one.
			return {
				message:
					status === undefined
						? `The connection to Mavi failed ${attempts} times`
						: `Mavi kept failing with HTTP ${status} after ${attempts} attempts`,
				description: `The request to ${endpoint} was retried with backoff and did not succeed (${serverMessage || 'no answer'}). Try again later.`,
			};
		case 'network':
			return {
				message: 'Could not connect to Mavi',
				description: `Check the Base URL in the Mavi API credential and that the host is reachable (${serverMessage || 'connection failed'}).`,
			};
		default:
			return {
				message: `Mavi rejected the request to ${endpoint}${status ? ` (HTTP ${status})` : ''}${serverMessage ? `: ${serverMessage}` : ''}`,
				description: 'Check the node parameters; retrying the same request will not help.',
			};
	}
}

/** Replaces every occurrence of each secret, so even an echoing server cannot leak one. */
export function redact(text: string, secrets: string[]): string {
	return redactText(
		text,
		secrets.filter((secret) => secret.length >= 4),
	);
}

/**
 * A NodeApiError built only from plain, redacted fields. n8n's own request errors carry the
 * request config (including the Authorization header) in `cause`, so they are never passed on.
 */
export function buildApiError(
	node: INode,
	details: FailureDetails,
	itemIndex: number,
	secrets: string[],
): NodeApiError {
	const safe = { ...details, serverMessage: redact(details.serverMessage, secrets) };
	const { message, description } = headline(safe);
	const response: JsonObject = {
		message: redact(message, secrets),
		kind: safe.kind,
		endpoint: safe.endpoint,
		attempts: safe.attempts,
		...(safe.status === undefined ? {} : { status: safe.status }),
		...(safe.serverMessage ? { serverMessage: safe.serverMessage } : {}),
		...(safe.kind === 'lost' && safe.creates ? { mayHaveCreated: safe.creates } : {}),
	};
	const error = new NodeApiError(node, response, {
		message: redact(message, secrets),
		description: redact(description, secrets),
		// An HTTP status, never an errno code, which n8n would replace with a generic message.
		httpCode: safe.status === undefined ? undefined : String(safe.status),
		itemIndex,
	});
	// For an operation that reads the failure its own way (a delete whose first answer was lost).
	Object.assign(error.context, {
		kind: safe.kind,
		serverMessage: safe.serverMessage,
		afterLostAnswer: safe.afterLostAnswer === true,
	});
	return error;
}

/**
 * A 3xx: not followed, since the API key would go along. Names only the origin it points to,
 * never the rest of the address (it may carry anything).
 */
export function redirectError(
	node: INode,
	endpoint: string,
	status: number,
	location: unknown,
	baseUrl: string,
	itemIndex: number,
): NodeApiError {
	let target = 'an address it did not give';
	if (typeof location === 'string' && location !== '') {
		try {
			target = new URL(location, baseUrl).origin;
		} catch {
			target = 'an address that is not a valid URL';
		}
	}
	const message = `The Base URL redirected the request to ${endpoint} to ${target} (HTTP ${status}); the request was not sent there`;
	const description =
		'Redirects are not followed, so the API key never goes to another address. Set the Base URL in the Mavi API credential to the address Mavi answers at directly.';
	return new NodeApiError(
		node,
		{ message, endpoint, status },
		{ message, description, httpCode: String(status), itemIndex },
	);
}

/** Plain message for a body that is not what the docs describe. */
export function unexpectedResponseError(
	node: INode,
	endpoint: string,
	problem: string,
	itemIndex: number,
	secrets: string[],
	creates?: Creation,
): NodeApiError {
	const message = redact(
		`Mavi returned an unexpected response from ${endpoint}: ${problem}`,
		secrets,
	);
	const report =
		'The response did not match the documented format. If this persists, please report it with the field named above.';
	// An unreadable answer to a creating request: Mavi may have acted on it all the same.
	const note = unreadableAnswerNote(creates);
	return new NodeApiError(
		node,
		{ message, endpoint },
		{ message, description: note ? `${report} ${note}` : report, itemIndex },
	);
}
