import type { IDataObject } from 'n8n-workflow';

import { formatTimestamp, toSrt, toVtt } from './subtitles';
import type { TimedCue } from './subtitles';

/**
 * One spoken segment after normalisation. Whisper gives `{start_time, end_time, text, speaker?}`,
 * diarization gives `{start, end, speaker}` with no text: both end up in this shape. What could
 * not be read is null, and `warnings` says why (e.g. "end_time is not a number").
 */
export interface TranscriptSegment {
	start_time: number | null;
	end_time: number | null;
	text: string | null;
	speaker: string | null;
	warnings?: string[];
}

/** What the task says about itself, copied onto every item. */
export interface TranscriptMeta {
	taskId: string | null;
	model: string | null;
	audioDuration: number | null;
}

/** The item the trigger and "Transcribe and Wait" emit per segment (or per speaker turn). */
export interface SegmentItem extends IDataObject {
	task_id: string | null;
	segment_index: number | null;
	segment_count: number;
	start_time: number | null;
	end_time: number | null;
	duration: number | null;
	text: string | null;
	speaker: string | null;
	model: string | null;
	audio_duration: number | null;
	warnings?: string[];
}

/** The single item of the "one item per transcript" output. */
export interface TranscriptItem extends IDataObject {
	task_id: string | null;
	text: string;
	segment_count: number;
	speakers: string[];
	audio_duration: number | null;
	model: string | null;
	segments: TranscriptSegment[];
	text_with_timestamps: string;
	srt: string;
	vtt: string;
	warnings?: string[];
}

export type OutputMode = 'segments' | 'speakerTurns' | 'transcript';

// Millisecond rounding keeps 5.3 - 2.1 from showing up as 3.1999999999999997.
function roundMs(seconds: number): number {
	return Math.round(seconds * 1000) / 1000;
}

/**
 * The segment item, built in this one place so every path gives items the same shape. `index`
 * is null only for the item of a transcript with no segments.
 */
export function segmentItemOf(
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

export function segmentItem(
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

function joinText(a: string | null, b: string | null): string | null {
	if (a === null) return b;
	if (b === null || b === '') return a;
	return a === '' ? b : `${a} ${b}`;
}

function laterEnd(a: number | null, b: number | null): number | null {
	if (a === null) return b;
	return b === null ? a : Math.max(a, b);
}

/**
 * Consecutive segments of the same named speaker merged into a turn: start of the first, end
 * of the last. Segments without a speaker are never merged (one turn each): nothing says that
 * two of them are the same voice.
 */
export function mergeSpeakerTurns(segments: TranscriptSegment[]): TranscriptSegment[] {
	const turns: TranscriptSegment[] = [];
	let current: TranscriptSegment | undefined;
	for (const segment of segments) {
		if (current && segment.speaker !== null && current.speaker === segment.speaker) {
			current.start_time ??= segment.start_time;
			current.end_time = laterEnd(current.end_time, segment.end_time);
			current.text = joinText(current.text, segment.text);
			if (segment.warnings) current.warnings = [...(current.warnings ?? []), ...segment.warnings];
		} else {
			current = { ...segment };
			turns.push(current);
		}
	}
	return turns;
}

/** One item per speaker turn; same fields as the segment items. */
export function toSpeakerTurnItems(
	segments: TranscriptSegment[],
	meta: TranscriptMeta,
): SegmentItem[] {
	return toSegmentItems(mergeSpeakerTurns(segments), meta);
}

/** Distinct speakers in order of first appearance. */
export function listSpeakers(segments: TranscriptSegment[]): string[] {
	const seen = new Set<string>();
	for (const segment of segments) if (segment.speaker !== null) seen.add(segment.speaker);
	return [...seen];
}

/**
 * One line per speaker turn, `[00:01:02] SPEAKER_00: text` (no speaker part without labels):
 * the form an LLM prompt for a summary or minutes reads best.
 */
export function toTimestampedText(segments: TranscriptSegment[]): string {
	const lines: string[] = [];
	for (const turn of mergeSpeakerTurns(segments)) {
		// A segment Mavi sent without a start time keeps its line; only the clock is unknown.
		const clock =
			turn.start_time === null
				? '--:--:--'
				: formatTimestamp(Math.floor(turn.start_time), '.').slice(0, -4);
		const said =
			turn.speaker && turn.text
				? `${turn.speaker}: ${turn.text}`
				: (turn.speaker ?? turn.text ?? '');
		lines.push(`[${clock}] ${said}`);
	}
	return lines.join('\n');
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

/** The three output shapes the trigger offers; "Transcribe and Wait" uses two of them. */
export function mapTranscript(
	segments: TranscriptSegment[],
	meta: TranscriptMeta,
	mode: OutputMode,
): IDataObject[] {
	if (mode === 'transcript') return [toTranscriptItem(segments, meta)];
	if (mode === 'speakerTurns') return toSpeakerTurnItems(segments, meta);
	return toSegmentItems(segments, meta);
}
