import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { OutputMode } from '../helpers/transcriptTypes';
import type { OperationResult } from './node.type';

/**
 * "Attach Subtitle Files": the transcript item's SRT and WebVTT also as binary properties, so a
 * Write Files to Disk, Google Drive or email node can use them without a Convert to File step.
 */
export const attachSubtitlesOption: INodeProperties = {
	displayName: 'Attach Subtitle Files',
	name: 'attachSubtitles',
	type: 'boolean',
	default: false,
	description:
		'Whether to add the SRT and WebVTT subtitles as files too, in the binary properties subtitles_srt and subtitles_vtt',
	displayOptions: { show: { '/output': ['transcript'] } },
};

/** A safe file base name: `re_123`, `episode-12` (from a URL), else `transcript`. */
export function subtitleBaseName(source: string | null): string {
	let name = source ?? '';
	try {
		name = decodeURIComponent(new URL(name).pathname.split('/').pop() ?? '');
	} catch {
		// Not a URL: an asset or task ID, used as it is.
	}
	name = name.replace(/\.[a-z0-9]{1,5}$/i, '').replace(/[^\w.-]+/g, '_');
	return name.replace(/^[._]+|[._]+$/g, '') || 'transcript';
}

/** Wraps the transcript item with `subtitles_srt` and `subtitles_vtt` binary properties. */
export async function withSubtitleFiles(
	this: IExecuteFunctions,
	transcript: IDataObject,
	baseName: string,
): Promise<INodeExecutionData> {
	const [srt, vtt] = await Promise.all([
		this.helpers.prepareBinaryData(
			Buffer.from(String(transcript.srt), 'utf8'),
			`${baseName}.srt`,
			'application/x-subrip',
		),
		this.helpers.prepareBinaryData(
			Buffer.from(String(transcript.vtt), 'utf8'),
			`${baseName}.vtt`,
			'text/vtt',
		),
	]);
	return { json: transcript, binary: { subtitles_srt: srt, subtitles_vtt: vtt } };
}

/**
 * What a synchronous transcription returns: its items as they are, or, when Output is Transcript
 * and "Attach Subtitle Files" is on, the transcript item with its subtitle files named after
 * `source` (a URL or an asset ID).
 */
export async function attachRequestedSubtitles(
	this: IExecuteFunctions,
	items: IDataObject[],
	output: OutputMode,
	options: IDataObject,
	source: string | null,
): Promise<OperationResult> {
	if (output !== 'transcript' || options.attachSubtitles !== true) return items;
	return { items: [await withSubtitleFiles.call(this, items[0], subtitleBaseName(source))] };
}
