import type { TranscriptSegment } from './segments';

/**
 * Turns raw segment arrays into TranscriptSegment[] in one pass. Hand-written rather than zod
 * because a 3-hour transcript has ~50,000 segments and this runs on every callback. A segment
 * that cannot be fully read is kept with what could be read (null for the rest) and carries
 * `warnings`: one odd segment never costs the user the transcript they paid for.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
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

/** The label Mavi gives the n-th speaker: 0 → `SPEAKER_00`. */
export function numberedSpeaker(index: number | string): string {
	return `SPEAKER_${String(index).padStart(2, '0')}`;
}

function speakerOf(value: unknown): string | null | undefined {
	if (value === undefined || value === null) return null;
	if (typeof value === 'string') return value === '' ? null : value;
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
		return numberedSpeaker(value);
	}
	return undefined;
}

export interface SegmentKeys {
	start: string;
	end: string;
	/** Undefined for diarization results, which carry no text. */
	text?: string;
}

export const WHISPER_KEYS: SegmentKeys = { start: 'start_time', end: 'end_time', text: 'text' };
export const DIARIZATION_KEYS: SegmentKeys = { start: 'start', end: 'end' };
export const DIARIZATION_TIME_KEYS: SegmentKeys = { start: 'start_time', end: 'end_time' };

function unreadable(warning: string): TranscriptSegment {
	return { start_time: null, end_time: null, text: null, speaker: null, warnings: [warning] };
}

function readText(value: unknown, key: string, warnings: string[]): string | null {
	if (typeof value === 'string') return value.trim();
	warnings.push(value === undefined || value === null ? `${key} is missing` : `${key} is not text`);
	return null;
}

// The slow path, only for a segment that the fast path could not read in full.
function readOddSegment(entry: Record<string, unknown>, keys: SegmentKeys): TranscriptSegment {
	const warnings: string[] = [];
	const start = toFiniteNumber(entry[keys.start]);
	if (start === undefined) warnings.push(`${keys.start} is not a number`);
	const end = toFiniteNumber(entry[keys.end]);
	if (end === undefined) warnings.push(`${keys.end} is not a number`);
	let speaker = speakerOf(entry.speaker);
	if (speaker === undefined) {
		warnings.push('speaker is not a name');
		speaker = null;
	}
	const text = keys.text === undefined ? null : readText(entry[keys.text], keys.text, warnings);
	return { start_time: start ?? null, end_time: end ?? null, text, speaker, warnings };
}

/** One raw entry, read as far as it can be. */
export function readSegment(entry: unknown, keys: SegmentKeys): TranscriptSegment {
	if (!isRecord(entry)) return unreadable('segment is not an object');
	const start = toFiniteNumber(entry[keys.start]);
	const end = toFiniteNumber(entry[keys.end]);
	const speaker = speakerOf(entry.speaker);
	if (start === undefined || end === undefined || speaker === undefined) {
		return readOddSegment(entry, keys);
	}
	if (keys.text === undefined) return { start_time: start, end_time: end, text: null, speaker };
	const text = entry[keys.text];
	if (typeof text !== 'string') return readOddSegment(entry, keys);
	return { start_time: start, end_time: end, text: text.trim(), speaker };
}

/** Every entry becomes a segment, in order; odd ones carry `warnings`. */
export function normalizeSegments(raw: readonly unknown[], keys: SegmentKeys): TranscriptSegment[] {
	const segments = new Array<TranscriptSegment>(raw.length);
	for (let i = 0; i < raw.length; i++) segments[i] = readSegment(raw[i], keys);
	return segments;
}
