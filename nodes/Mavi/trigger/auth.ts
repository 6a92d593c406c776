import { randomUUID } from 'crypto';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../transport';
import { cachedToken, cacheToken } from './token';

/** The node parameter that lets a credential without a Webhook Token receive callbacks. */
export const ALLOW_WITHOUT_TOKEN = 'allowUnauthenticated';

type TriggerContext = IHookFunctions | IWebhookFunctions;

function credentialId(context: TriggerContext): string | undefined {
	const id = context.getNode().credentials?.[CREDENTIAL_NAME]?.id;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

async function readToken(context: TriggerContext): Promise<string> {
	const credentials = await context.getCredentials<{ webhookToken?: unknown }>(CREDENTIAL_NAME);
	return typeof credentials.webhookToken === 'string' ? credentials.webhookToken.trim() : '';
}

export function allowsCallbacksWithoutToken(context: TriggerContext): boolean {
	return context.getNodeParameter(ALLOW_WITHOUT_TOKEN, false) === true;
}

// Written into the node's static data on every activation. n8n saves it with the workflow, and
// every process (in queue mode the webhook processes too) reads it with the workflow for each
// request, so a republish makes every process read the Webhook Token afresh.
const ACTIVATION_KEY = 'webhookTokenActivation';

function activationOf(context: IWebhookFunctions): string {
	const activation = context.getWorkflowStaticData('node')[ACTIVATION_KEY];
	return typeof activation === 'string' ? activation : '';
}

/**
 * The Webhook Token a callback must present, '' when the credential has none. Cached per
 * credential and activation: a changed token counts after TOKEN_CACHE_MS, or at once after a
 * republish.
 */
export async function expectedToken(context: IWebhookFunctions): Promise<string> {
	const id = credentialId(context);
	const key = id === undefined ? undefined : `${id}\u0000${activationOf(context)}`;
	const cached = key === undefined ? undefined : cachedToken(key);
	if (cached !== undefined) return cached;
	const token = await readToken(context);
	if (key !== undefined) cacheToken(key, token);
	return token;
}

/** A shorter Webhook Token could be guessed; `openssl rand -hex 32` makes a good one. */
export const MIN_TOKEN_LENGTH = 16;

export const SHORT_TOKEN = `The Webhook Token of the Mavi API credential is shorter than ${MIN_TOKEN_LENGTH} characters`;

const GOOD_TOKEN_HELP =
	'Make a long random one, e.g. with `openssl rand -hex 32` (64 characters), put it in the Mavi API credential and in the URL in the Mavi console (?token=…), then publish the workflow again.';

/**
 * Publishing (or listening for a test event) fails while the trigger would accept anyone's
 * callbacks, or callbacks with a token short enough to guess: no Webhook Token in the credential
 * and no explicit opt-in, or a token shorter than MIN_TOKEN_LENGTH.
 */
export async function assertSecuredOnActivation(context: IHookFunctions): Promise<void> {
	const token = await readToken(context);
	if (token !== '' && token.length < MIN_TOKEN_LENGTH) {
		throw new NodeOperationError(context.getNode(), SHORT_TOKEN, {
			description: `Anyone could guess it and start this workflow. ${GOOD_TOKEN_HELP}`,
		});
	}
	if (token !== '' || allowsCallbacksWithoutToken(context)) {
		// A republish is the documented way to make a changed token count at once.
		context.getWorkflowStaticData('node')[ACTIVATION_KEY] = randomUUID();
		return;
	}
	throw new NodeOperationError(
		context.getNode(),
		'The Mavi API credential of this trigger has no Webhook Token, so anyone who learns the webhook URL could start this workflow',
		{
			description: `Set a Webhook Token in the Mavi API credential and add ?token=<that token> to the URL in the Mavi console, or turn on "Allow Callbacks Without Token" in the trigger. ${GOOD_TOKEN_HELP}`,
		},
	);
}
