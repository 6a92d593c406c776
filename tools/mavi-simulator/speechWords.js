'use strict';
// Word lists of POST /transcriptions/speech-to-text in each provider's documented shape:
// ElevenLabs {text, language_code, words: [{text, start, end, type, speaker_id}]} in seconds,
// AssemblyAI {id, text, words: [{text, start, end, speaker}], utterances} in milliseconds.

const crypto = require('node:crypto');

const round3 = (value) => Math.round(value * 1000) / 1000;

/** Each timeline segment split into words spread evenly over its time span. */
function timedWords(timeline) {
	const words = [];
	for (const segment of timeline.segments) {
		const tokens = segment.text.trim().split(/\s+/);
		const step = (segment.end - segment.start) / tokens.length;
		tokens.forEach((text, i) => {
			const start = segment.start + i * step;
			const end = i === tokens.length - 1 ? segment.end : start + step;
			words.push({ text, start, end, speaker: segment.speaker });
		});
	}
	return words;
}

function fullText(timeline) {
	return timeline.segments.map((segment) => segment.text.trim()).join(' ');
}

function elevenLabsResult(timeline, { diarize, languageCode }) {
	const words = [];
	for (const word of timedWords(timeline)) {
		const speakerId = diarize ? `speaker_${word.speaker}` : null;
		if (words.length > 0) {
			const previous = words[words.length - 1];
			words.push({
				text: ' ',
				start: previous.end,
				end: round3(word.start),
				type: 'spacing',
				speaker_id: speakerId,
			});
		}
		words.push({
			text: word.text,
			start: round3(word.start),
			end: round3(word.end),
			type: 'word',
			speaker_id: speakerId,
		});
	}
	return {
		language_code: languageCode || 'en',
		language_probability: 0.98,
		text: fullText(timeline),
		words,
	};
}

const letter = (index) => String.fromCharCode(65 + (index % 26));

function utterances(words) {
	const turns = [];
	for (const word of words) {
		const last = turns[turns.length - 1];
		if (last && last.speaker === word.speaker) {
			last.end = word.end;
			last.text += ` ${word.text}`;
			last.words.push(word);
		} else {
			turns.push({
				speaker: word.speaker,
				start: word.start,
				end: word.end,
				text: word.text,
				words: [word],
			});
		}
	}
	return turns.map((turn) => ({ ...turn, confidence: 0.93 }));
}

function assemblyAiResult(timeline, { speakerLabels, languageCode }) {
	const words = timedWords(timeline).map((word) => ({
		text: word.text,
		start: Math.round(word.start * 1000),
		end: Math.round(word.end * 1000),
		confidence: 0.93,
		speaker: speakerLabels ? letter(word.speaker) : null,
	}));
	return {
		id: crypto.randomUUID(),
		status: 'completed',
		language_code: languageCode || 'en_us',
		audio_duration: Math.round(timeline.duration),
		speech_model: 'best',
		text: fullText(timeline),
		words,
		utterances: speakerLabels ? utterances(words) : null,
	};
}

module.exports = { elevenLabsResult, assemblyAiResult, timedWords };
