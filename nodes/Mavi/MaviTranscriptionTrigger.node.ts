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
		version: 1,
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
				// Without responseData n8n answers the literal text "firstEntryJson". This expression
				// yields an object, which n8n sends as JSON. n8n 2.x evaluates it once the execution
				// exists; 1.x before, without $execution, so the answer there has no executionId.
				responseData:
					'={{ { "received": true, "executionId": $execution ? $execution.id : undefined } }}',
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
