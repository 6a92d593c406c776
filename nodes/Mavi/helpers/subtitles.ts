import type { TranscriptSegment } from './segments';

// Lookup tables instead of padStart: a 3-hour transcript formats ~200,000 timestamps per file.
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** Formats seconds as `HH:MM:SS<sep>mmm`, the timestamp both SRT (`,`) and WebVTT (`.`) use. */
export function formatTimestamp(seconds: number, millisecondSeparator: ',' | '.'): string {
	const totalMs = seconds > 0 ? Math.round(seconds * 1000) : 0;
	const ms = totalMs % 1000;
	const totalSeconds = (totalMs - ms) / 1000;
	const s = totalSeconds % 60;
	const totalMinutes = (totalSeconds - s) / 60;
	const m = totalMinutes % 60;
	const h = (totalMinutes - m) / 60;
	const hours = h < 100 ? TWO_DIGITS[h] : String(h);
	return `${hours}:${TWO_DIGITS[m]}:${TWO_DIGITS[s]}${millisecondSeparator}${THREE_DIGITS[ms]}`;
}

// A cue needs some text: diarization segments have none, so they show the speaker instead.
function cueText(segment: TranscriptSegment, voiceTag: boolean): string {
	const text = segment.text ?? '';
	if (!segment.speaker) return text;
	if (voiceTag) return `<v ${segment.speaker}>${text}`;
	return text ? `${segment.speaker}: ${text}` : segment.speaker;
}

/** SubRip subtitles, one numbered cue per segment; speakers are prefixed as `SPEAKER_00: `. */
export function toSrt(segments: TranscriptSegment[]): string {
	// One join at the end is cheaper than growing a string cue by cue.
	const cues = new Array<string>(segments.length);
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i];
		cues[i] =
			`${i + 1}\n${formatTimestamp(segment.start_time, ',')} --> ${formatTimestamp(segment.end_time, ',')}\n${cueText(segment, false)}\n\n`;
	}
	return cues.join('');
}

/** WebVTT subtitles; speakers become `<v SPEAKER_00>` voice tags, which players render natively. */
export function toVtt(segments: TranscriptSegment[]): string {
	const cues = new Array<string>(segments.length + 1);
	cues[0] = 'WEBVTT\n\n';
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i];
		cues[i + 1] =
			`${formatTimestamp(segment.start_time, '.')} --> ${formatTimestamp(segment.end_time, '.')}\n${cueText(segment, true)}\n\n`;
	}
	return cues.join('');
}
