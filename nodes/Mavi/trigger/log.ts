import type { IWebhookFunctions } from 'n8n-workflow';

import { redactText } from '../helpers/redaction';

/** Why a callback started no execution; `status` is what Mavi was answered. */
export interface Refusal {
	status: number;
	reason: string;
	taskId?: string;
}

// A task_id comes from the request: bounded and quoted, so it cannot forge or flood log lines.
function quotedTaskId(taskId: string, secret: string): string {
	// Redacted before it is cut, so a cut cannot leave part of the token behind.
	const safe = redactText(taskId, [secret]);
	return JSON.stringify(safe.length > 80 ? `${safe.slice(0, 80)}…` : safe);
}

/**
 * One line in n8n's log per callback that started nothing, so "the trigger never fires" can be
 * diagnosed. Never the token or the body; the task_id when the envelope had one.
 */
export function logRefusal(context: IWebhookFunctions, refusal: Refusal, secret: string): void {
	const workflow = context.getWorkflow();
	const node = context.getNode();
	const taskId =
		refusal.taskId === undefined ? 'no task_id' : `task_id ${quotedTaskId(refusal.taskId, secret)}`;
	const line =
		`Mavi Transcription Trigger "${node.name}" (workflow ${workflow.id ?? '?'}): callback started no execution, ` +
		`HTTP ${refusal.status}: ${refusal.reason} (${taskId})`;
	if (refusal.status >= 400) context.logger.warn(line);
	else context.logger.info(line);
}
