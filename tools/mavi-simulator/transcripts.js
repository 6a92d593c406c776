'use strict';
// Deterministic fake transcripts: the same asset bytes and options always give the same result.

const { createRandom, randomInt } = require('./prng');
const { wavDurationSeconds } = require('./wav');

const WORDS = (
	'the we our project team budget meeting today next week plan customer call data model ' +
	'results quarter design review launch release simple clear good great question answer ' +
	'think know need want should could will really maybe also then because about before after ' +
	'audio video record transcript speaker segment minute second hour morning report number'
).split(' ');
const SCENES = [
	'A person speaks to the camera in a bright office.',
	'Two people sit at a table and talk.',
	'A slide with a bar chart is shown.',
	'The camera pans across a meeting room.',
	'A close-up of hands typing on a laptop.',
];
const NAMES = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi'];

// Bytes per second used to guess a duration when the file is not a WAV.
const AUDIO_BYTES_PER_SECOND = 16000; // 128 kbit/s
const VIDEO_BYTES_PER_SECOND = 125000; // 1 Mbit/s

const round2 = (value) => Math.round(value * 100) / 100;

/** Seconds of media in the asset: the WAV header when readable, else guessed from the size. */
function assetDurationSeconds(asset) {
	const mime = asset.mime_type || '';
	if (mime.startsWith('image/')) return 0;
	const wav = wavDurationSeconds(asset.data);
	if (wav !== null) return round2(wav);
	if (!asset.file_size) return 0;
	const rate = mime.startsWith('video/') ? VIDEO_BYTES_PER_SECOND : AUDIO_BYTES_PER_SECOND;
	return round2(Math.max(1, asset.file_size / rate));
}

const CAPITALIZED = WORDS.map((word) => word[0].toUpperCase() + word.slice(1));

function sentence(random) {
	const count = randomInt(random, 3, 9);
	let text = ` ${CAPITALIZED[Math.floor(random() * WORDS.length)]}`; // Whisper's leading space
	for (let i = 1; i < count; i++) text += ` ${WORDS[Math.floor(random() * WORDS.length)]}`;
	return `${text}.`;
}

/**
 * Segments {start, end, speaker (index), text} covering the media (options.durationSeconds,
 * else the asset's duration), or exactly `options.segments` of them when set: spread over the
 * media when that leaves each at least 0.05 s, else with natural lengths (the media then lasts
 * as long as they need). Times are exact to 1/100 s and never overlap.
 */
function buildTimeline(asset, options) {
	const { segments: count, speakers: speakerCount, seed, durationSeconds } = options;
	const cacheKey = `${count}|${speakerCount}|${seed}|${durationSeconds}`;
	if (asset.timelines && asset.timelines.has(cacheKey)) return asset.timelines.get(cacheKey);
	const random = createRandom(`${asset.sha256}|${seed}`);
	const mediaCs = Math.round((durationSeconds ?? assetDurationSeconds(asset)) * 100);
	const fixedCount = typeof count === 'number' ? Math.floor(count) : null;
	const slotCs = fixedCount && mediaCs / fixedCount >= 5 ? mediaCs / fixedCount : null;
	const speakers = Math.max(1, Math.floor(speakerCount));
	const segments = [];
	let cursor = 0;
	let speaker = 0;
	let turnLeft = randomInt(random, 1, 3);
	while (fixedCount === null ? cursor < mediaCs : segments.length < fixedCount) {
		const index = segments.length;
		let start;
		let end;
		if (slotCs) {
			start = Math.round(index * slotCs);
			end = Math.round((index + 1) * slotCs);
			if (index > 0 && random() < 0.3) start += Math.floor(random() * 0.15 * (end - start));
		} else {
			start = cursor + (index > 0 && random() < 0.3 ? randomInt(random, 5, 40) : 0);
			end = start + randomInt(random, 150, 500);
		}
		if (fixedCount === null) {
			if (start >= mediaCs) break;
			end = Math.min(end, mediaCs);
			// Fold a tiny tail into the previous segment instead of emitting a 0.2 s one.
			if (end - start < 50 && index > 0) {
				segments[index - 1].end = end / 100;
				break;
			}
		}
		segments.push({ start: start / 100, end: end / 100, speaker, text: sentence(random) });
		cursor = end;
		if (--turnLeft === 0) {
			if (speakers > 1) speaker = (speaker + randomInt(random, 1, speakers - 1)) % speakers;
			turnLeft = randomInt(random, 1, 3);
		}
	}
	const lastEnd = segments.length ? segments[segments.length - 1].end : 0;
	const timeline = { duration: Math.max(mediaCs / 100, lastEnd), segments };
	if (asset.timelines) asset.timelines.set(cacheKey, timeline);
	return timeline;
}

