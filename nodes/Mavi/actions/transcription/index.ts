import type { INodeProperties } from 'n8n-workflow';

import * as start from './start.operation';
import * as summarize from './summarize.operation';
import * as transcribeAndWait from './transcribeAndWait.operation';
import * as transcribeFromUrl from './transcribeFromUrl.operation';

export { start, summarize, transcribeAndWait, transcribeFromUrl };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transcription'] } },
		options: [
			{
				name: 'Start',
				value: 'start',
				description:
					'Start an async transcription; the result arrives at the Mavi Transcription Trigger',
				action: 'Start a transcription',
			},
			{
				name: 'Summarize',
				value: 'summarize',
				description:
					'Start an async summary of the recording; the summary arrives at the Mavi Transcription Trigger',
				action: 'Summarize a recording',
			},
			{
				name: 'Transcribe and Wait',
				value: 'transcribeAndWait',
				description: 'Transcribe synchronously and output the segments or the full transcript',
				action: 'Transcribe and wait for the result',
			},
			{
				name: 'Transcribe From URL',
				value: 'transcribeFromUrl',
				description:
					'Transcribe a public audio or video URL (or an asset) in any language and output the transcript text with times and speakers',
				action: 'Transcribe audio or video from a URL into transcript text',
			},
		],
		default: 'start',
	},
	...start.description,
	...summarize.description,
	...transcribeAndWait.description,
	...transcribeFromUrl.description,
];
