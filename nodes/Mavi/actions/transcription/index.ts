import type { INodeProperties } from 'n8n-workflow';

import * as start from './start.operation';
import * as transcribeAndWait from './transcribeAndWait.operation';

export { start, transcribeAndWait };

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
				name: 'Transcribe and Wait',
				value: 'transcribeAndWait',
				description: 'Transcribe synchronously and output the segments or the full transcript',
				action: 'Transcribe and wait for the result',
			},
		],
		default: 'start',
	},
	...start.description,
	...transcribeAndWait.description,
];
