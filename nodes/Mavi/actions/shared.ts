import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	toFiniteNumber,
	normalizeSegments,
	DIARIZATION_KEYS,
	WHISPER_KEYS,
} from '../helpers/normalize';
import type { AssetMetadata } from '../helpers/schemas';
import { metadataDataSchema, transcriptDataSchema } from '../helpers/schemas';
import type { OutputMode, TranscriptSegment } from '../helpers/segments';
import { mapTranscript } from '../helpers/segments';
import { maviRequest } from '../transport';

/** GET /{asset_id}/metadata, reduced to the one asset it describes. */
export async function fetchAssetMetadata(
	this: IExecuteFunctions,
	itemIndex: number,
	assetId: string,
): Promise<AssetMetadata> {
	const data = await maviRequest.call(
		this,
		itemIndex,
		{ method: 'GET', path: `/${assetId}/metadata`, endpoint: 'GET /{asset_id}/metadata' },
		metadataDataSchema,
	);
	return data.resource[0];
}

/** The asset's status as an output item; Mavi sends sizes and times as strings. */
export function assetStatusItem(assetId: string, metadata: AssetMetadata): IDataObject {
	return {
		asset_id: assetId,
		upload_status: metadata.upload_status,
		file_name: metadata.file_name ?? null,
		mime_type: metadata.mime_type ?? null,
		file_size: toFiniteNumber(metadata.file_size) ?? null,
		create_time: toFiniteNumber(metadata.create_time) ?? null,
		modify_time: toFiniteNumber(metadata.modify_time) ?? null,
	};
}

export type TranscriptKind = 'whisper' | 'diarization';

// Diarization is documented as {start, end, speaker}; accept start_time/end_time as well.
function keysFor(kind: TranscriptKind, items: unknown[]) {
	if (kind === 'whisper') return WHISPER_KEYS;
	const first = items[0] as Record<string, unknown> | undefined;
	if (first && typeof first === 'object' && !('start' in first) && 'start_time' in first) {
		return { start: 'start_time', end: 'end_time' };
	}
	return DIARIZATION_KEYS;
}

/**
 * POSTs a synchronous transcription endpoint and maps the result to the same items the trigger
 * emits (task_id null: synchronous calls have no task).
 */
export async function transcribeSync(
	this: IExecuteFunctions,
	itemIndex: number,
	endpoint: string,
	body: IDataObject,
	kind: TranscriptKind,
	output: OutputMode,
	fallbackModel: string | null,
): Promise<IDataObject[]> {
	const data = await maviRequest.call(
		this,
		itemIndex,
		{
			method: 'POST',
			path: endpoint,
			endpoint: `POST ${endpoint}`,
			body,
			long: true,
			creates: kind === 'whisper' ? 'transcript' : 'diarization',
		},
		transcriptDataSchema,
	);
	const normalized = normalizeSegments(data.items, 'data.items', keysFor(kind, data.items));
	if (!normalized.ok) {
		const message = `Mavi returned an unexpected response from POST ${endpoint}: ${normalized.error}`;
		throw new NodeApiError(this.getNode(), { message }, { message, itemIndex });
	}
	const segments: TranscriptSegment[] = normalized.segments;
	if (kind === 'diarization') for (const segment of segments) segment.text = null;
	const audioDuration =
		toFiniteNumber(data.duration) ?? toFiniteNumber(data.usage_metadata?.duration) ?? null;
	const meta = { taskId: null, model: data.model ?? fallbackModel, audioDuration };
	return mapTranscript(segments, meta, output);
}
