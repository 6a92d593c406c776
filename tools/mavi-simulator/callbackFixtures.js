'use strict';
// Callback bodies as Mavi documents them (mavi-api.md, "Webhook callbacks"): the one builder the
// unit, e2e and stress tests and the bench start from.

const DOCUMENTED_TASK_ID = '016c7052f8224d5c971e35b7d08972fc';
/** @type {Array<{start_time: number, end_time: number, text: string, speaker: string | null}>} */
const DOCUMENTED_SEGMENTS = [{ start_time: 0.0, end_time: 2.0, text: ' Oh', speaker: null }];

/**
 * The documented audio transcription callback with a chosen task_id and segments. `duration`
 * (what usage_metadata reports) defaults to the last segment's end; `overrides` replace
 * top-level fields.
 */
function transcriptionCallback(
	taskId = DOCUMENTED_TASK_ID,
	segments = DOCUMENTED_SEGMENTS,
	{ duration, ...overrides } = {},
) {
	const lastEnd = segments.length > 0 ? segments[segments.length - 1].end_time : 0;
	return {
		code: '0000',
		message: 'SUCCESS',
		data: {
			data: {
				data: segments,
				usage_metadata: {
					duration: duration ?? lastEnd,
					model: 'whisper-1',
					output_tokens: 0,
					prompt_tokens: 0,
				},
			},
			msg: 'ASR transcription completed successfully',
			success: true,
		},
		task_id: taskId,
		...overrides,
	};
}

module.exports = { DOCUMENTED_TASK_ID, transcriptionCallback };
