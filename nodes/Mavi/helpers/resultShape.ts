import { isRecord, toFiniteNumber } from './normalize';
import { DIARIZATION_KEYS, DIARIZATION_TIME_KEYS, WHISPER_KEYS } from './transcriptTypes';
import type { SegmentKeys } from './transcriptTypes';

/**
 * The one place that decides what a Mavi result is. Every result kind shares the webhook URL,
 * and synchronous responses look alike too, so shape is all there is to go by. Used by the
 * trigger (`data.data` of a callback) and by the synchronous operations (`data` of the answer).
 */

export type ResultKind = 'transcript' | 'namedSpeakerTranscript' | 'diarization' | 'other';

export type ResultShape =
	| {
			kind: 'transcript' | 'namedSpeakerTranscript' | 'diarization';
			entries: unknown[];
			keys: SegmentKeys;
			model: string | null;
			audioDuration: number | null;
			/** What else the result holds (a named-speaker result's faces), kept for the user. */
			extras?: Record<string, unknown>;
	  }
	| { kind: 'summary'; result: Record<string, unknown> }
	| { kind: 'other'; reason: string };

type EntryVote = 'transcript' | 'diarization' | 'diarizationTimes' | 'video' | undefined;

// Only a decisive entry votes: a transcript segment has text and a time, a diarization segment
// a speaker and start/end but no text, a video description a `transcript`. Odd entries abstain.
function voteOf(entry: unknown): EntryVote {
	if (!isRecord(entry)) return undefined;
	if ('transcript' in entry) return 'video';
	const timed = 'start_time' in entry || 'end_time' in entry;
	if ('text' in entry) return timed ? 'transcript' : undefined;
	if ('speaker' in entry && ('start' in entry || 'end' in entry)) return 'diarization';
	if ('speaker' in entry && timed) return 'diarizationTimes';
	return undefined;
}

// Enough to get past a few odd segments without scanning a 50,000-segment transcript.
const ENTRIES_TO_INSPECT = 32;

function firstVote(entries: readonly unknown[]): EntryVote {
	const limit = Math.min(entries.length, ENTRIES_TO_INSPECT);
	for (let i = 0; i < limit; i++) {
		const vote = voteOf(entries[i]);
		if (vote !== undefined) return vote;
	}
	return undefined;
}

function modelOf(result: Record<string, unknown>): string | null {
	const usage = isRecord(result.usage_metadata) ? result.usage_metadata : {};
	const model = typeof usage.model === 'string' ? usage.model : result.model;
	return typeof model === 'string' && model !== '' ? model : null;
}

function durationOf(result: Record<string, unknown>): number | null {
	const usage = isRecord(result.usage_metadata) ? result.usage_metadata : {};
	return toFiniteNumber(result.duration) ?? toFiniteNumber(usage.duration) ?? null;
}

/** When no entry decides (none, or all odd): the model, else what the caller asked Mavi for. */
function kindWithoutVote(model: string | null, expected: ResultKind): EntryVote | 'other' {
	if (model !== null && /pyannote|diariz/i.test(model)) return 'diarization';
	if (model !== null && /whisper/i.test(model)) return 'transcript';
	if (model !== null && /gemini/i.test(model)) return 'video';
	if (expected === 'diarization') return 'diarization';
	return expected === 'other' ? 'other' : 'transcript';
}

/**
 * What a result object holds. `expected` is the kind the caller asked Mavi for: a synchronous
 * operation knows it; a callback does not ('other'), so there only the entries or the model
 * make a list a transcript.
 */
export function detectResultShape(result: unknown, expected: ResultKind): ResultShape {
	if (!isRecord(result)) return { kind: 'other', reason: 'the result is not an object' };
	const model = modelOf(result);
	const audioDuration = durationOf(result);
	if (Array.isArray(result.audio_transcription)) {
		const { audio_transcription: entries, ...extras } = result;
		const shape = { kind: 'namedSpeakerTranscript', entries, keys: WHISPER_KEYS } as const;
		return { ...shape, model, audioDuration, extras };
	}
	const list = Array.isArray(result.data) ? result.data : result.items;
	// Async Summary: `{summary, usage}`; any other value or field is kept as it came.
	if (!Array.isArray(list) && 'summary' in result) return { kind: 'summary', result };
	if (!Array.isArray(list)) return { kind: 'other', reason: 'the result holds no segment list' };
	const entries = list as unknown[];
	const vote = firstVote(entries) ?? kindWithoutVote(model, expected);
	switch (vote) {
		case 'transcript':
			return { kind: 'transcript', entries, keys: WHISPER_KEYS, model, audioDuration };
		case 'diarization':
			return { kind: 'diarization', entries, keys: DIARIZATION_KEYS, model, audioDuration };
		case 'diarizationTimes':
			return { kind: 'diarization', entries, keys: DIARIZATION_TIME_KEYS, model, audioDuration };
		case 'video':
			return { kind: 'other', reason: 'a video description, not a transcript' };
		default:
			return { kind: 'other', reason: 'the segment list has a shape this node does not know' };
	}
}
