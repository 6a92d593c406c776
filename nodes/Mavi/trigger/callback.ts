import { isRecord } from '../helpers/normalize';
import type { SegmentKeys } from '../helpers/normalize';
import { detectResultShape } from '../helpers/resultShape';
import { isSuccessCode } from '../helpers/schemas';
import type { TranscriptMeta } from '../helpers/segments';

/**
 * Reads what Mavi POSTs to the webhook URL. Mavi sends each result once, so only a broken
 * envelope is refused; everything inside it is read as far as it can be.
 */

/** The fields of a callback the trigger relies on; the rest is read leniently. */
export interface CallbackEnvelope extends Record<string, unknown> {
	task_id: string;
	data?: Record<string, unknown> | null;
}

export type EnvelopeResult =
	| { ok: true; envelope: CallbackEnvelope }
	| { ok: false; error: string };

export type CallbackResult =
	| { kind: 'failure'; taskId: string; error: string; code: string | number | null }
	| {
			kind: 'transcript' | 'namedSpeakerTranscript' | 'diarization';
			taskId: string;
			/** Mavi's segment entries as sent, read when the items are built. */
			entries: readonly unknown[];
			keys: SegmentKeys;
			meta: TranscriptMeta;
	  }
	| { kind: 'other'; taskId: string; reason: string };

/**
 * Turns the request body into a JSON object. n8n has already parsed `application/json`; other
 * content types can arrive as a string or a Buffer (the raw bytes), which are parsed here.
 */
export function toJsonObject(
	body: unknown,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
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

/**
 * Mavi's task ids are 32 hex digits, or 36-character UUIDs with hyphens (live audio streams);
 * anything up to this length is read as one, anything longer is no task id at all.
 */
export const MAX_TASK_ID_LENGTH = 128;

/** The envelope is broken only when task_id or data cannot be used at all. */
export function checkEnvelope(body: Record<string, unknown>): EnvelopeResult {
	const taskId = body.task_id;
	if (taskId === undefined || taskId === null) return { ok: false, error: 'task_id is required' };
	if (typeof taskId !== 'string') return { ok: false, error: 'task_id must be a string' };
	if (taskId.trim() === '') return { ok: false, error: 'task_id must not be empty' };
	if (taskId.length > MAX_TASK_ID_LENGTH) {
		return { ok: false, error: `task_id is longer than ${MAX_TASK_ID_LENGTH} characters` };
	}
	const data = body.data;
	if (data !== undefined && data !== null && !isRecord(data)) {
		return { ok: false, error: 'data must be an object' };
	}
	return { ok: true, envelope: body as CallbackEnvelope };
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function failureOf(envelope: CallbackEnvelope): string | undefined {
	const data = envelope.data ?? {};
	const codeFailed = envelope.code !== undefined && !isSuccessCode(envelope.code);
	const message = text(envelope.message);
	const messageFailed = message !== undefined && message.trim().toUpperCase() !== 'SUCCESS';
	const flagFailed =
		data.success === false || envelope.success === false || envelope.failed === true;
	if (!codeFailed && !messageFailed && !flagFailed) return undefined;
	return text(data.msg) ?? message ?? text(envelope.msg) ?? 'Mavi reported the task as failed';
}

function codeOf(envelope: CallbackEnvelope): string | number | null {
	const code = envelope.code;
	return typeof code === 'string' || typeof code === 'number' ? code : null;
}

/** Decides what a callback with a sound envelope holds. */
export function classifyCallback(envelope: CallbackEnvelope): CallbackResult {
	const taskId = envelope.task_id;
	const failure = failureOf(envelope);
	if (failure !== undefined)
		return { kind: 'failure', taskId, error: failure, code: codeOf(envelope) };
	const shape = detectResultShape(envelope.data?.data, 'other');
	if (shape.kind === 'other')
		return { kind: 'other', taskId, reason: `Not a transcript: ${shape.reason}` };
	const meta = { taskId, model: shape.model, audioDuration: shape.audioDuration };
	return { kind: shape.kind, taskId, entries: shape.entries, keys: shape.keys, meta };
}
