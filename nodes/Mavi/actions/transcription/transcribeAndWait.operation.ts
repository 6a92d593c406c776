import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { speakerNamesOption } from '../../helpers/speakerNames';
import {
	assetIdProperty,
	getOutput,
	getSpeakerNames,
	optionsProperty,
	getTranscriptionBody,
	modelProperty,
	outputProperty,
	speakerProperty,
} from '../common.descriptions';
import type { SendItem } from '../node.type';
import { transcribeSync } from '../syncTranscription';
import { attachRequestedSubtitles, attachSubtitlesOption } from '../subtitleFiles';
import { answersCompactly, compactAnswer, outputToBuild, toolAnswerOption } from '../toolAnswer';

const properties: INodeProperties[] = [
	assetIdProperty,
	modelProperty,
	speakerProperty,
	outputProperty,
	optionsProperty([attachSubtitlesOption, speakerNamesOption, toolAnswerOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transcription'], operation: ['transcribeAndWait'] } },
	properties,
);

export function prepare(this: IExecuteFunctions, itemIndex: number): SendItem {
	const body = getTranscriptionBody.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const compact = answersCompactly.call(this, options);
	const output = outputToBuild(compact, getOutput.call(this, itemIndex));
	const names = getSpeakerNames.call(this, itemIndex, options);
	return async () => {
		const items = await transcribeSync.call(
			this,
			itemIndex,
			'/transcriptions/sync-generate-audio',
			body,
			'whisper',
			output,
			body.model,
			names,
		);
		if (compact) return [compactAnswer(items[0])];
		return await attachRequestedSubtitles.call(this, items, output, options, body.asset_id);
	};
}
