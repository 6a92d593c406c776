import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { taskDataSchema } from '../../helpers/schemas';
import { maviRequest } from '../../transport';
import {
	assetIdProperty,
	getAssetId,
	modelProperty,
	speakerProperty,
} from '../common.descriptions';

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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const assetId = getAssetId.call(this, itemIndex);
	const model = this.getNodeParameter('model', itemIndex) as string;
	const speaker = this.getNodeParameter('speaker', itemIndex) as boolean;
	const data = await maviRequest.call(
		this,
		itemIndex,
		{
			method: 'POST',
			path: ENDPOINT,
			endpoint: `POST ${ENDPOINT}`,
			body: { asset_id: assetId, model, speaker },
		},
		taskDataSchema,
	);
	return [{ task_id: data.task_id, asset_id: assetId, model, speaker }];
}
