import type { INodeProperties } from 'n8n-workflow';

import * as diarizeAndWait from './diarizeAndWait.operation';
import * as recognizeNamedSpeakers from './recognizeNamedSpeakers.operation';
import * as start from './start.operation';

export { diarizeAndWait, recognizeNamedSpeakers, start };

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
				name: 'Recognize Named Speakers',
				value: 'recognizeNamedSpeakers',
				description:
					'Start async speaker recognition by voice and face: the transcript arrives at the Mavi Transcription Trigger with real names',
				action: 'Recognize named speakers',
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
	...recognizeNamedSpeakers.description,
	...start.description,
];
