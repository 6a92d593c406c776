import type { IDataObject } from 'n8n-workflow';

/**
 * The shapes a transcript passes through, and the keys Mavi's entries use: the one module every
 * step (reading entries, segment functions, items) depends on, so none depends on another's.
 */

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

/** The item the trigger and the waiting operations emit per segment (or per speaker turn). */
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

/** Where an entry keeps its times and text. */
export interface SegmentKeys {
	start: string;
	end: string;
	/** Undefined for diarization results, which carry no text. */
	text?: string;
}

export const WHISPER_KEYS: SegmentKeys = { start: 'start_time', end: 'end_time', text: 'text' };
export const DIARIZATION_KEYS: SegmentKeys = { start: 'start', end: 'end' };
export const DIARIZATION_TIME_KEYS: SegmentKeys = { start: 'start_time', end: 'end_time' };
