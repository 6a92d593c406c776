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

// Japanese is written without spaces: ElevenLabs then sends its words with no spacing entries.
const JAPANESE = [
	['今日', 'は', 'いい', '天気', 'です', 'ね', '。'],
	['会議', 'を', '始め', 'ましょう', '。'],
	['予算', 'に', 'ついて', '話し', 'ます', '。'],
];

/** The timeline's segments as Japanese sentences, one per segment, tokens without spaces. */
function japaneseTimeline(timeline) {
	return {
		...timeline,
		segments: timeline.segments.map((segment, index) => ({
			...segment,
			tokens: JAPANESE[index % JAPANESE.length],
		})),
	};
}

function japaneseWords(timeline, diarize) {
	const words = [];
	for (const segment of japaneseTimeline(timeline).segments) {
		const step = (segment.end - segment.start) / segment.tokens.length;
		segment.tokens.forEach((text, i) => {
			words.push({
				text,
				start: round3(segment.start + i * step),
				end: round3(segment.start + (i + 1) * step),
				type: i === segment.tokens.length - 1 ? 'punctuation' : 'word',
				speaker_id: diarize ? `speaker_${segment.speaker}` : null,
			});
		});
	}
	return words;
}

function elevenLabsResult(timeline, { diarize, languageCode }) {
	if (typeof languageCode === 'string' && languageCode.startsWith('ja')) {
		const words = japaneseWords(timeline, diarize);
		const text = words.map((word) => word.text).join('');
		return { language_code: 'ja', language_probability: 0.97, text, words };
	}
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

/** What AssemblyAI adds beyond words for the options it was asked for (echoed as it does). */
function assemblyAiExtras(timeline, request) {
	const extras = {};
	if (request.auto_chapters === true) {
		extras.chapters = timeline.segments.slice(0, 2).map((segment, i) => ({
			start: Math.round(segment.start * 1000),
			end: Math.round(segment.end * 1000),
			headline: `Chapter ${i + 1}`,
			gist: segment.text.trim().split(' ').slice(0, 2).join(' '),
			summary: segment.text.trim(),
		}));
	}
	if (request.summarization === true) extras.summary = `- ${timeline.segments.length} segments`;
	if (request.entity_detection === true) {
		extras.entities = [{ entity_type: 'organization', text: 'Mavi', start: 0, end: 500 }];
	}
	if (request.redact_pii === true) {
		extras.redact_pii = true;
		extras.redact_pii_policies = request.redact_pii_policies;
	}
	return extras;
}

function assemblyAiResult(timeline, { speakerLabels, languageCode, request = {} }) {
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
		...assemblyAiExtras(timeline, request),
	};
}

module.exports = { elevenLabsResult, assemblyAiResult, timedWords };
