// P8: the size of what Transcribe From URL answers an AI Agent for a 60-minute, 2-speaker
// recording: the full transcript item (what a tool got before the compact answer) against the
// compact answer. Characters of the JSON the model receives; tokens estimated as characters / 4.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function runP8(root, dist, minutes = 60) {
	const { buildTimeline } = require(path.join(root, 'tools/mavi-simulator/transcripts.js'));
	const { elevenLabsResult } = require(path.join(root, 'tools/mavi-simulator/speechWords.js'));
	const { readSpeechResult } = require(path.join(dist, 'nodes/Mavi/helpers/speechToText.js'));
	const { mapTranscript } = require(path.join(dist, 'nodes/Mavi/helpers/transcriptItems.js'));
	const { compactAnswer } = require(path.join(dist, 'nodes/Mavi/actions/toolAnswer.js'));
	const audio = { sha256: 'bench-p8', file_size: 0, mime_type: 'audio/wav', data: Buffer.alloc(0) };
	const timeline = buildTimeline(audio, {
		speakers: 2,
		seed: 'p8',
		durationSeconds: minutes * 60,
	});
	const data = elevenLabsResult(timeline, { diarize: true, languageCode: 'en' });
	const result = readSpeechResult(data, 'elevenlabs', true, null);
	const meta = { taskId: null, model: result.model, audioDuration: result.audioDuration };
	const [transcript] = mapTranscript(result.segments, meta, 'transcript');
	const full = { ...transcript, language_code: result.languageCode, ...result.extras };
	const beforeChars = JSON.stringify(full).length;
	const afterChars = JSON.stringify(compactAnswer(full)).length;
	return {
		minutes,
		segments: result.segments.length,
		beforeChars,
		afterChars,
		beforeTokens: Math.round(beforeChars / 4),
		afterTokens: Math.round(afterChars / 4),
		ratio: Math.round((afterChars / beforeChars) * 1000) / 1000,
	};
}

export function p8Rows(p8, add) {
	const metric =
		'AI tool answer of Transcribe From URL, 60-minute 2-speaker transcript: characters, full item -> compact (tokens ~ chars/4)';
	if (!p8 || p8.error) {
		add('P8', metric, `not measured: ${p8 ? p8.error : 'skipped'}`, '<= 0.33', null);
		return;
	}
	add(
		'P8',
		`${metric}, ${p8.segments} segments`,
		`${p8.beforeChars} -> ${p8.afterChars} (~${p8.beforeTokens} -> ~${p8.afterTokens} tokens): ratio ${p8.ratio}`,
		'<= 0.33',
		p8.ratio <= 1 / 3,
	);
}
