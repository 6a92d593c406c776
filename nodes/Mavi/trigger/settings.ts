import type { IWebhookFunctions } from 'n8n-workflow';

import { parseSpeakerNames } from '../helpers/speakerNames';
import type { SpeakerNames } from '../helpers/speakerNames';
import type { OutputMode } from '../helpers/transcriptTypes';
import type { Checked } from '../helpers/validation';

export interface TriggerSettings {
	output: OutputMode;
	includeDiarization: boolean;
	includeSummaries: boolean;
	passThroughOther: boolean;
	ignoreFailed: boolean;
	ignoreDuplicates: boolean;
	/** Lower-cased task ids to accept; empty means every task. */
	taskIds: Set<string>;
	includeRawPayload: boolean;
	includeHeaders: boolean;
	speakerNames: Checked<SpeakerNames | undefined>;
}

const OUTPUT_MODES: readonly OutputMode[] = ['segments', 'speakerTurns', 'transcript'];

/** "a, b c" or ['a', 'b'] (an expression may return a list) to a set of lower-case ids. */
export function parseTaskIds(value: unknown): Set<string> {
	const parts = Array.isArray(value) ? value.map(String) : [String(value ?? '')];
	const ids = new Set<string>();
	for (const part of parts) {
		for (const id of part.split(/[\s,;]+/)) if (id !== '') ids.add(id.toLowerCase());
	}
	return ids;
}

/** Reads every parameter once per request, never per segment. */
export function readSettings(context: IWebhookFunctions): TriggerSettings {
	const output = context.getNodeParameter('output', 'segments') as OutputMode;
	const options = context.getNodeParameter('options', {}) as {
		includeRawPayload?: boolean;
		includeHeaders?: boolean;
		speakerNames?: unknown;
	};
	return {
		output: OUTPUT_MODES.includes(output) ? output : 'segments',
		includeDiarization: context.getNodeParameter('includeDiarization', false) === true,
		includeSummaries: context.getNodeParameter('includeSummaries', false) === true,
		passThroughOther: context.getNodeParameter('passThroughOther', false) === true,
		ignoreFailed: context.getNodeParameter('ignoreFailed', false) === true,
		ignoreDuplicates: context.getNodeParameter('ignoreDuplicates', true) !== false,
		taskIds: parseTaskIds(context.getNodeParameter('taskIds', '')),
		includeRawPayload: options.includeRawPayload === true,
		includeHeaders: options.includeHeaders === true,
		speakerNames: parseSpeakerNames(options.speakerNames),
	};
}
