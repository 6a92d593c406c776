// A Mavi audio-transcription callback (mavi-api.md "Webhook callbacks") with N segments of
// realistic length, so P1 and P2 parse and map the same shape the trigger sees in production.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { randomTaskId, transcriptionCallback } = require('../../tools/n8n-harness/workflows.js');

const WORDS = (
	'so the quarterly numbers look better than we expected and I think the new pricing ' +
	'helped a lot but we still need to talk about churn in the enterprise segment okay ' +
	'let me share my screen first can everyone see this yes perfect'
).split(' ');

export { randomTaskId };

export function makeSegments(count) {
	const segments = new Array(count);
	let time = 0;
	for (let i = 0; i < count; i++) {
		const length = 6 + (i % 11);
		const words = [];
		for (let w = 0; w < length; w++) words.push(WORDS[(i * 7 + w * 3) % WORDS.length]);
		const duration = 1.5 + (i % 5) * 0.7;
		segments[i] = {
			start_time: Math.round(time * 100) / 100,
			end_time: Math.round((time + duration) * 100) / 100,
			// Whisper puts a leading space before every segment's text.
			text: ` ${words.join(' ')}.`,
			speaker: `SPEAKER_0${Math.floor(i / 4) % 2}`,
		};
		time += duration + 0.2;
	}
	return segments;
}

export function makeCallback(segmentCount, taskId = randomTaskId()) {
	const segments = makeSegments(segmentCount);
	const last = segments[segments.length - 1];
	return transcriptionCallback(taskId, segments, {
		duration: last ? Math.ceil(last.end_time) : 0,
	});
}

/** The JSON text of a callback whose task_id can be swapped without re-serialising 1 MB. */
export function callbackTemplate(segmentCount) {
	const placeholder = 'f'.repeat(32);
	const text = JSON.stringify(makeCallback(segmentCount, placeholder));
	const at = text.lastIndexOf(placeholder);
	return {
		bytes: Buffer.byteLength(text),
		withTaskId: (taskId) => text.slice(0, at) + taskId + text.slice(at + placeholder.length),
	};
}
