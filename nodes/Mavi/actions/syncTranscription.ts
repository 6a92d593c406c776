import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { detectResultShape } from '../helpers/resultShape';
import { transcriptDataSchema } from '../helpers/schemas';
import type { OutputMode } from '../helpers/segments';
import { transcriptItems } from '../helpers/transcriptItems';
import { maviRequest, unreadableAnswerNote } from '../transport';

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
		const description = unreadableAnswerNote(expected);
		throw new NodeApiError(this.getNode(), { message }, { message, description, itemIndex });
	}
	const meta = {
		taskId: null,
		model: shape.model ?? fallbackModel,
		audioDuration: shape.audioDuration,
	};
	return transcriptItems(shape.entries, shape.keys, meta, output);
}
