import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OutputMode } from '../../helpers/segments';
import { assetIdProperty, getAssetId, outputProperty } from '../common.descriptions';
import { transcribeSync } from '../syncTranscription';

const properties: INodeProperties[] = [assetIdProperty, outputProperty];

export const description = updateDisplayOptions(
	{ show: { resource: ['speaker'], operation: ['diarizeAndWait'] } },
	properties,
);

// Diarization only: who spoke when, no text (segment items have text null).
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const assetId = getAssetId.call(this, itemIndex);
	const output = this.getNodeParameter('output', itemIndex) as OutputMode;
	return await transcribeSync.call(
		this,
		itemIndex,
		'/transcriptions/sync-generate-speaker',
		{ asset_id: assetId },
		'diarization',
		output,
		null,
	);
}
