import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { toFiniteNumber } from '../helpers/normalize';
import { detectResultShape } from '../helpers/resultShape';
import type { AssetMetadata } from '../helpers/schemas';
import { metadataDataSchema, taskDataSchema, transcriptDataSchema } from '../helpers/schemas';
import type { OutputMode } from '../helpers/segments';
import { transcriptItems } from '../helpers/transcriptItems';
import { maviRequest, METADATA_ENDPOINT } from '../transport';

/** GET /{asset_id}/metadata, reduced to the one asset it describes. */
export async function fetchAssetMetadata(
	this: IExecuteFunctions,
	itemIndex: number,
	assetId: string,
): Promise<AssetMetadata> {
	const data = await maviRequest.call(
		this,
		itemIndex,
		{ method: 'GET', path: `/${assetId}/metadata`, endpoint: METADATA_ENDPOINT },
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

/** POSTs an async endpoint, whose result goes to the trigger; returns the task_id. */
export async function startTask(
	this: IExecuteFunctions,
	itemIndex: number,
	path: string,
	body: IDataObject,
	creates: 'transcriptionTask' | 'diarizationTask',
): Promise<string> {
	const request = { method: 'POST', path, body, creates } as const;
	const data = await maviRequest.call(this, itemIndex, request, taskDataSchema);
	return data.task_id;
}

export type TranscriptKind = 'whisper' | 'diarization';

/**
 * POSTs a synchronous transcription endpoint and maps the result to the same items the trigger
 * emits (task_id null: synchronous calls have no task). The shape detector is the trigger's, so
 * one Mavi answer is read the same way by both nodes.
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
	const expected = kind === 'whisper' ? 'transcript' : 'diarization';
	const data = await maviRequest.call(
		this,
		itemIndex,
		{
			method: 'POST',
			path: endpoint,
			body,
			long: true,
			creates: expected,
		},
		transcriptDataSchema,
	);
	const shape = detectResultShape(data, expected);
	const accepted = kind === 'whisper' ? shape.kind !== 'diarization' : shape.kind === 'diarization';
	if (shape.kind === 'other' || !accepted) {
		const found = shape.kind === 'other' ? shape.reason : `a ${shape.kind} result`;
		const message = `Mavi returned an unexpected response from POST ${endpoint}: expected a ${expected}, got ${found}`;
		throw new NodeApiError(this.getNode(), { message }, { message, itemIndex });
	}
	const meta = {
		taskId: null,
		model: shape.model ?? fallbackModel,
		audioDuration: shape.audioDuration,
	};
	return transcriptItems(shape.entries, shape.keys, meta, output);
}
