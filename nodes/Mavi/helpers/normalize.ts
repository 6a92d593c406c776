import type { SegmentKeys, TranscriptSegment } from './transcriptTypes';

/**
 * Reads Mavi's raw segment entries. Hand-written rather than zod because a 3-hour transcript has
 * ~50,000 entries: a well-formed entry is read by one cheap check (readWellFormed), only an odd
 * one by the lenient reader. A segment that cannot be fully read is kept with what could be read
 * (null for the rest) and carries `warnings`: one odd segment never costs the user the transcript
 * they paid for.
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

/** The fields of a segment that needed no warning. */
export interface SegmentFields extends TranscriptSegment {
	start_time: number;
	end_time: number;
}

/**
 * The fast check: finite numeric times, text (unless the result has none) and a named or no
 * speaker, written into `into` (reused by the caller, so 10,000 entries allocate nothing here).
 * False sends the entry to readSegment, which reads anything.
 */
export function readWellFormed(entry: unknown, keys: SegmentKeys, into: SegmentFields): boolean {
	if (typeof entry !== 'object' || entry === null) return false;
	const record = entry as Record<string, unknown>;
	const start = record[keys.start];
	const end = record[keys.end];
	if (typeof start !== 'number' || typeof end !== 'number') return false;
	if (!Number.isFinite(start) || !Number.isFinite(end)) return false;
	let text: unknown = null;
	if (keys.text !== undefined) {
		text = record[keys.text];
		if (typeof text !== 'string') return false;
	}
	const speaker = record.speaker;
	if (speaker !== undefined && speaker !== null && typeof speaker !== 'string') return false;
	into.start_time = start;
	into.end_time = end;
	into.text = typeof text === 'string' ? text.trim() : null;
	into.speaker = speaker === undefined || speaker === '' ? null : speaker;
	return true;
}

function unreadable(warning: string): TranscriptSegment {
	return { start_time: null, end_time: null, text: null, speaker: null, warnings: [warning] };
}

function readText(value: unknown, key: string, warnings: string[]): string | null {
	if (typeof value === 'string') return value.trim();
	warnings.push(value === undefined || value === null ? `${key} is missing` : `${key} is not text`);
	return null;
}

// The lenient path: numeric strings and numbered speakers are read without a warning.
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
	const segment: TranscriptSegment = {
		start_time: start ?? null,
		end_time: end ?? null,
		text,
		speaker,
	};
	if (warnings.length > 0) segment.warnings = warnings;
	return segment;
}

/** One raw entry, read as far as it can be. */
export function readSegment(entry: unknown, keys: SegmentKeys): TranscriptSegment {
	const fields = { start_time: 0, end_time: 0, text: null, speaker: null };
	if (readWellFormed(entry, keys, fields)) return fields;
	if (!isRecord(entry)) return unreadable('segment is not an object');
	return readOddSegment(entry, keys);
}

/** Every entry becomes a segment, in order; odd ones carry `warnings`. */
export function normalizeSegments(raw: readonly unknown[], keys: SegmentKeys): TranscriptSegment[] {
	const segments = new Array<TranscriptSegment>(raw.length);
	for (let i = 0; i < raw.length; i++) segments[i] = readSegment(raw[i], keys);
	return segments;
}
