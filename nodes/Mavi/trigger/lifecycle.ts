import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { dedupeScope, forget } from '../helpers/dedupe';

/**
 * Mavi has no API to register a webhook (the URL is typed into its console), so the lifecycle
 * n8n requires only manages local state: the activation time in static data, and the dedupe
 * memory held by the running n8n instance.
 */

// n8n calls delete() with mode 'internal' for test and production alike; the webhook URL (test
// or production) is what tells them apart, so create() records which scope each URL owns.
const scopeByWebhook = new Map<string, string>();

function nodeKey(context: IHookFunctions | IWebhookFunctions): string {
	const node = context.getNode();
	return node.id || node.name;
}

/** The dedupe memory a webhook call uses: one per workflow, node and test/production. */
export function requestScope(context: IWebhookFunctions): string {
	return dedupeScope(context.getWorkflow().id, nodeKey(context), context.getMode());
}

function webhookKey(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default') ?? '';
	return `${context.getWorkflow().id ?? ''}\u0000${nodeKey(context)}\u0000${url}`;
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	return scopeByWebhook.has(webhookKey(this));
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const scope = dedupeScope(this.getWorkflow().id, nodeKey(this), this.getMode());
	scopeByWebhook.set(webhookKey(this), scope);
	this.getWorkflowStaticData('node').activatedAt = new Date().toISOString();
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const key = webhookKey(this);
	const scope = scopeByWebhook.get(key);
	if (scope !== undefined) forget(scope);
	scopeByWebhook.delete(key);
	delete this.getWorkflowStaticData('node').activatedAt;
	return true;
}
