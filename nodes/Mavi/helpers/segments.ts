import type { IDataObject } from 'n8n-workflow';

import { formatTimestamp, toSrt, toVtt } from './subtitles';

/**
 * One spoken segment after normalisation. Whisper gives `{start_time, end_time, text, speaker?}`,
 * diarization gives `{start, end, speaker}` with no text: both end up in this shape.
 */
export interface TranscriptSegment {
	start_time: number;
	end_time: number;
	text: string | null;
	speaker: string | null;
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
}

export type OutputMode = 'segments' | 'speakerTurns' | 'transcript';

// Millisecond rounding keeps 5.3 - 2.1 from showing up as 3.1999999999999997.
function roundMs(seconds: number): number {
	return Math.round(seconds * 1000) / 1000;
}

function segmentItem(
	segment: TranscriptSegment,
	index: number,
	count: number,
	meta: TranscriptMeta,
): SegmentItem {
	return {
		task_id: meta.taskId,
		segment_index: index,
		segment_count: count,
		start_time: segment.start_time,
		end_time: segment.end_time,
		// Clamped: a glitch with end before start must not lose the transcript, nor go negative.
		duration: roundMs(Math.max(0, segment.end_time - segment.start_time)),
		text: segment.text,
		speaker: segment.speaker,
		model: meta.model,
		audio_duration: meta.audioDuration,
	};
}

// A finished task with nothing said still emits one item, so the workflow learns it finished.
function emptyTranscriptItem(meta: TranscriptMeta): SegmentItem {
	return {
		task_id: meta.taskId,
		segment_index: null,
		segment_count: 0,
		start_time: null,
		end_time: null,
		duration: null,
		text: '',
		speaker: null,
		model: meta.model,
		audio_duration: meta.audioDuration,
	};
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

/** Consecutive segments of one speaker merged into a turn: start of the first, end of the last. */
export function mergeSpeakerTurns(segments: TranscriptSegment[]): TranscriptSegment[] {
	const turns: TranscriptSegment[] = [];
	let current: TranscriptSegment | undefined;
	for (const segment of segments) {
		if (current && current.speaker === segment.speaker) {
			current.end_time = Math.max(current.end_time, segment.end_time);
			current.text = joinText(current.text, segment.text);
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
		const clock = formatTimestamp(Math.floor(turn.start_time), '.').slice(0, -4);
		const said =
			turn.speaker && turn.text
				? `${turn.speaker}: ${turn.text}`
				: (turn.speaker ?? turn.text ?? '');
		lines.push(`[${clock}] ${said}`);
	}
	return lines.join('\n');
}

/** The whole transcript as one item, with SRT and WebVTT subtitles. */
export function toTranscriptItem(segments: TranscriptSegment[], meta: TranscriptMeta): TranscriptItem {
	let text = '';
	for (const segment of segments) text = joinText(text, segment.text) ?? text;
	return {
		task_id: meta.taskId,
		text,
		segment_count: segments.length,
		speakers: listSpeakers(segments),
		audio_duration: meta.audioDuration,
		model: meta.model,
		segments,
		text_with_timestamps: toTimestampedText(segments),
		srt: toSrt(segments),
		vtt: toVtt(segments),
	};
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
