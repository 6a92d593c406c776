import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OutputMode } from '../helpers/transcriptTypes';

/**
 * What the node answers an AI Agent. n8n runs a `usableAsTool` node as the type `…Tool` and hands
 * its items to the model as JSON, so a one-hour transcript with SRT, WebVTT and every segment
 * costs the model tens of thousands of tokens. By default a tool gets what a model needs:
 * `text_with_timestamps` (text, times and speakers), the language, the duration and the speakers.
 */
export const toolAnswerOption: INodeProperties = {
	displayName: 'Answer as AI Tool',
	name: 'toolAnswer',
	type: 'options',
	options: [
		{
			name: 'Compact',
			value: 'compact',
			description:
				'Text_with_timestamps, language_code, audio_duration and speakers: what a model needs, in few tokens',
		},
		{
			name: 'Full Output',
			value: 'full',
			description: 'The items of the chosen Output, with subtitles and segments',
		},
	],
	default: 'compact',
	description: 'What the node answers when an AI Agent uses it as a tool (no effect otherwise)',
};

/** Whether this run answers an AI Agent with the compact answer. */
export function answersCompactly(this: IExecuteFunctions, options: IDataObject): boolean {
	return this.getNode().type.endsWith('Tool') && options.toolAnswer !== 'full';
}

/** The Output to build: the compact answer is cut from the transcript item. */
export function outputToBuild(compact: boolean, output: OutputMode): OutputMode {
	return compact ? 'transcript' : output;
}

const COMPACT_FIELDS = ['text_with_timestamps', 'language_code', 'audio_duration', 'speakers'];

/** The transcript item reduced to the compact answer (warnings kept: they say what is missing). */
export function compactAnswer(transcript: IDataObject): IDataObject {
	const answer: IDataObject = {};
	for (const key of [...COMPACT_FIELDS, 'warnings']) {
		if (transcript[key] !== undefined) answer[key] = transcript[key];
	}
	return answer;
}
