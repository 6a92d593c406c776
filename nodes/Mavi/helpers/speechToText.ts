import { numberedSpeaker, toFiniteNumber } from './normalize';
import type { TranscriptSegment } from './segments';

/**
 * Turns the word lists of POST /transcriptions/speech-to-text into our segments. ElevenLabs
 * sends `{text, start, end, type, speaker_id}` in seconds (with `spacing` entries between words),
 * AssemblyAI `{text, start, end, speaker}` in milliseconds. A paid transcript is never refused for
 * one odd word: entries that are not words are skipped, missing times are taken from the neighbour.
 */
export type SpeechProvider = 'elevenlabs' | 'assemblyai';

/** A new segment starts after this much silence between two words, in seconds. */
export const PAUSE_SECONDS = 1;

const SENTENCE_END = /[.!?…]["')\]]*$/;

interface Word {
	text: string;
	start: number | undefined;
	end: number | undefined;
	speaker: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `speaker_1` (ElevenLabs) and `B` (AssemblyAI) both become `SPEAKER_01`, the label the other
 * operations use, so one filter works for every source; anything else is kept as sent.
 */
export function speakerLabel(raw: unknown): string | null {
	if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) {
		return numberedSpeaker(raw);
	}
	if (typeof raw !== 'string' || raw.trim() === '') return null;
	const value = raw.trim();
	const numbered = /^speaker[_ ]?(\d+)$/i.exec(value);
	if (numbered) return numberedSpeaker(numbered[1]);
	if (/^[A-Z]$/.test(value)) return numberedSpeaker(value.charCodeAt(0) - 65);
	return value;
}

function readWord(entry: unknown, provider: SpeechProvider, withSpeakers: boolean): Word | null {
	if (!isRecord(entry) || typeof entry.text !== 'string') return null;
	if (entry.type === 'spacing') return null;
	const text = entry.text.trim();
	if (text === '') return null;
	const scale = provider === 'assemblyai' ? 1000 : 1;
	const start = toFiniteNumber(entry.start);
	const end = toFiniteNumber(entry.end);
	const rawSpeaker = provider === 'assemblyai' ? entry.speaker : entry.speaker_id;
	return {
		text,
		start: start === undefined ? undefined : start / scale,
		end: end === undefined ? undefined : end / scale,
		speaker: withSpeakers ? speakerLabel(rawSpeaker) : null,
	};
}

function roundMs(seconds: number): number {
	return Math.round(seconds * 1000) / 1000;
}

/**
 * Groups words into segments: a new one on a speaker change, after a sentence end, or after a
 * pause longer than PAUSE_SECONDS. `withSpeakers` false leaves every speaker null, as elsewhere.
 */
export function wordsToSegments(
	words: unknown[],
	provider: SpeechProvider,
	withSpeakers: boolean,
): TranscriptSegment[] {
	const segments: TranscriptSegment[] = [];
	let current: TranscriptSegment | undefined;
	let parts: string[] = [];
	let lastEnd = 0;
	const close = () => {
		if (current) current.text = parts.join(' ');
	};
	for (const entry of words) {
		const word = readWord(entry, provider, withSpeakers);
		if (!word) continue;
		const start = Math.max(0, word.start ?? lastEnd);
		const end = Math.max(start, word.end ?? start);
		const previous = parts[parts.length - 1];
		if (
			!current ||
			current.speaker !== word.speaker ||
			start - (current.end_time ?? start) > PAUSE_SECONDS ||
			(previous !== undefined && SENTENCE_END.test(previous))
		) {
			close();
			current = { start_time: roundMs(start), end_time: 0, text: '', speaker: word.speaker };
			segments.push(current);
			parts = [];
		}
		parts.push(word.text);
		current.end_time = Math.max(current.end_time ?? 0, roundMs(end));
		lastEnd = end;
	}
	close();
	return segments;
}

export interface SpeechResult {
	segments: TranscriptSegment[];
	languageCode: string | null;
	audioDuration: number | null;
	model: string | null;
}

/**
 * Reads the `data` of a speech-to-text response. Without a word list the plain `text` becomes one
 * segment over the whole audio, so the transcript still arrives.
 */
export function readSpeechResult(
	data: Record<string, unknown>,
	provider: SpeechProvider,
	withSpeakers: boolean,
	requestedLanguage: string | null,
): SpeechResult {
	const words = Array.isArray(data.words) ? data.words : [];
	let segments = wordsToSegments(words, provider, withSpeakers);
	const lastEnd = segments.length ? segments[segments.length - 1].end_time : null;
	// ElevenLabs names no duration; AssemblyAI's audio_duration is in seconds.
	const audioDuration =
		toFiniteNumber(data.audio_duration_secs) ?? toFiniteNumber(data.audio_duration) ?? lastEnd;
	const text = typeof data.text === 'string' ? data.text.trim() : '';
	if (segments.length === 0 && text !== '') {
		segments = [{ start_time: 0, end_time: audioDuration ?? 0, text, speaker: null }];
	}
	const language = typeof data.language_code === 'string' ? data.language_code.trim() : '';
	const model = [data.model_id, data.speech_model, data.model].find(
		(value): value is string => typeof value === 'string' && value !== '',
	);
	return {
		segments,
		languageCode: language || requestedLanguage,
		audioDuration,
		model: model ?? provider,
	};
}
