import { assetTaskOperation } from '../assetTask';

export const { description, prepare } = assetTaskOperation({
	resource: 'speaker',
	operation: 'recognizeNamedSpeakers',
	path: '/transcriptions/async-generate-multi-speaker',
	creates: 'namedSpeakerTask',
	notice:
		'Voice and face recognition name the speakers from the video itself (no list of names needed), at about 100× the price of diarization. The transcript arrives at the Mavi Transcription Trigger with the names as speaker.',
});
