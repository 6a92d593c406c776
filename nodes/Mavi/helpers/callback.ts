import { z } from 'zod';

import { DIARIZATION_KEYS, normalizeSegments, toFiniteNumber, WHISPER_KEYS } from './normalize';
import type { TranscriptMeta, TranscriptSegment } from './segments';

/**
 * Parses and classifies what Mavi POSTs to the webhook URL. zod checks only the small envelope;
 * the segment array (up to ~100,000 entries) is checked by the one-pass normalizer instead.
 */

export const SUCCESS_CODES: ReadonlySet<unknown> = new Set<unknown>([200, '200', '0000']);

const TASK_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

export const callbackEnvelopeSchema = z
	.object({
		task_id: z
			.string()
			.regex(TASK_ID_PATTERN, "must be 1-128 letters, digits, '-', '_', '.' or ':'"),
		code: z.union([z.number(), z.string()]).optional(),
		message: z.string().nullable().optional(),
		msg: z.string().nullable().optional(),
		success: z.boolean().nullable().optional(),
		failed: z.boolean().nullable().optional(),
		data: z
			.object({
				data: z.unknown().optional(),
				msg: z.string().nullable().optional(),
				success: z.boolean().nullable().optional(),
			})
			.passthrough()
			.nullable()
			.optional(),
	})
	.passthrough();

export type CallbackEnvelope = z.infer<typeof callbackEnvelopeSchema>;

export type EnvelopeResult =
	| { ok: true; envelope: CallbackEnvelope }
	| { ok: false; error: string };

export type CallbackResult =
	| { kind: 'invalid'; error: string }
	| { kind: 'failure'; taskId: string; error: string; code: string | number | null }
	| {
			kind: 'transcription' | 'diarization';
			taskId: string;
			segments: TranscriptSegment[];
			meta: TranscriptMeta;
	  }
	| { kind: 'other'; taskId: string; reason: string };

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeIssue(issue: z.ZodIssue): string {
	const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
	if (issue.code === 'invalid_type') {
		if (issue.received === 'undefined') return `${path} is required`;
		return `${path} must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
	}
	if (issue.code === 'invalid_union') return `${path} must be a number or a string`;
	return `${path} ${issue.message}`;
}

/**
 * Turns the request body into a JSON object. n8n has already parsed `application/json`; other
 * content types can arrive as a string or a Buffer (the raw bytes), which are parsed here.
 */
export function toJsonObject(
	body: unknown,
): { ok: true; value: object } | { ok: false; error: string } {
	let value = body;
	if (typeof value === 'string' || value instanceof Uint8Array) {
		const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
		if (text.trim() === '')
			return { ok: false, error: 'The body is empty; expected a JSON object' };
		try {
			value = JSON.parse(text) as unknown;
		} catch {
			// The parser's message quotes the body, which the answer must not echo.
			return { ok: false, error: 'The body is not valid JSON' };
		}
	}
	if (!isRecord(value)) return { ok: false, error: 'The body must be a JSON object' };
	return { ok: true, value };
}

/** Checks the envelope only: task_id, code, message and the types of data.* fields. */
export function validateEnvelope(body: unknown): EnvelopeResult {
	const parsed = callbackEnvelopeSchema.safeParse(body);
	if (parsed.success) return { ok: true, envelope: parsed.data };
	return { ok: false, error: describeIssue(parsed.error.issues[0]) };
}

function failureOf(envelope: CallbackEnvelope): string | undefined {
	const data = envelope.data;
	const codeFailed = envelope.code !== undefined && !SUCCESS_CODES.has(envelope.code);
	const messageFailed =
		typeof envelope.message === 'string' && envelope.message.trim().toUpperCase() !== 'SUCCESS';
	const flagFailed =
		data?.success === false || envelope.success === false || envelope.failed === true;
	if (!codeFailed && !messageFailed && !flagFailed) return undefined;
	const reason = [data?.msg, envelope.message, envelope.msg].find(
		(text): text is string => typeof text === 'string' && text.trim() !== '',
	);
	return reason ?? 'Mavi reported the task as failed';
}

function metaOf(taskId: string, result: Record<string, unknown>): TranscriptMeta {
	const usage = isRecord(result.usage_metadata) ? result.usage_metadata : {};
	const model = typeof usage.model === 'string' ? usage.model : result.model;
	return {
		taskId,
		model: typeof model === 'string' && model !== '' ? model : null,
		audioDuration: toFiniteNumber(usage.duration) ?? null,
	};
}

type SegmentKind = 'transcription' | 'diarization' | 'video' | 'unknown' | 'invalid';

// Results of every kind share the URL and differ only in shape, so the first entry decides.
function segmentKindOf(entries: unknown[], model: string | null): SegmentKind {
	if (entries.length === 0) {
		if (model !== null && /pyannote|diariz/i.test(model)) return 'diarization';
		if (model !== null && /gemini/i.test(model)) return 'video';
		return 'transcription';
	}
	const first = entries[0];
	if (!isRecord(first)) return 'invalid';
	if ('transcript' in first) return 'video';
	if ('text' in first || 'start_time' in first) return 'transcription';
	if ('start' in first || 'end' in first) return 'diarization';
	return 'unknown';
}

/** Decides what a validated callback is; normalizes its segments when it is a transcript. */
export function classifyCallback(envelope: CallbackEnvelope): CallbackResult {
	const taskId = envelope.task_id;
	const failure = failureOf(envelope);
	if (failure !== undefined) {
		return { kind: 'failure', taskId, error: failure, code: envelope.code ?? null };
	}
	// A body with a task_id but none of the envelope (code, message, data) is not a Mavi callback,
	// e.g. an XML or form post that n8n parsed into {task_id}.
	const noData = envelope.data === undefined || envelope.data === null;
	if (noData && envelope.code === undefined && envelope.message === undefined) {
		return { kind: 'invalid', error: 'Not a Mavi callback: code, message and data are missing' };
	}
	const result = envelope.data?.data;
	if (!isRecord(result)) {
		return { kind: 'other', taskId, reason: 'Not a transcription result (no data.data object)' };
	}
	if (Array.isArray(result.audio_transcription)) {
		return { kind: 'other', taskId, reason: 'Multi-speaker result, not a transcription' };
	}
	if (!Array.isArray(result.data)) {
		return { kind: 'other', taskId, reason: 'Not a transcription result (no data.data.data list)' };
	}
	const meta = metaOf(taskId, result);
	const kind = segmentKindOf(result.data, meta.model);
	if (kind === 'invalid') return { kind: 'invalid', error: 'data.data.data[0] must be an object' };
	if (kind === 'video') {
		return { kind: 'other', taskId, reason: 'Video description result, not a transcription' };
	}
	if (kind === 'unknown') {
		return { kind: 'other', taskId, reason: 'Unrecognised result shape in data.data.data' };
	}
	const keys = kind === 'transcription' ? WHISPER_KEYS : DIARIZATION_KEYS;
	const normalized = normalizeSegments(result.data, 'data.data.data', keys);
	if (!normalized.ok) return { kind: 'invalid', error: normalized.error };
	return { kind, taskId, segments: normalized.segments, meta };
}

/** Body to result in one call: JSON, envelope, classification. */
export function parseCallback(body: unknown): CallbackResult {
	const json = toJsonObject(body);
	if (!json.ok) return { kind: 'invalid', error: json.error };
	const envelope = validateEnvelope(json.value);
	if (!envelope.ok) return { kind: 'invalid', error: envelope.error };
	return classifyCallback(envelope.envelope);
}
