/** What a subtitle cue needs; segments.ts passes only segments that have both times. */
export interface TimedCue {
	start_time: number;
	end_time: number;
	text: string | null;
	speaker: string | null;
}

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

// A blank line ends a cue in both formats, so line breaks inside a text are collapsed.
function oneBlock(text: string): string {
	return text.replace(/\s*[\r\n]\s*/g, '\n').trim();
}

// A cue needs some text: diarization segments have none, so they show the speaker instead.
function srtCueText(cue: TimedCue): string {
	const text = oneBlock(cue.text ?? '');
	if (!cue.speaker) return text;
	return text ? `${cue.speaker}: ${text}` : cue.speaker;
}

// WebVTT cue text is markup: `&` and `<` start entities and tags, and `-->` may not appear.
function escapeVtt(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function vttCueText(cue: TimedCue): string {
	const text = escapeVtt(oneBlock(cue.text ?? ''));
	if (!cue.speaker) return text;
	return `<v ${escapeVtt(cue.speaker.replace(/\s+/g, ' '))}>${text}`;
}

/**
 * SubRip subtitles, one numbered cue per segment; speakers are prefixed as `SPEAKER_00: `. A
 * segment with neither text nor speaker has nothing to show and gets no cue.
 */
export function toSrt(segments: readonly TimedCue[]): string {
	// One join at the end is cheaper than growing a string cue by cue.
	const cues: string[] = [];
	for (const segment of segments) {
		const text = srtCueText(segment);
		if (text === '') continue;
		cues.push(
			`${cues.length + 1}\n${formatTimestamp(segment.start_time, ',')} --> ${formatTimestamp(segment.end_time, ',')}\n${text}\n\n`,
		);
	}
	return cues.join('');
}

/** WebVTT subtitles; speakers become `<v SPEAKER_00>` voice tags, which players render natively. */
export function toVtt(segments: readonly TimedCue[]): string {
	const cues = ['WEBVTT\n\n'];
	for (const segment of segments) {
		const text = vttCueText(segment);
		if (text === '') continue;
		cues.push(
			`${formatTimestamp(segment.start_time, '.')} --> ${formatTimestamp(segment.end_time, '.')}\n${text}\n\n`,
		);
	}
	return cues.join('');
}