const speakerLabel = (index) => `SPEAKER_${String(index).padStart(2, '0')}`;

/** Sync Whisper items: `speaker` only present when it was requested. */
function syncWhisperItems(timeline, withSpeaker) {
	return timeline.segments.map((s) =>
		withSpeaker
			? { text: s.text, start_time: s.start, end_time: s.end, speaker: speakerLabel(s.speaker) }
			: { text: s.text, start_time: s.start, end_time: s.end },
	);
}

/** Callback Whisper items, in the documented key order; `speaker` null when not requested. */
function callbackWhisperItems(timeline, withSpeaker) {
	return timeline.segments.map((s) => ({
		start_time: s.start,
		end_time: s.end,
		text: s.text,
		speaker: withSpeaker ? speakerLabel(s.speaker) : null,
	}));
}

function diarizationItems(timeline) {
	return timeline.segments.map((s) => ({
		start: s.start,
		end: s.end,
		speaker: speakerLabel(s.speaker),
	}));
}

function usage(timeline, model, tokens = 0) {
	return {
		duration: round2(timeline.duration),
		model,
		output_tokens: tokens,
		prompt_tokens: tokens,
	};
}

/** The inner `data.data` of a successful callback, per result kind (shapes from mavi-api.md). */
function callbackResult(kind, timeline, task) {
	switch (kind) {
		case 'audio':
			return {
				data: callbackWhisperItems(timeline, task.speaker),
				usage_metadata: usage(timeline, task.model),
			};
		case 'speaker':
			return { data: diarizationItems(timeline), usage_metadata: usage(timeline, 'pyannote') };
		case 'video':
			return {
				data: timeline.segments.map((s, i) => ({
					start_time: s.start,
					end_time: s.end,
					transcript: SCENES[i % SCENES.length],
				})),
				usage_metadata: usage(timeline, task.model, 10 * timeline.segments.length),
			};
		case 'multi-speaker':
			return {
				audio_transcription: timeline.segments.map((s) => ({
					start_time: s.start,
					end_time: s.end,
					speaker: NAMES[s.speaker] || `Speaker ${s.speaker + 1}`,
					text: s.text.trim(),
				})),
				usage_metadata: [usage(timeline, 'multi-speaker')],
			};
		case 'summary':
		default: {
			const speakers = new Set(timeline.segments.map((s) => s.speaker)).size;
			return {
				summary: `A ${Math.round(timeline.duration)} s recording with ${speakers} speaker(s).`,
				key_points: timeline.segments.slice(0, 3).map((s) => s.text.trim()),
				usage_metadata: usage(timeline, 'gemini-2.5-flash', 100),
			};
		}
	}
}

const CALLBACK_MESSAGES = {
	audio: 'ASR transcription completed successfully',
	speaker: 'Speaker diarization completed successfully',
	video: 'Video transcription completed successfully',
	'multi-speaker': 'Multi-speaker transcription completed successfully',
	summary: 'Summary completed successfully',
};

module.exports = {
	assetDurationSeconds,
	buildTimeline,
	speakerLabel,
	syncWhisperItems,
	callbackWhisperItems,
	diarizationItems,
	callbackResult,
	CALLBACK_MESSAGES,
};
