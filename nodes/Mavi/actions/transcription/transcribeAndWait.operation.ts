import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OutputMode } from '../../helpers/segments';
import {
	assetIdProperty,
	getAssetId,
	modelProperty,
	outputProperty,
	speakerProperty,
} from '../common.descriptions';
import { transcribeSync } from '../shared';

const properties: INodeProperties[] = [
	assetIdProperty,
	modelProperty,
	speakerProperty,
	outputProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transcription'], operation: ['transcribeAndWait'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const assetId = getAssetId.call(this, itemIndex);
	const model = this.getNodeParameter('model', itemIndex) as string;
	const speaker = this.getNodeParameter('speaker', itemIndex) as boolean;
	const output = this.getNodeParameter('output', itemIndex) as OutputMode;
	return await transcribeSync.call(
		this,
		itemIndex,
		'/transcriptions/sync-generate-audio',
		{ asset_id: assetId, model, speaker },
		'whisper',
		output,
		model,
	);
}
