/** The fields of one segment item, as both the Transcribe node and the trigger emit them. */
export const SEGMENT_ITEM_KEYS: string[] = [
	'audio_duration',
	'duration',
	'end_time',
	'model',
	'segment_count',
	'segment_index',
	'speaker',
	'start_time',
	'task_id',
	'text',
].sort();
