/**
 * What a creating (billed) request may have done when its outcome is unclear: its answer was
 * lost, unreadable, or the execution was stopped while it was out.
 */

export const CANCELLED = 'The execution was cancelled';

/** What a POST creates (and Mavi bills): such a request is never sent twice blindly. */
export type Creation =
	| 'asset' // Upload
	| 'transcriptionTask' // Transcription → Start
	| 'diarizationTask' // Speaker → Start
	| 'transcript' // Transcribe and Wait (synchronous)
	| 'diarization'; // Diarize and Wait (synchronous)

const NOT_RESENT =
	'The request was not sent again: a second one would start (and bill) a second task.';

/** What may have happened and what to do, per thing a lost request may have created. */
export const MAYBE_CREATED: Record<
	Creation,
	{ message: string; advice: string; inFlight: string }
> = {
	asset: {
		message: 'The upload was sent but its answer was lost: an asset may have been created',
		inFlight: 'an asset may have been created',
		advice:
			'The file was not uploaded again, so no duplicate asset is created. Look for it in the Mavi console: if it is there, use its asset ID with Asset → Get Status, Transcription → Start or Asset → Delete; if not, run this item again.',
	},
	transcriptionTask: {
		message:
			'Mavi may have started this transcription; if it did, the result still arrives at the Mavi Transcription Trigger',
		inFlight:
			'Mavi may have started this transcription; if it did, the result still arrives at the Mavi Transcription Trigger',
		advice: `${NOT_RESENT} If no result reaches the trigger within the usual time, run this item again.`,
	},
	diarizationTask: {
		message:
			'Mavi may have started this speaker diarization; if it did, the result still arrives at the Mavi Transcription Trigger',
		inFlight:
			'Mavi may have started this speaker diarization; if it did, the result still arrives at the Mavi Transcription Trigger',
		advice: `${NOT_RESENT} If no result reaches the trigger within the usual time, run this item again.`,
	},
	transcript: {
		message: 'Mavi may have transcribed this file (and billed it), but its answer was lost',
		inFlight: 'Mavi may have transcribed this file (and billed it)',
		advice:
			'The request was not sent again, so it is not billed twice. Run this item again to get the transcript; for long files, Transcription → Start with the Mavi Transcription Trigger does not lose results this way.',
	},
	diarization: {
		message: 'Mavi may have diarized this file (and billed it), but its answer was lost',
		inFlight: 'Mavi may have diarized this file (and billed it)',
		advice:
			'The request was not sent again, so it is not billed twice. Run this item again to get the speakers; for long files, Speaker → Start with the Mavi Transcription Trigger does not lose results this way.',
	},
};

/**
 * A synchronous transcription answered with success has run, and Mavi bills it, even when this
 * node cannot read the result.
 */
const BILLED_UNREADABLE: Partial<Record<Creation, string>> = {
	transcript:
		'Mavi transcribed this file and billed it, but this node could not read the result. Running this item again bills it again.',
	diarization:
		'Mavi diarized this file and billed it, but this node could not read the result. Running this item again bills it again.',
};

/** What an answer this node cannot read means for what the request created (or nothing). */
export function unreadableAnswerNote(creates: Creation | undefined): string {
	if (!creates) return '';
	return (
		BILLED_UNREADABLE[creates] ??
		`${MAYBE_CREATED[creates].message}. ${MAYBE_CREATED[creates].advice}`
	);
}

/** The stop of an execution while a creating request was in flight: what may have happened. */
export function cancelledInFlight(creates: Creation): { message: string; description: string } {
	return {
		message: `${CANCELLED} while the request was in flight: ${MAYBE_CREATED[creates].inFlight}`,
		description: MAYBE_CREATED[creates].advice,
	};
}
