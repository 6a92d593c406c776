import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkAssetId } from '../helpers/validation';

export const assetIdProperty: INodeProperties = {
	displayName: 'Asset ID',
	name: 'assetId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 're_657929111888723968',
	description:
		'The ID Mavi gave the uploaded file ("re_" followed by digits), e.g. from the Asset → Upload output',
};

export { outputProperty } from '../helpers/outputOption';

/** Reads and validates the Asset ID parameter; the error names the field and the item. */
export function getAssetId(this: IExecuteFunctions, itemIndex: number): string {
	const checked = checkAssetId(this.getNodeParameter('assetId', itemIndex, ''));
	if (!checked.ok) {
		throw new NodeOperationError(this.getNode(), checked.error, {
			itemIndex,
			description:
				'Use the asset_id returned by Asset → Upload, for example re_657929111888723968.',
		});
	}
	return checked.value;
}

const MODELS = [{ name: 'Whisper 1', value: 'whisper-1' }];

export const modelProperty: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'options',
	default: 'whisper-1',
	options: MODELS,
	description: 'The speech recognition model Mavi uses',
};

/**
 * The Model, one of the list. An expression gets past the options list, and Mavi answers an
 * unknown model with the same 400 as its rate limit, so it is checked here, before any request.
 */
export function getModel(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('model', itemIndex);
	const model = typeof value === 'string' ? value.trim() : value;
	const allowed = MODELS.map((option) => option.value);
	if (typeof model === 'string' && allowed.includes(model)) return model;
	const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value;
	throw new NodeOperationError(
		this.getNode(),
		`The "Model" field must be one of ${allowed.join(', ')}, got ${shown}`,
		{ itemIndex, description: 'Pick the model from the list, or make the expression yield one.' },
	);
}

export const speakerProperty: INodeProperties = {
	displayName: 'Identify Speakers',
	name: 'speaker',
	type: 'boolean',
	default: false,
	description:
		'Whether to label every segment with a speaker (SPEAKER_00, SPEAKER_01, …). Note: this doubles the price of the transcription.',
};

/**
 * Identify Speakers as a real boolean. An expression yielding the text "false" would be truthy
 * and silently double the price, so anything but true or false is refused, naming the field.
 */
export function getSpeakerFlag(this: IExecuteFunctions, itemIndex: number): boolean {
	const value = this.getNodeParameter('speaker', itemIndex, false);
	if (typeof value === 'boolean') return value;
	const shown = typeof value === 'string' ? `the text "${value.slice(0, 20)}"` : typeof value;
	throw new NodeOperationError(
		this.getNode(),
		`The "Identify Speakers" field must be true or false, got ${shown}`,
		{
			itemIndex,
			description:
				'Use a boolean expression such as {{ $json.speakers === true }}; text like "false" is not accepted because identifying speakers doubles the price.',
		},
	);
}

/** The JSON body both transcription operations send, read from the item's parameters. */
export function getTranscriptionBody(
	this: IExecuteFunctions,
	itemIndex: number,
): { asset_id: string; model: string; speaker: boolean } {
	return {
		asset_id: getAssetId.call(this, itemIndex),
		model: getModel.call(this, itemIndex),
		speaker: getSpeakerFlag.call(this, itemIndex),
	};
}
