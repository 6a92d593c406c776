import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { SpeechProvider } from '../../helpers/speechToText';
import type { Checked } from '../../helpers/validation';

/**
 * Transcribe From URL's provider options, as Mavi documents them per provider (ElevenLabs:
 * model_id, timestamps_granularity, source_lang/target_lang; AssemblyAI: speech_model, PII
 * redaction, auto_chapters, summarization, entity_detection, word_boost, custom_spelling), plus
 * Additional Provider Fields sent unchanged for what Mavi adds later.
 */

const onlyFor = (provider: SpeechProvider) => ({ show: { '/provider': [provider] } });
const ELEVENLABS = onlyFor('elevenlabs');
const ASSEMBLYAI = onlyFor('assemblyai');

const PII_POLICIES = [
	'credit_card_number',
	'date_of_birth',
	'email_address',
	'location',
	'medical_condition',
	'person_name',
	'phone_number',
	'us_social_security_number',
];
// The policies of the PII Policies field's default, for a switch turned on by an expression.
const DEFAULT_PII_POLICIES = ['email_address', 'person_name', 'phone_number'];
const choices = (values: string[]) =>
	values.map((value) => ({ name: value.replace(/_/g, ' '), value }));

/** Sorted by name, as n8n lists a collection's options. */
export const providerOptionProperties: INodeProperties[] = [
	{
		displayName: 'Additional Provider Fields (JSON)',
		name: 'additionalFields',
		type: 'json',
		default: '{}',
		description:
			'More fields for the provider, sent unchanged in the request body (for options Mavi adds later), e.g. {"filter_profanity": true}',
	},
	{
		displayName: 'Auto Chapters',
		name: 'autoChapters',
		type: 'boolean',
		default: false,
		description: 'Whether AssemblyAI splits the transcript into chapters with a summary each',
		displayOptions: ASSEMBLYAI,
	},
	{
		displayName: 'Custom Spelling',
		name: 'customSpelling',
		type: 'string',
		default: '',
		placeholder: 'e.g. Ariana|Aryana=Arianna, sequel=SQL',
		description:
			'Spelling corrections as heard=written pairs separated by commas; several heard forms separated by |',
		displayOptions: ASSEMBLYAI,
	},
	{
		displayName: 'Entity Detection',
		name: 'entityDetection',
		type: 'boolean',
		default: false,
		description: 'Whether AssemblyAI lists the names, places and other entities it hears',
		displayOptions: ASSEMBLYAI,
	},
	{
		displayName: 'Model',
		name: 'modelId',
		type: 'options',
		options: [
			{ name: 'Scribe V1', value: 'scribe_v1' },
			{ name: 'Scribe V2', value: 'scribe_v2' },
		],
		default: 'scribe_v2',
		description: 'The ElevenLabs model',
		displayOptions: ELEVENLABS,
	},
	{
		displayName: 'PII Policies',
		name: 'redactPiiPolicies',
		type: 'multiOptions',
		options: choices(PII_POLICIES),
		default: ['email_address', 'person_name', 'phone_number'],
		description: 'What PII Redaction removes',
		displayOptions: ASSEMBLYAI,
	},
	{
		displayName: 'PII Redaction',
		name: 'redactPii',
		type: 'boolean',
		default: false,
		description:
			'Whether AssemblyAI replaces personal information (names, phone numbers, emails …, see PII Policies) in the text',
		displayOptions: ASSEMBLYAI,
	},
	{
		displayName: 'PII Replacement',
		name: 'redactPiiSub',
		type: 'options',
		options: [
			{ name: 'Entity Name', value: 'entity_name' },
			{ name: 'Hash', value: 'hash' },
		],
		default: 'hash',
		description: 'What replaces redacted text: #### or the kind of entity, e.g. [PERSON_NAME]',
		displayOptions: ASSEMBLYAI,
	},
	{
		displayName: 'Speech Model',
		name: 'speechModel',
		type: 'options',
		options: [
			{ name: 'Best', value: 'best' },
			{ name: 'Nano', value: 'nano' },
			{ name: 'Slam-1', value: 'slam-1' },
			{ name: 'Universal', value: 'universal' },
		],
		default: 'universal',
		description: 'The AssemblyAI speech model',
		displayOptions: ASSEMBLYAI,
	},
	{
		displayName: 'Summarization',
		name: 'summarization',
		type: 'boolean',
		default: false,
		description: 'Whether AssemblyAI adds a summary of the whole recording',
		displayOptions: ASSEMBLYAI,
	},
	{
		displayName: 'Summary Type',
		name: 'summaryType',
		type: 'options',
		options: choices(['bullets', 'bullets_verbose', 'gist', 'headline', 'paragraph']),
		default: 'bullets',
		description: 'The form of the summary (with Summarization on)',
		displayOptions: ASSEMBLYAI,
	},
	{
		displayName: 'Tag Audio Events',
		name: 'tagAudioEvents',
		type: 'boolean',
		default: true,
		description: 'Whether ElevenLabs marks sounds such as (laughter) or (applause) in the text',
		displayOptions: ELEVENLABS,
	},
	{
		displayName: 'Timestamps Granularity',
		name: 'timestampsGranularity',
		type: 'options',
		options: choices(['none', 'segment', 'word']),
		default: 'word',
		description:
			'How finely ElevenLabs times the text; without word times the transcript is one segment',
		displayOptions: ELEVENLABS,
	},
	{
		displayName: 'Translate From',
		name: 'sourceLang',
		type: 'string',
		default: '',
		placeholder: 'e.g. de',
		description: 'Source language for an ElevenLabs translation (source_lang)',
		displayOptions: ELEVENLABS,
	},
	{
		displayName: 'Translate To',
		name: 'targetLang',
		type: 'string',
		default: '',
		placeholder: 'e.g. en',
		description: 'Target language for an ElevenLabs translation (target_lang)',
		displayOptions: ELEVENLABS,
	},
	{
		displayName: 'Word Boost',
		name: 'wordBoost',
		type: 'string',
		default: '',
		placeholder: 'e.g. Mavi, memories.ai, n8n',
		description: 'Words or phrases AssemblyAI should expect, separated by commas',
		displayOptions: ASSEMBLYAI,
	},
];

