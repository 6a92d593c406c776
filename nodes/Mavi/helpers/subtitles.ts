import type { TranscriptSegment } from './segments';

/** Formats seconds as `HH:MM:SS<sep>mmm`, the timestamp both SRT (`,`) and WebVTT (`.`) use. */
export function formatTimestamp(seconds: number, millisecondSeparator: ',' | '.'): string {
	const totalMs = Math.max(0, Math.round(seconds * 1000));
	const ms = totalMs % 1000;
	const totalSeconds = (totalMs - ms) / 1000;
	const s = totalSeconds % 60;
	const m = ((totalSeconds - s) / 60) % 60;
	const h = Math.floor(totalSeconds / 3600);
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return `${pad(h)}:${pad(m)}:${pad(s)}${millisecondSeparator}${pad(ms, 3)}`;
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
	let out = '';
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i];
		out += `${i + 1}\n${formatTimestamp(segment.start_time, ',')} --> ${formatTimestamp(segment.end_time, ',')}\n${cueText(segment, false)}\n\n`;
	}
	return out;
}

/** WebVTT subtitles; speakers become `<v SPEAKER_00>` voice tags, which players render natively. */
export function toVtt(segments: TranscriptSegment[]): string {
	let out = 'WEBVTT\n\n';
	for (const segment of segments) {
		out += `${formatTimestamp(segment.start_time, '.')} --> ${formatTimestamp(segment.end_time, '.')}\n${cueText(segment, true)}\n\n`;
	}
	return out;
}
