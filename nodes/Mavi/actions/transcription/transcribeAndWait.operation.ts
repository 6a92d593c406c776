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
import type { OperationResult } from '../node.type';
import { transcribeSync } from '../syncTranscription';
import { attachRequestedSubtitles, attachSubtitlesOption } from '../subtitleFiles';

const properties: INodeProperties[] = [
	assetIdProperty,
	modelProperty,
	speakerProperty,
	outputProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [attachSubtitlesOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transcription'], operation: ['transcribeAndWait'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const body = getTranscriptionBody.call(this, itemIndex);
	const output = this.getNodeParameter('output', itemIndex) as OutputMode;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const items = await transcribeSync.call(
		this,
		itemIndex,
		'/transcriptions/sync-generate-audio',
		body,
		'whisper',
		output,
		body.model,
	);
	return await attachRequestedSubtitles.call(this, items, output, options, body.asset_id);
}
