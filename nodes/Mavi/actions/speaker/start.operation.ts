import { assetTaskOperation } from '../assetTask';

export const { description, prepare } = assetTaskOperation({
	resource: 'speaker',
	operation: 'start',
	path: '/transcriptions/async-generate-speaker',
	creates: 'diarizationTask',
	notice:
		'The result is delivered to the Mavi Transcription Trigger (with Include Diarization on) via the webhook URL set in the Mavi console',
});
