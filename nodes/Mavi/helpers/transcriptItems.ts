import type { IDataObject } from 'n8n-workflow';

import { normalizeSegments, readSegment, readWellFormed } from './normalize';
import type { SegmentFields } from './normalize';
import { joinText, listSpeakers, mergeSpeakerTurns, toTimestampedText } from './segments';
import { renameSpeakers } from './speakerNames';
import type { SpeakerNames } from './speakerNames';
import { toSrt, toVtt } from './subtitles';
import type { TimedCue } from './subtitles';
import type {
	OutputMode,
	SegmentItem,
	SegmentKeys,
	TranscriptItem,
	TranscriptMeta,
	TranscriptSegment,
} from './transcriptTypes';

/**
 * The items of a transcript in each output shape, from Mavi's entries (the trigger and the
 * waiting operations) or from segments already built (Transcribe From URL).
 */

// Millisecond rounding keeps 5.3 - 2.1 from showing up as 3.1999999999999997.
function roundMs(seconds: number): number {
	return Math.round(seconds * 1000) / 1000;
}

/**
 * The segment item, built in this one place so every path gives items the same shape. `index`
 * is null only for the item of a transcript with no segments.
 */
function segmentItemOf(
	start: number | null,
	end: number | null,
	text: string | null,
	speaker: string | null,
	index: number | null,
	count: number,
	meta: TranscriptMeta,
): SegmentItem {
	return {
		task_id: meta.taskId,
		segment_index: index,
		segment_count: count,
		start_time: start,
		end_time: end,
		// Clamped: a glitch with end before start must not lose the transcript, nor go negative.
		duration: start === null || end === null ? null : roundMs(Math.max(0, end - start)),
		text,
		speaker,
		model: meta.model,
		audio_duration: meta.audioDuration,
	};
}

function segmentItem(
	segment: TranscriptSegment,
	index: number,
	count: number,
	meta: TranscriptMeta,
): SegmentItem {
	const { start_time, end_time, text, speaker } = segment;
	const item = segmentItemOf(start_time, end_time, text, speaker, index, count, meta);
	// Only odd segments get the field, so the common item keeps its documented shape.
	if (segment.warnings !== undefined) item.warnings = segment.warnings;
	return item;
}

// A finished task with nothing said still emits one item, so the workflow learns it finished.
function emptyTranscriptItem(meta: TranscriptMeta): SegmentItem {
	return segmentItemOf(null, null, '', null, null, 0, meta);
}

/** One item per segment, in order. */
export function toSegmentItems(segments: TranscriptSegment[], meta: TranscriptMeta): SegmentItem[] {
	const count = segments.length;
	if (count === 0) return [emptyTranscriptItem(meta)];
	const items = new Array<SegmentItem>(count);
	for (let i = 0; i < count; i++) items[i] = segmentItem(segments[i], i, count, meta);
	return items;
}

/** One item per speaker turn; same fields as the segment items. */
export function toSpeakerTurnItems(
	segments: TranscriptSegment[],
	meta: TranscriptMeta,
): SegmentItem[] {
	return toSegmentItems(mergeSpeakerTurns(segments), meta);
}

function isTimed(segment: TranscriptSegment): segment is TranscriptSegment & TimedCue {
	return segment.start_time !== null && segment.end_time !== null;
}

/**
 * The whole transcript as one item, with SRT and WebVTT subtitles. A segment without a start or
 * an end cannot be placed in time: it stays in `text` and `segments`, is left out of the
 * subtitles, and `warnings` says so.
 */
export function toTranscriptItem(
	segments: TranscriptSegment[],
	meta: TranscriptMeta,
): TranscriptItem {
	let text = '';
	for (const segment of segments) text = joinText(text, segment.text) ?? text;
	const timed = segments.filter(isTimed);
	const item: TranscriptItem = {
		task_id: meta.taskId,
		text,
		segment_count: segments.length,
		speakers: listSpeakers(segments),
		audio_duration: meta.audioDuration,
		model: meta.model,
		segments,
		text_with_timestamps: toTimestampedText(segments),
		srt: toSrt(timed),
		vtt: toVtt(timed),
	};
	const warnings: string[] = [];
	segments.forEach((segment, index) => {
		if (segment.warnings === undefined) return;
		const placement = isTimed(segment) ? '' : ' (left out of srt and vtt: no start or end time)';
		warnings.push(`segment ${index}: ${segment.warnings.join(', ')}${placement}`);
	});
	if (warnings.length > 0) item.warnings = warnings;
	return item;
}

/** The three output shapes of the trigger and the waiting operations. */
export function mapTranscript(
	segments: TranscriptSegment[],
	meta: TranscriptMeta,
	mode: OutputMode,
): IDataObject[] {
	if (mode === 'transcript') return [toTranscriptItem(segments, meta)];
	if (mode === 'speakerTurns') return toSpeakerTurnItems(segments, meta);
	return toSegmentItems(segments, meta);
}

/**
 * One item per entry, read and shaped in one pass: in n8n, building an intermediate segment for
 * each of 10,000 entries cost more than the items themselves (bench P1).
 */
function segmentItemsFromEntries(
	entries: readonly unknown[],
	keys: SegmentKeys,
	meta: TranscriptMeta,
	names: SpeakerNames | undefined,
): SegmentItem[] {
	const count = entries.length;
	if (count === 0) return [emptyTranscriptItem(meta)];
	const items = new Array<SegmentItem>(count);
	const f: SegmentFields = { start_time: 0, end_time: 0, text: null, speaker: null };
	for (let i = 0; i < count; i++) {
		const entry = entries[i];
		const item = readWellFormed(entry, keys, f)
			? segmentItemOf(f.start_time, f.end_time, f.text, f.speaker, i, count, meta)
			: segmentItem(readSegment(entry, keys), i, count, meta);
		if (names !== undefined && item.speaker !== null) {
			item.speaker = names.get(item.speaker) ?? item.speaker;
		}
		items[i] = item;
	}
	return items;
}

/**
 * The items of one transcript (or diarization) in the chosen output, from Mavi's entries, with
 * the speakers renamed by Speaker Names when given.
 */
export function transcriptItems(
	entries: readonly unknown[],
	keys: SegmentKeys,
	meta: TranscriptMeta,
	mode: OutputMode,
	names?: SpeakerNames,
): IDataObject[] {
	if (mode === 'segments') return segmentItemsFromEntries(entries, keys, meta, names);
	const segments = normalizeSegments(entries, keys);
	renameSpeakers(segments, names);
	return mapTranscript(segments, meta, mode);
}
