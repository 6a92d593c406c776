import type { IDataObject } from 'n8n-workflow';

import type { SpeechProvider } from '../../helpers/speechToText';
import type { Checked } from '../../helpers/validation';

/** The request body fields of Transcribe From URL's provider options (providerOptions.ts). */

// The policies of the PII Policies field's default, for a switch turned on by an expression.
const DEFAULT_PII_POLICIES = ['email_address', 'person_name', 'phone_number'];

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
