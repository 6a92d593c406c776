import type { INodeProperties } from 'n8n-workflow';

import type { SpeechProvider } from '../../helpers/speechToText';

/**
 * Transcribe From URL's provider options, as Mavi documents them per provider (ElevenLabs:
 * model_id, timestamps_granularity, source_lang/target_lang; AssemblyAI: speech_model, PII
 * redaction, auto_chapters, summarization, entity_detection, word_boost, custom_spelling), plus
 * Additional Provider Fields sent unchanged for what Mavi adds later. The body they make:
 * providerFields.ts.
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
