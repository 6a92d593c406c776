import type { INodeProperties } from 'n8n-workflow';

import * as diarizeAndWait from './diarizeAndWait.operation';
import * as start from './start.operation';

export { diarizeAndWait, start };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['speaker'] } },
		options: [
			{
				name: 'Diarize and Wait',
				value: 'diarizeAndWait',
				description: 'Find who spoke when, synchronously, and output the speaker segments',
				action: 'Diarize speakers and wait for the result',
			},
			{
				name: 'Start',
				value: 'start',
				description:
					'Start async speaker diarization; the result arrives at the Mavi Transcription Trigger',
				action: 'Start speaker diarization',
			},
		],
		default: 'diarizeAndWait',
	},
	...diarizeAndWait.description,
	...start.description,
];
