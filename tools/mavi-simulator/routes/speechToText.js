'use strict';
// POST /transcriptions/speech-to-text: synchronous, ElevenLabs (default) or AssemblyAI, from an
// asset or from a URL that the simulator really downloads (so an unreachable link fails as it
// would at Mavi).

const crypto = require('node:crypto');
const path = require('node:path');
const { AMBIGUOUS_400, sendError, sendSuccess, parseJsonObject } = require('../http-util');
const { containsPattern } = require('../assets');
const { buildTimeline } = require('../transcripts');
const { elevenLabsResult, assemblyAiResult } = require('../speechWords');

const PROVIDERS = ['elevenlabs', 'assemblyai'];
const DOWNLOAD_TIMEOUT_MS = 10000;
const FAILURE_REASON = 'Transcription failed: the audio track could not be decoded';

class RequestError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

function flag(json, name) {
	const value = json[name];
	if (value === undefined || value === null) return false;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new RequestError(400, `${name} must be a boolean`);
}

function count(json, name) {
	const value = json[name];
	if (value === undefined || value === null) return null;
	if (!Number.isInteger(value) || value < 1 || value > 32) {
		throw new RequestError(400, `${name} must be an integer from 1 to 32`);
	}
	return value;
}

/** Downloads the media into an asset-like object that buildTimeline understands. */
async function download(url) {
	let parsed;
	try {
		parsed = new URL(url);
	} catch {
		throw new RequestError(400, 'url must be a valid http(s) URL');
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new RequestError(400, 'url must be a valid http(s) URL');
	}
	let response;
	try {
		response = await fetch(parsed, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
	} catch (error) {
		throw new RequestError(400, `Could not download the file from url: ${error.message}`);
	}
	if (!response.ok) {
		throw new RequestError(400, `Could not download the file from url: HTTP ${response.status}`);
	}
	const data = Buffer.from(await response.arrayBuffer());
	return {
		file_name: path.basename(parsed.pathname) || parsed.hostname,
		mime_type: (response.headers.get('content-type') || '').split(';')[0] || null,
		file_size: data.length,
		data,
		sha256: crypto.createHash('sha256').update(data).digest('hex'),
	};
}

async function source(sim, json) {
	const url = typeof json.url === 'string' && json.url.trim() ? json.url : json.source_url;
	const assetId = typeof json.asset_id === 'string' ? json.asset_id.trim() : '';
	if (assetId) {
		const asset = sim.assets.get(assetId);
		if (!asset || sim.assets.status(asset).status !== 'SUCCESS') {
			throw new RequestError(400, AMBIGUOUS_400);
		}
		return asset;
	}
	if (typeof url === 'string' && url.trim()) return download(url.trim());
	throw new RequestError(400, 'One of asset_id, url or source_url is required');
}

async function parseRequest(sim, body) {
	const json = parseJsonObject(body);
	if (json === null) throw new RequestError(400, 'Request body must be a JSON object');
	const provider = json.provider === undefined ? 'elevenlabs' : json.provider;
	if (!PROVIDERS.includes(provider)) {
		throw new RequestError(400, `provider must be one of ${PROVIDERS.join(', ')}`);
	}
	const languageCode = typeof json.language_code === 'string' ? json.language_code : null;
	const assembly = provider === 'assemblyai';
	const speakers = flag(json, assembly ? 'speaker_labels' : 'diarize');
	const speakerCount = count(json, assembly ? 'speakers_expected' : 'num_speakers');
	const media = await source(sim, json);
	return { provider, languageCode, speakers, speakerCount, media, json };
}

async function speechToText(sim, { res, body }) {
	let request;
	try {
		request = await parseRequest(sim, body);
	} catch (error) {
		if (error instanceof RequestError) return sendError(res, error.status, error.message);
		throw error;
	}
	const { provider, languageCode, speakers, speakerCount, media, json } = request;
	sim.counters.speechToText.push({
		provider,
		url: media.asset_id ? null : json.url || json.source_url,
		asset_id: media.asset_id || null,
		language_code: languageCode,
		speakers,
		body: json,
	});
	const options = sim.options;
	if (containsPattern(media.file_name, options.failTaskPattern)) {
		return sendError(res, 500, FAILURE_REASON);
	}
	const timelineOptions = speakerCount ? { ...options, speakers: speakerCount } : options;
	const timeline = buildTimeline(media, timelineOptions);
	const data =
		provider === 'assemblyai'
			? assemblyAiResult(timeline, { speakerLabels: speakers, languageCode })
			: elevenLabsResult(timeline, { diarize: speakers, languageCode });
	return sendSuccess(res, options, data);
}

module.exports = { speechToText };
