import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { SpeakerNames } from '../helpers/speakerNames';
import type { OutputMode } from '../helpers/transcriptTypes';
import { transcriptItems } from '../helpers/transcriptItems';
import type { CallbackResult } from './callback';
import { summaryItem } from './summary';

/** Request-level data added to the first item only, so it is not copied onto every segment. */
export interface RequestExtras {
	rawPayload?: unknown;
	headers?: IDataObject;
	query?: IDataObject;
}

// Wrapping directly is cheaper than returnJsonArray for 100,000 segments.
function wrap(objects: IDataObject[]): INodeExecutionData[] {
	const items = new Array<INodeExecutionData>(objects.length);
	for (let i = 0; i < objects.length; i++) items[i] = { json: objects[i] };
	return items;
}

/** How the items are shaped: the trigger's Output and Speaker Names. */
export interface ItemOptions {
	output: OutputMode;
	names?: SpeakerNames;
}

function resultObjects(
	result: CallbackResult,
	{ output, names }: ItemOptions,
	rawBody: unknown,
): IDataObject[] {
	switch (result.kind) {
		case 'transcript':
		case 'namedSpeakerTranscript':
		case 'diarization': {
			const objects = transcriptItems(result.entries, result.keys, result.meta, output, names);
			// The rest of the result (a named-speaker result's faces) once, on the first item.
			if (result.extras) Object.assign(objects[0], result.extras);
			return objects;
		}
		case 'summary':
			return [summaryItem(result.taskId, result.result)];
		case 'failure':
			return [{ task_id: result.taskId, failed: true, error: result.error, code: result.code }];
		case 'other':
			return [{ task_id: result.taskId, raw_payload: rawBody as IDataObject }];
	}
}

/** The items of one execution. */
export function buildItems(
	result: CallbackResult,
	options: ItemOptions,
	rawBody: unknown,
	extras: RequestExtras,
): INodeExecutionData[] {
	const objects = resultObjects(result, options, rawBody);
	const first = objects[0];
	if (extras.rawPayload !== undefined) first.raw_payload = extras.rawPayload as IDataObject;
	if (extras.headers !== undefined) first.headers = extras.headers;
	if (extras.query !== undefined) first.query = extras.query;
	return wrap(objects);
}
