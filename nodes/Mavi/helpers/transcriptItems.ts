import type { IDataObject } from 'n8n-workflow';

import { normalizeSegments, readSegment } from './normalize';
import type { SegmentKeys } from './normalize';
import { mapTranscript, segmentItem, segmentItemOf, toSegmentItems } from './segments';
import type { OutputMode, SegmentItem, TranscriptMeta } from './segments';

/**
 * The items of a transcript, straight from the entries Mavi sent. For one item per segment the
 * entries are read and shaped in one pass: in n8n, building an intermediate segment for each of
 * 10,000 entries cost more than the items themselves (bench P1).
 */

/**
 * The item of a well-formed entry: finite numeric times, text (unless the result has none) and
 * a named or no speaker. Undefined sends the entry through readSegment, which reads anything.
 */
function wellFormedItem(
	entry: unknown,
	keys: SegmentKeys,
	index: number,
	count: number,
	meta: TranscriptMeta,
): SegmentItem | undefined {
	if (typeof entry !== 'object' || entry === null) return undefined;
	const record = entry as Record<string, unknown>;
	const start = record[keys.start];
	const end = record[keys.end];
	if (typeof start !== 'number' || typeof end !== 'number') return undefined;
	if (!Number.isFinite(start) || !Number.isFinite(end)) return undefined;
	const text = keys.text === undefined ? null : record[keys.text];
	if (text !== null && typeof text !== 'string') return undefined;
	const speaker = record.speaker;
	if (speaker !== undefined && speaker !== null && typeof speaker !== 'string') return undefined;
	const name = speaker === undefined || speaker === '' ? null : speaker;
	return segmentItemOf(start, end, text === null ? null : text.trim(), name, index, count, meta);
}

function segmentItemsFromEntries(
	entries: readonly unknown[],
	keys: SegmentKeys,
	meta: TranscriptMeta,
): SegmentItem[] {
	const count = entries.length;
	if (count === 0) return toSegmentItems([], meta);
	const items = new Array<SegmentItem>(count);
	for (let i = 0; i < count; i++) {
		const entry = entries[i];
		items[i] =
			wellFormedItem(entry, keys, i, count, meta) ??
			segmentItem(readSegment(entry, keys), i, count, meta);
	}
	return items;
}

/** The items of one transcript (or diarization) in the chosen output. */
export function transcriptItems(
	entries: readonly unknown[],
	keys: SegmentKeys,
	meta: TranscriptMeta,
	mode: OutputMode,
): IDataObject[] {
	if (mode === 'segments') return segmentItemsFromEntries(entries, keys, meta);
	return mapTranscript(normalizeSegments(entries, keys), meta, mode);
}
