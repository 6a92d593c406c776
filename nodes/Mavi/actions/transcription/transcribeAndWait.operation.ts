import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { OutputMode } from '../../helpers/segments';
import {
	assetIdProperty,
	getTranscriptionBody,
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
	const body = getTranscriptionBody.call(this, itemIndex);
	const output = this.getNodeParameter('output', itemIndex) as OutputMode;
	return await transcribeSync.call(
		this,
		itemIndex,
		'/transcriptions/sync-generate-audio',
		body,
		'whisper',
		output,
		body.model,
	);
}
