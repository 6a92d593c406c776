import { formatTimestamp } from './subtitles';
import type { TranscriptSegment } from './transcriptTypes';

/** What a transcript's segments say as a whole: speaker turns, speakers, timestamped text. */

/** Two texts joined with one space; null or empty parts add nothing. */
export function joinText(a: string | null, b: string | null): string | null {
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
