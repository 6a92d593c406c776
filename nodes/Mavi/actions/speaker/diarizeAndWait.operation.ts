import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { speakerNamesOption } from '../../helpers/speakerNames';
import {
	assetIdProperty,
	getAssetId,
	getOutput,
	getSpeakerNames,
	optionsProperty,
	outputProperty,
} from '../common.descriptions';
import type { SendItem } from '../node.type';
import { transcribeSync } from '../syncTranscription';

const properties: INodeProperties[] = [
	assetIdProperty,
	outputProperty,
	optionsProperty([speakerNamesOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['speaker'], operation: ['diarizeAndWait'] } },
	properties,
);

// Diarization only: who spoke when, no text (segment items have text null).
export function prepare(this: IExecuteFunctions, itemIndex: number): SendItem {
	const assetId = getAssetId.call(this, itemIndex);
	const output = getOutput.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const names = getSpeakerNames.call(this, itemIndex, options);
	return async () =>
		await transcribeSync.call(
			this,
			itemIndex,
			'/transcriptions/sync-generate-speaker',
			{ asset_id: assetId },
			'diarization',
			output,
			null,
			names,
		);
}
