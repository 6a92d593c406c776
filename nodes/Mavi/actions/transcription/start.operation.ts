import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	assetIdProperty,
	getTranscriptionBody,
	modelProperty,
	speakerProperty,
} from '../common.descriptions';
import type { SendItem } from '../node.type';
import { startTask } from '../startTask';

const properties: INodeProperties[] = [
	assetIdProperty,
	modelProperty,
	speakerProperty,
	{
		displayName:
			'The result is delivered to the Mavi Transcription Trigger via the webhook URL set in the Mavi console, not to this node',
		name: 'webhookNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transcription'], operation: ['start'] } },
	properties,
);

const ENDPOINT = '/transcriptions/async-generate-audio';

export function prepare(this: IExecuteFunctions, itemIndex: number): SendItem {
	const body = getTranscriptionBody.call(this, itemIndex);
	return async () => {
		const taskId = await startTask.call(this, itemIndex, ENDPOINT, body, 'transcriptionTask');
		return [{ task_id: taskId, ...body }];
	};
}
