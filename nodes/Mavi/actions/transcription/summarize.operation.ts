import { assetTaskOperation } from '../assetTask';

export const { description, prepare } = assetTaskOperation({
	resource: 'transcription',
	operation: 'summarize',
	path: '/transcriptions/async-summary',
	creates: 'summaryTask',
	notice:
		'The summary arrives at the Mavi Transcription Trigger (with Include Summaries on) as one item with kind "summary"',
});
