import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { triggerPanel, triggerProperties } from './trigger/description';
import { checkExists, create, remove } from './trigger/lifecycle';
import { receiveCallback } from './trigger/webhook';

export class MaviTranscriptionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mavi Transcription Trigger',
		name: 'maviTranscriptionTrigger',
		icon: { light: 'file:../../icons/mavi.svg', dark: 'file:../../icons/mavi.dark.svg' },
		group: ['trigger'],
		// 1.1: n8n skips, for each callback, the expression it evaluates for version-1 webhook
		// nodes (`options.binaryData`), which cost a cold expression isolate in n8n 2.x. The
		// trigger behaves the same in both versions.
		// 1.2: Include Summaries is on by default (off in 1 and 1.1, which keep their behaviour).
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		subtitle: '={{"Output: " + $parameter["output"]}}',
		description:
			'Starts the workflow when a Mavi transcription finishes: one item per transcript segment',
		defaults: { name: 'Mavi Transcription Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'maviApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Empty, so n8n sends the webhookResponse that webhook() returns with the items. An
				// expression here (e.g. $execution.id) is evaluated in an expression isolate twice per
				// callback, which cost about 28 ms at 10,000 segments in n8n 2.41 (bench P1).
				responseData: '',
				path: 'mavi',
			},
		],
		triggerPanel,
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCallback.call(this);
	}
}
