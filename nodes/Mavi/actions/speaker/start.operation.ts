import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assetIdProperty, getAssetId } from '../common.descriptions';
import type { SendItem } from '../node.type';
import { startTask } from '../startTask';

const properties: INodeProperties[] = [
	assetIdProperty,
	{
		displayName:
			'The result is delivered to the Mavi Transcription Trigger (with Include Diarization on) via the webhook URL set in the Mavi console',
		name: 'webhookNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['speaker'], operation: ['start'] } },
	properties,
);

const ENDPOINT = '/transcriptions/async-generate-speaker';

export function prepare(this: IExecuteFunctions, itemIndex: number): SendItem {
	const assetId = getAssetId.call(this, itemIndex);
	return async () => {
		const body = { asset_id: assetId };
		const taskId = await startTask.call(this, itemIndex, ENDPOINT, body, 'diarizationTask');
		return [{ task_id: taskId, asset_id: assetId }];
	};
}
