import type { INodeProperties } from 'n8n-workflow';

import type { TranscriptSegment } from './transcriptTypes';
import type { Checked } from './validation';

/**
 * "Speaker Names": `SPEAKER_00=Alice, SPEAKER_01=Bob` gives the labels a provider or Mavi sends
 * the names a reader wants. Applied to the segments before any item is built, so segment and
 * turn items, `speakers`, SRT, WebVTT and `text_with_timestamps` all say the same; a label the
 * mapping does not name stays as it is.
 */
export type SpeakerNames = ReadonlyMap<string, string>;

export const speakerNamesOption: INodeProperties = {
	displayName: 'Speaker Names',
	name: 'speakerNames',
	type: 'string',
	default: '',
	placeholder: 'e.g. SPEAKER_00=Alice, SPEAKER_01=Bob',
	description:
		'Names for the speaker labels, as label=name pairs separated by commas or new lines. Used in every output: segments, turns, speakers, SRT, WebVTT and text_with_timestamps. Labels not listed stay as they are.',
};

const FIELD = 'The "Speaker Names" option';

function show(entry: string): string {
	return entry.length > 40 ? `${entry.slice(0, 40)}…` : entry;
}

/** An expression may give the text or an object `{SPEAKER_00: 'Alice'}`; empty means none. */
export function parseSpeakerNames(raw: unknown): Checked<SpeakerNames | undefined> {
	if (raw === undefined || raw === null || raw === '') return { ok: true, value: undefined };
	let pairs: Array<[string, unknown]>;
	if (typeof raw === 'string') {
		pairs = [];
		for (const part of raw.split(/[,;\n]/)) {
			const entry = part.trim();
			if (entry === '') continue;
			const at = entry.indexOf('=');
			if (at < 0) {
				return { ok: false, error: `${FIELD}: "${show(entry)}" is not label=name` };
			}
			pairs.push([entry.slice(0, at), entry.slice(at + 1)]);
		}
	} else if (typeof raw === 'object' && !Array.isArray(raw)) {
		pairs = Object.entries(raw);
	} else {
		return { ok: false, error: `${FIELD} must be text like SPEAKER_00=Alice, SPEAKER_01=Bob` };
	}
	const names = new Map<string, string>();
	for (const [rawLabel, rawName] of pairs) {
		const label = rawLabel.trim();
		const name = typeof rawName === 'string' ? rawName.trim() : '';
		const entry = `${rawLabel}=${typeof rawName === 'string' ? rawName : String(rawName)}`.trim();
		if (label === '') return { ok: false, error: `${FIELD}: "${show(entry)}" has no label` };
		if (name === '') return { ok: false, error: `${FIELD}: "${show(entry)}" has no name` };
		if (names.has(label) && names.get(label) !== name) {
			return { ok: false, error: `${FIELD} names ${label} twice` };
		}
		names.set(label, name);
	}
	return { ok: true, value: names.size > 0 ? names : undefined };
}

/** Renames the speakers of freshly built segments in place. */
export function renameSpeakers(segments: TranscriptSegment[], names: SpeakerNames | undefined) {
	if (names === undefined) return;
	for (const segment of segments) {
		if (segment.speaker !== null) segment.speaker = names.get(segment.speaker) ?? segment.speaker;
	}
}
