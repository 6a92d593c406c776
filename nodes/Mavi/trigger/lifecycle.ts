import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { assertSecuredOnActivation } from './auth';
import { dedupeScope, forget } from './dedupe';

/**
 * Mavi has no API to register a webhook (the URL is typed into its console), so the lifecycle
 * n8n requires checks the set-up on activation and manages the state this process holds: the
 * dedupe memory.
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
	await assertSecuredOnActivation(this);
	const scope = dedupeScope(this.getWorkflow().id, nodeKey(this), this.getMode());
	scopeByWebhook.set(webhookKey(this), scope);
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const key = webhookKey(this);
	const scope = scopeByWebhook.get(key);
	if (scope !== undefined) forget(scope);
	scopeByWebhook.delete(key);
	return true;
}
