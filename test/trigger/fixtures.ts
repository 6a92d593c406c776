/** Callback bodies as Mavi documents them, built by the one fixture module in the simulator. */
import {
	DOCUMENTED_TASK_ID,
	transcriptionCallback as documentedShape,
} from '../../tools/mavi-simulator/callbackFixtures';

export { DOCUMENTED_TASK_ID };

export interface WhisperSegment {
	start_time: number;
	end_time: number;
	text: string;
	speaker: string | null;
}

/** The documented callback, as Mavi's page shows it. */
export function documentedCallback(): Record<string, unknown> {
	return documentedShape();
}

export function transcriptionCallback(
	taskId: string,
	segments: WhisperSegment[],
	overrides: Record<string, unknown> = {},
): Record<string, unknown> {
	return documentedShape(taskId, segments, overrides);
}

/** `count` segments of 2 s each, speakers alternating every `turnLength` segments. */
export function speakerSegments(count: number, turnLength = 1): WhisperSegment[] {
	const segments: WhisperSegment[] = [];
	for (let i = 0; i < count; i++) {
		const speaker = `SPEAKER_${String(Math.floor(i / turnLength) % 2).padStart(2, '0')}`;
		segments.push({ start_time: i * 2, end_time: i * 2 + 2, text: ` part ${i}`, speaker });
	}
	return segments;
}

export function diarizationCallback(taskId: string): Record<string, unknown> {
	return {
		code: '0000',
		message: 'SUCCESS',
		data: {
			data: {
				data: [
					{ start: 0.5, end: 3.25, speaker: 'SPEAKER_00' },
					{ start: 3.25, end: 5, speaker: 'SPEAKER_01' },
				],
				usage_metadata: { duration: 5, model: 'pyannote' },
			},
			msg: 'Speaker diarization completed',
			success: true,
		},
		task_id: taskId,
	};
}

export function videoDescriptionCallback(taskId: string): Record<string, unknown> {
	return {
		code: '0000',
		message: 'SUCCESS',
		data: {
			data: { data: [{ start_time: 0, end_time: 4, transcript: 'A person walks in.' }] },
			msg: 'ok',
			success: true,
		},
		task_id: taskId,
	};
}

export function multiSpeakerCallback(taskId: string): Record<string, unknown> {
	return {
		code: 200,
		message: 'SUCCESS',
		data: {
			data: {
				audio_transcription: [{ start_time: 0, end_time: 1, speaker: 'Ann', text: 'Hi' }],
				usage_metadata: [{ model: 'x' }],
			},
			success: true,
		},
		task_id: taskId,
	};
}

export function failureCallback(taskId: string): Record<string, unknown> {
	return {
		code: '500',
		message: 'FAILED',
		data: { data: null, msg: 'Audio track could not be decoded', success: false },
		task_id: taskId,
	};
}
