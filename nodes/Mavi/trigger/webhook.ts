import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { classifyCallback, toJsonObject, validateEnvelope } from '../helpers/callback';
import { remember, wasSeen } from '../helpers/dedupe';
import { anyTokenMatches } from '../helpers/token';
import { buildItems } from './items';
import type { EmittableResult, RequestExtras } from './items';
import { requestScope } from './lifecycle';
import {
	headersWithoutSecrets,
	queryWithoutToken,
	receivedTokens,
	requestBody,
	unsupportedContentType,
} from './request';
import { readSettings } from './settings';
import type { TriggerSettings } from './settings';

/** Answers the request directly, so no execution starts. */
function reply(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

async function expectedToken(context: IWebhookFunctions): Promise<string> {
	const credentials = await context.getCredentials<{ webhookToken?: unknown }>('maviApi');
	return typeof credentials.webhookToken === 'string' ? credentials.webhookToken.trim() : '';
}

function reasonToIgnore(result: EmittableResult, settings: TriggerSettings): string | undefined {
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

/**
 * One Mavi callback: token, then JSON and envelope, then filter and duplicates, then the
 * segments. Every rejection is answered here with JSON and starts no execution.
 */
export async function receiveCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	let token: string;
	try {
		token = await expectedToken(this);
	} catch (error) {
		this.logger.error(
			`Mavi trigger: the credential could not be loaded: ${(error as Error).message}`,
		);
		return reply(this, 500, {
			error: 'The Mavi API credential of this trigger could not be loaded',
		});
	}
	if (token !== '' && !anyTokenMatches(receivedTokens(this), token)) {
		return reply(this, 401, { error: 'Missing or wrong webhook token' });
	}

	const settings = readSettings(this);
	const wrongType = unsupportedContentType(this);
	if (wrongType !== undefined) return reply(this, 400, { error: wrongType });
	const json = toJsonObject(requestBody(this));
	if (!json.ok) return reply(this, 400, { error: json.error });
	const envelope = validateEnvelope(json.value);
	if (!envelope.ok) return reply(this, 400, { error: envelope.error });

	const taskId = envelope.envelope.task_id;
	if (settings.taskIds.size > 0 && !settings.taskIds.has(taskId.toLowerCase())) {
		const reason = 'task_id is not one of the Task IDs of this trigger';
		return reply(this, 200, { received: true, ignored: true, reason, task_id: taskId });
	}
	const scope = requestScope(this);
	if (settings.ignoreDuplicates && wasSeen(scope, taskId)) {
		return reply(this, 200, { received: true, duplicate: true, task_id: taskId });
	}

	const result = classifyCallback(envelope.envelope);
	if (result.kind === 'invalid') return reply(this, 400, { error: result.error });
	const reason = reasonToIgnore(result, settings);
	if (reason !== undefined) {
		return reply(this, 200, { received: true, ignored: true, reason, task_id: taskId });
	}

	const items = buildItems(
		result,
		settings.output,
		json.value,
		requestExtras(this, settings, json.value),
	);
	// Only now, right before n8n starts the execution, is the task remembered as emitted.
	remember(scope, taskId);
	return { workflowData: [items] };
}
