import type { INodeProperties } from 'n8n-workflow';

/**
 * The Output choice of the action node's transcribing operations and of the trigger: one
 * definition, so both nodes name the same shapes the same way (values as in OutputMode).
 */
export const outputProperty: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{
			name: 'Segments',
			value: 'segments',
			description: 'One item per spoken segment, with its start, end, text and speaker',
		},
		{
			name: 'Speaker Turns',
			value: 'speakerTurns',
			description: 'One item per speaker turn: consecutive segments of one speaker merged',
		},
		{
			name: 'Transcript',
			value: 'transcript',
			description:
				'One item with the full text, text_with_timestamps for an LLM, the segments, the speakers, and SRT and WebVTT subtitles',
		},
	],
	default: 'segments',
	description: 'How the transcript is turned into items',
};
