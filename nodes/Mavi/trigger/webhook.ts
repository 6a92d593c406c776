import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { redactorFor, scrubSecrets } from '../helpers/redaction';

import { allowsCallbacksWithoutToken, expectedToken, MIN_TOKEN_LENGTH, SHORT_TOKEN } from './auth';
import type { CallbackResult } from './callback';
import { checkEnvelope, classifyCallback, toJsonObject } from './callback';
import { remember, wasSeen } from './dedupe';
import { buildItems } from './items';
import type { RequestExtras } from './items';
import { requestScope } from './lifecycle';
import { logRefusal } from './log';
import type { Refusal } from './log';
import {
	bodyCannotHold,
	headersWithoutSecrets,
	MISSING_OR_WRONG,
	presentedToken,
	queryWithoutToken,
	requestBody,
	unsupportedContentType,
} from './request';
import { readSettings } from './settings';
import type { TriggerSettings } from './settings';
import { tokensMatch } from './token';

/** Answers the request directly, so no execution starts, and says why in n8n's log. */
function refuse(
	context: IWebhookFunctions,
	refusal: Refusal,
	body: IDataObject,
	secret: string,
): IWebhookResponseData {
	logRefusal(context, refusal, secret);
	context.getResponseObject().status(refusal.status).json(body);
	return { noWebhookResponse: true };
}

function rejection(status: number, reason: string): [Refusal, IDataObject] {
	return [{ status, reason }, { error: reason }];
}

function acknowledgement(taskId: string, reason: string, flag: 'ignored' | 'duplicate') {
	const refusal: Refusal = { status: 200, reason, taskId };
	return [refusal, { received: true, [flag]: true, reason, task_id: taskId }] as const;
}

function reasonToIgnore(result: CallbackResult, settings: TriggerSettings): string | undefined {
	if (result.kind === 'failure' && settings.ignoreFailed) {
		return 'Failed task ("Ignore Failed Tasks" is on)';
	}
	if (result.kind === 'diarization' && !settings.includeDiarization) {
		return 'Speaker diarization result ("Include Speaker Diarization Results" is off)';
	}
	if (result.kind === 'other' && !settings.passThroughOther) {
		return `${result.reason} ("Pass Through Other Results" is off)`;
	}
	return undefined;
}

function requestExtras(context: IWebhookFunctions, settings: TriggerSettings, body: object) {
	const extras: RequestExtras = {};
	if (settings.includeRawPayload) extras.rawPayload = body;
	if (settings.includeHeaders) {
		extras.headers = headersWithoutSecrets(context);
		extras.query = queryWithoutToken(context);
	}
	return extras;
}

/** Why the request may not start anything, or undefined when its token (or the opt-in) lets it. */
function authenticationFailure(context: IWebhookFunctions, token: string): string | undefined {
	if (token === '') {
		if (allowsCallbacksWithoutToken(context)) return undefined;
		return 'The Mavi API credential has no Webhook Token and "Allow Callbacks Without Token" is off';
	}
	// Set after publishing (activation refuses it), so this process may still be serving it.
	if (token.length < MIN_TOKEN_LENGTH) return SHORT_TOKEN;
	const presented = presentedToken(context);
	if (!presented.ok) return presented.reason;
	return tokensMatch(presented.token, token) ? undefined : MISSING_OR_WRONG;
}

/**
 * One Mavi callback: token, then JSON and envelope, then filter and duplicates, then the
 * segments. Only a broken envelope (or a missing token) is refused; every callback that starts
 * nothing is answered here with JSON and leaves one line in n8n's log.
 */
export async function receiveCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	let token: string;
	try {
		token = await expectedToken(this);
	} catch (error) {
		this.logger.error(
			`Mavi Transcription Trigger: the Mavi API credential could not be loaded: ${(error as Error).message}`,
		);
		const reason = 'The Mavi API credential of this trigger could not be loaded';
		this.getResponseObject().status(500).json({ error: reason });
		return { noWebhookResponse: true };
	}
	const unauthenticated = authenticationFailure(this, token);
	if (unauthenticated !== undefined) {
		return refuse(this, ...rejection(401, unauthenticated), token);
	}

	const wrongType = unsupportedContentType(this);
	if (wrongType !== undefined) return refuse(this, ...rejection(400, wrongType), token);
	const json = toJsonObject(await requestBody(this));
	if (!json.ok) return refuse(this, ...rejection(400, json.error), token);
	const envelope = checkEnvelope(json.value);
	if (!envelope.ok) return refuse(this, ...rejection(400, envelope.error), token);

	const settings = readSettings(this);
	const taskId = envelope.envelope.task_id;
	if (settings.taskIds.size > 0 && !settings.taskIds.has(taskId.toLowerCase())) {
		const reason = 'task_id is not one of the Task IDs of this trigger';
		return refuse(this, ...acknowledgement(taskId, reason, 'ignored'), token);
	}
	const scope = requestScope(this);
	if (settings.ignoreDuplicates && wasSeen(scope, taskId)) {
		const reason = 'Duplicate delivery: this task_id already started an execution';
		return refuse(this, ...acknowledgement(taskId, reason, 'duplicate'), token);
	}

	const result = classifyCallback(envelope.envelope);
	const reason = reasonToIgnore(result, settings);
	if (reason !== undefined)
		return refuse(this, ...acknowledgement(taskId, reason, 'ignored'), token);

	const extras = requestExtras(this, settings, json.value);
	// The token is scrubbed by value wherever it could be; the items only when the body could
	// hold it at all, which spares a walk over every segment of almost every callback.
	const redactor = redactorFor([token]);
	scrubSecrets(extras.headers, redactor);
	scrubSecrets(extras.query, redactor);
	const items = buildItems(result, settings.output, json.value, extras);
	if (!bodyCannotHold(this, redactor)) scrubSecrets(items, redactor);
	// Only now, right before n8n starts the execution, is the task remembered as emitted.
	remember(scope, taskId);
	return { workflowData: [items], webhookResponse: { received: true, task_id: taskId } };
}
