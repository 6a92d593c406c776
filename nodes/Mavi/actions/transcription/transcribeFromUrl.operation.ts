import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { speechToTextDataSchema } from '../../helpers/schemas';
import type { OutputMode } from '../../helpers/transcriptTypes';
import { mapTranscript } from '../../helpers/transcriptItems';
import type { SpeechProvider } from '../../helpers/speechToText';
import type { SpeakerNames } from '../../helpers/speakerNames';
import { renameSpeakers, speakerNamesOption } from '../../helpers/speakerNames';
import { readSpeechResult } from '../../helpers/speechToText';
import { checkLanguageCode, checkMediaUrl } from '../../helpers/validation';
import { maviRequest } from '../../transport';
import {
	assetIdProperty,
	getAssetId,
	getOutput,
	getSpeakerFlag,
	getSpeakerNames,
	optionsProperty,
	outputProperty,
	speakerProperty,
} from '../common.descriptions';
import type { OperationResult, SendItem } from '../node.type';
import { answersCompactly, compactAnswer, outputToBuild, toolAnswerOption } from '../toolAnswer';
import { providerFields } from './providerFields';
import { providerOptionProperties } from './providerOptions';
import { attachRequestedSubtitles, attachSubtitlesOption } from '../subtitleFiles';

const MAX_SPEAKERS = 32;

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Asset ID', value: 'assetId', description: 'A file already uploaded to Mavi' },
			{ name: 'URL', value: 'url', description: 'A public link to the audio or video file' },
		],
		default: 'url',
		description: 'Where Mavi gets the audio from',
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/podcast/episode-12.mp3',
		description:
			'Public http(s) link to the audio or video file to transcribe (Mavi downloads it): a podcast episode, a shared Drive or S3 link',
		displayOptions: { show: { source: ['url'] } },
	},
	{ ...assetIdProperty, displayOptions: { show: { source: ['assetId'] } } },
	{
		displayName: 'Provider',
		name: 'provider',
		type: 'options',
		options: [
			{ name: 'AssemblyAI', value: 'assemblyai' },
			{ name: 'ElevenLabs', value: 'elevenlabs' },
		],
		default: 'elevenlabs',
		description: 'The speech-to-text engine Mavi uses',
	},
	{
		displayName: 'Language',
		name: 'languageCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. en',
		description:
			'ISO 639-1 code of the spoken language, such as en, de or fr. Leave empty to detect it.',
	},
	{
		...speakerProperty,
		description: 'Whether to label every segment with a speaker (SPEAKER_00, SPEAKER_01, …)',
	},
	{
		displayName: 'Number of Speakers',
		name: 'numSpeakers',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_SPEAKERS, numberPrecision: 0 },
		default: 0,
		description:
			'How many people speak, if you know it; 0 lets the provider decide. Sent as num_speakers (ElevenLabs) or speakers_expected (AssemblyAI).',
		displayOptions: { show: { speaker: [true] } },
	},
	outputProperty,
	// n8n lists a collection's options by name.
	optionsProperty(
		[attachSubtitlesOption, speakerNamesOption, toolAnswerOption, ...providerOptionProperties].sort(
			(a, b) => a.name.localeCompare(b.name),
		),
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['transcription'], operation: ['transcribeFromUrl'] } },
	properties,
);

const ENDPOINT = '/transcriptions/speech-to-text';

function fail(
	this: IExecuteFunctions,
	itemIndex: number,
	check: { ok: false; error: string },
): never {
	throw new NodeOperationError(this.getNode(), check.error, { itemIndex });
}

function getNumSpeakers(this: IExecuteFunctions, itemIndex: number): number {
	const value = this.getNodeParameter('numSpeakers', itemIndex, 0);
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SPEAKERS) {
		return value;
	}
	return fail.call(this, itemIndex, {
		ok: false,
		error: `The "Number of Speakers" field must be a whole number from 0 to ${MAX_SPEAKERS}`,
	});
}

interface SpeechRequest {
	body: IDataObject;
	provider: SpeechProvider;
	speakers: boolean;
	language: string | null;
	options: IDataObject;
	output: OutputMode;
	compact: boolean;
	names: SpeakerNames | undefined;
}

/** The request body (source, language and the options each provider documents) and the output. */
function readRequest(this: IExecuteFunctions, itemIndex: number): SpeechRequest {
	const provider = this.getNodeParameter('provider', itemIndex) as SpeechProvider;
	const body: IDataObject = { provider };
	if (this.getNodeParameter('source', itemIndex) === 'assetId') {
		body.asset_id = getAssetId.call(this, itemIndex);
	} else {
		const url = checkMediaUrl(this.getNodeParameter('url', itemIndex, ''));
		body.url = url.ok ? url.value : fail.call(this, itemIndex, url);
	}
	const language = checkLanguageCode(this.getNodeParameter('languageCode', itemIndex, ''));
	if (!language.ok) return fail.call(this, itemIndex, language);
	if (language.value) body.language_code = language.value;
	const speakers = getSpeakerFlag.call(this, itemIndex);
	const numSpeakers = speakers ? getNumSpeakers.call(this, itemIndex) : 0;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (provider === 'assemblyai') {
		body.speaker_labels = speakers;
		if (numSpeakers > 0) body.speakers_expected = numSpeakers;
	} else {
		body.diarize = speakers;
		if (numSpeakers > 0) body.num_speakers = numSpeakers;
	}
	const fields = providerFields(provider, options);
	if (!fields.ok) return fail.call(this, itemIndex, fields);
	Object.assign(body, fields.value);
	const compact = answersCompactly.call(this, options);
	const output = outputToBuild(compact, getOutput.call(this, itemIndex));
	const names = getSpeakerNames.call(this, itemIndex, options);
	return { body, provider, speakers, language: language.value, options, output, compact, names };
}

export function prepare(this: IExecuteFunctions, itemIndex: number): SendItem {
	const request = readRequest.call(this, itemIndex);
	return async () => await transcribe.call(this, itemIndex, request);
}

async function transcribe(
	this: IExecuteFunctions,
	itemIndex: number,
	{ body, provider, speakers, language, options, output, compact, names }: SpeechRequest,
): Promise<OperationResult> {
	const data = await maviRequest.call(
		this,
		itemIndex,
		{
			method: 'POST',
			path: ENDPOINT,
			body,
			long: true,
			// A lost answer may still be billed: not resent, and the error says so.
			creates: 'transcript',
		},
		speechToTextDataSchema,
	);
	// AssemblyAI reports a failed transcription inside a successful envelope.
	if (data.status === 'error') {
		const message = `The ${provider} transcription failed: ${data.error ?? 'no reason given'}`;
		throw new NodeApiError(this.getNode(), { message }, { message, itemIndex });
	}
	const result = readSpeechResult(data, provider, speakers, language);
	renameSpeakers(result.segments, names);
	const meta = { taskId: null, model: result.model, audioDuration: result.audioDuration };
	const items = mapTranscript(result.segments, meta, output).map((item) => ({
		...item,
		language_code: result.languageCode,
	}));
	// What the provider found beyond words (chapters, summary, entities) on the transcript item.
	if (output === 'transcript') Object.assign(items[0], result.extras);
	if (compact) return [compactAnswer(items[0])];
	const source = (body.url ?? body.asset_id) as string;
	return await attachRequestedSubtitles.call(this, items, output, options, source);
}
