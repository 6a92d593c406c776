import type { TranscriptSegment } from './segments';

/**
 * Turns raw segment arrays into TranscriptSegment[] in one pass. Hand-written rather than zod
 * because a 3-hour transcript has ~50,000 segments and this runs on every callback; the error
 * names the exact field, e.g. `data.data.data[12].start_time must be a number`.
 */
export type NormalizeResult =
	| { ok: true; segments: TranscriptSegment[] }
	| { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Mavi sends some numbers as strings (metadata), so a numeric string is accepted as a number.
export function toFiniteNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Number(value);
		return Number.isFinite(parsed) ? parsed : undefined;
	}
	return undefined;
}

function speakerOf(value: unknown): string | null | undefined {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string') return value === '' ? null : value;
	if (typeof value === 'number') return `SPEAKER_${String(value).padStart(2, '0')}`;
	return undefined;
}

interface SegmentKeys {
	start: string;
	end: string;
	/** Undefined for diarization results, which carry no text. */
	text?: string;
}

export const WHISPER_KEYS: SegmentKeys = { start: 'start_time', end: 'end_time', text: 'text' };
export const DIARIZATION_KEYS: SegmentKeys = { start: 'start', end: 'end' };

export function normalizeSegments(raw: unknown, path: string, keys: SegmentKeys): NormalizeResult {
	if (!Array.isArray(raw)) return { ok: false, error: `${path} must be an array` };
	const segments = new Array<TranscriptSegment>(raw.length);
	for (let i = 0; i < raw.length; i++) {
		const entry: unknown = raw[i];
		if (!isRecord(entry)) return { ok: false, error: `${path}[${i}] must be an object` };
		const start = toFiniteNumber(entry[keys.start]);
		if (start === undefined) {
			return { ok: false, error: `${path}[${i}].${keys.start} must be a number` };
		}
		const end = toFiniteNumber(entry[keys.end]);
		if (end === undefined) return { ok: false, error: `${path}[${i}].${keys.end} must be a number` };
		const speaker = speakerOf(entry.speaker);
		if (speaker === undefined) {
			return { ok: false, error: `${path}[${i}].speaker must be a string or null` };
		}
		let text: string | null = null;
		if (keys.text !== undefined) {
			const rawText = entry[keys.text];
			if (rawText !== undefined && rawText !== null && typeof rawText !== 'string') {
				return { ok: false, error: `${path}[${i}].${keys.text} must be a string` };
			}
			text = typeof rawText === 'string' ? rawText.trim() : '';
		}
		segments[i] = { start_time: start, end_time: end, text, speaker };
	}
	return { ok: true, segments };
}