// The node owns these: Additional Provider Fields may not change where the audio comes from.
const OWNED_FIELDS = new Set(['provider', 'url', 'source_url', 'asset_id']);

function list(text: unknown): string[] {
	return typeof text === 'string'
		? text
				.split(/[,\n]/)
				.map((s) => s.trim())
				.filter(Boolean)
		: [];
}

function customSpelling(text: unknown): Checked<IDataObject[]> {
	const rules: IDataObject[] = [];
	for (const entry of list(text)) {
		const [heard, written, ...rest] = entry.split('=').map((s) => s.trim());
		const from = (heard ?? '')
			.split('|')
			.map((s) => s.trim())
			.filter(Boolean);
		if (rest.length > 0 || !written || from.length === 0) {
			return { ok: false, error: `The "Custom Spelling" option: "${entry}" is not heard=written` };
		}
		rules.push({ from, to: written });
	}
	return { ok: true, value: rules };
}

function additionalFields(raw: unknown): Checked<IDataObject> {
	let value: unknown = raw ?? {};
	if (typeof value === 'string') {
		try {
			value = value.trim() === '' ? {} : (JSON.parse(value) as unknown);
		} catch {
			return {
				ok: false,
				error: 'The "Additional Provider Fields (JSON)" option is not valid JSON',
			};
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return {
			ok: false,
			error: 'The "Additional Provider Fields (JSON)" option must be a JSON object',
		};
	}
	const owned = Object.keys(value).find((key) => OWNED_FIELDS.has(key));
	if (owned !== undefined) {
		return {
			ok: false,
			error: `The "Additional Provider Fields (JSON)" option may not set ${owned}: use the node's own field`,
		};
	}
	return { ok: true, value: value as IDataObject };
}

/** The body fields of the chosen options; what does not belong to `provider` is not sent. */
export function providerFields(
	provider: SpeechProvider,
	options: IDataObject,
): Checked<IDataObject> {
	const body: IDataObject = {};
	if (provider === 'elevenlabs') {
		if (options.modelId) body.model_id = options.modelId;
		body.timestamps_granularity = options.timestampsGranularity ?? 'word';
		if (typeof options.tagAudioEvents === 'boolean') body.tag_audio_events = options.tagAudioEvents;
		if (options.sourceLang) body.source_lang = options.sourceLang;
		if (options.targetLang) body.target_lang = options.targetLang;
	} else {
		if (options.speechModel) body.speech_model = options.speechModel;
		if (options.redactPii === true) {
			body.redact_pii = true;
			body.redact_pii_policies = options.redactPiiPolicies ?? DEFAULT_PII_POLICIES;
			if (options.redactPiiSub) body.redact_pii_sub = options.redactPiiSub;
		}
		if (options.autoChapters === true) body.auto_chapters = true;
		if (options.entityDetection === true) body.entity_detection = true;
		if (options.summarization === true) {
			body.summarization = true;
			body.summary_type = options.summaryType ?? 'bullets';
		}
		const boost = list(options.wordBoost);
		if (boost.length > 0) body.word_boost = boost;
		const spelling = customSpelling(options.customSpelling);
		if (!spelling.ok) return spelling;
		if (spelling.value.length > 0) body.custom_spelling = spelling.value;
	}
	const extra = additionalFields(options.additionalFields);
	if (!extra.ok) return extra;
	return { ok: true, value: { ...body, ...extra.value } };
}
