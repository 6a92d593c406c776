import { numberedSpeaker, toFiniteNumber } from './normalize';
import type { TranscriptSegment } from './transcriptTypes';

/**
 * Turns the word lists of POST /transcriptions/speech-to-text into our segments. ElevenLabs
 * sends `{text, start, end, type, speaker_id}` in seconds (with `spacing` entries between words),
 * AssemblyAI `{text, start, end, speaker}` in milliseconds. A paid transcript is never refused for
 * one odd word: entries that are not words are skipped, missing times are taken from the neighbour.
 */
export type SpeechProvider = 'elevenlabs' | 'assemblyai';

/** A new segment starts after this much silence between two words, in seconds. */
export const PAUSE_SECONDS = 1;

// Full-width marks end Chinese and Japanese sentences; closing quotes and brackets may follow.
const SENTENCE_END = /[.!?…。！？]["')\]」』）]*$/;
// A title or a Latin abbreviation before a name is no sentence end: "Dr. Smith".
const NOT_AN_END = /^(?:dr|mr|mrs|ms|prof|st|jr|sr|vs|mt|no|e\.g|i\.e|[a-z])\.$/i;
// Han, kana and CJK punctuation: written without spaces between words.
const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

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

/** Whether a word ends a sentence: `.` `!` `?` `。` `！` `？`, but not `Dr.` or an initial. */
function endsSentence(word: string): boolean {
	return SENTENCE_END.test(word) && !NOT_AN_END.test(word);
}

/**
 * What goes between two words: the provider's own spacing when its `text` shows it, else one
 * space, except between Chinese or Japanese characters, which are written without spaces.
 */
class Spacing {
	private cursor = 0;

	constructor(private readonly text: string) {}

	before(previous: string | undefined, word: string): string {
		const at = this.text.indexOf(word, this.cursor);
		const gap = at < 0 ? undefined : this.text.slice(this.cursor, at);
		if (at >= 0 && (previous === undefined || /^\s{0,3}$/.test(gap ?? ''))) {
			this.cursor = at + word.length;
			if (previous !== undefined) return gap === '' ? '' : ' ';
		}
		if (previous === undefined) return '';
		return CJK.test(previous.slice(-1)) && CJK.test(word[0]) ? '' : ' ';
	}
}

/**
 * Groups words into segments: a new one on a speaker change, after a sentence end, or after a
 * pause longer than PAUSE_SECONDS. `withSpeakers` false leaves every speaker null, as elsewhere.
 * `text` is the provider's whole text, which shows how its words are spaced.
 */
export function wordsToSegments(
	words: unknown[],
	provider: SpeechProvider,
	withSpeakers: boolean,
	text = '',
): TranscriptSegment[] {
	const segments: TranscriptSegment[] = [];
	const spacing = new Spacing(text);
	let current: TranscriptSegment | undefined;
	let previous: string | undefined;
	let lastEnd = 0;
	for (const entry of words) {
		const word = readWord(entry, provider, withSpeakers);
		if (!word) continue;
		const start = Math.max(0, word.start ?? lastEnd);
		const end = Math.max(start, word.end ?? start);
		const gap = spacing.before(previous, word.text);
		if (
			!current ||
			current.speaker !== word.speaker ||
			start - (current.end_time ?? start) > PAUSE_SECONDS ||
			(previous !== undefined && endsSentence(previous))
		) {
			current = { start_time: roundMs(start), end_time: 0, text: word.text, speaker: word.speaker };
			segments.push(current);
		} else {
			current.text += gap + word.text;
		}
		current.end_time = Math.max(current.end_time ?? 0, roundMs(end));
		previous = word.text;
		lastEnd = end;
	}
	return segments;
}

export interface SpeechResult {
	segments: TranscriptSegment[];
	languageCode: string | null;
	audioDuration: number | null;
	model: string | null;
	/** What the provider returned beyond the words (chapters, summary, entities, …). */
	extras: Record<string, unknown>;
}

// Read into segments, the language, the model or the duration; AssemblyAI's `utterances` repeat
// the words, and `status`/`error` were checked. Everything else the provider sent is kept.
const READ_FIELDS = new Set([
	'words',
	'utterances',
	'text',
	'language_code',
	'model_id',
	'speech_model',
	'model',
	'audio_duration',
	'audio_duration_secs',
	'status',
	'error',
]);

// AssemblyAI echoes every request option, mostly null: only what holds something is kept.
function extrasOf(data: Record<string, unknown>): Record<string, unknown> {
	const extras: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(data)) {
		if (!READ_FIELDS.has(key) && value !== null && value !== undefined) extras[key] = value;
	}
	return extras;
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
	const text = typeof data.text === 'string' ? data.text.trim() : '';
	let segments = wordsToSegments(words, provider, withSpeakers, text);
	const lastEnd = segments.length ? segments[segments.length - 1].end_time : null;
	// ElevenLabs names no duration; AssemblyAI's audio_duration is in seconds.
	const audioDuration =
		toFiniteNumber(data.audio_duration_secs) ?? toFiniteNumber(data.audio_duration) ?? lastEnd;
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
		extras: extrasOf(data),
	};
}
