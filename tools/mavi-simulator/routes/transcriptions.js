'use strict';
// POST /transcriptions/*: sync results in the response, async results by webhook.

const { AMBIGUOUS_400, sendError, sendSuccess, parseJsonObject } = require('../http-util');
const { containsPattern } = require('../assets');
const { successEnvelope, failureEnvelope } = require('../callbacks');
const {
	buildTimeline,
	syncWhisperItems,
	diarizationItems,
	callbackResult,
} = require('../transcripts');

const ENDPOINTS = {
	'sync-generate-audio': { kind: 'audio', sync: true },
	'async-generate-audio': { kind: 'audio', sync: false },
	'sync-generate-speaker': { kind: 'speaker', sync: true },
	'async-generate-speaker': { kind: 'speaker', sync: false },
	'async-generate-video': { kind: 'video', sync: false },
	'async-summary': { kind: 'summary', sync: false },
	'async-generate-multi-speaker': { kind: 'multi-speaker', sync: false },
};

const NO_WEBHOOK = 'An async request requires at least one webhook.';
const FAILURE_REASON = 'Transcription failed: the audio track could not be decoded';
const FIXED_MODELS = {
	speaker: 'pyannote',
	summary: 'gemini-2.5-flash',
	'multi-speaker': 'gemini',
};

class RequestError extends Error {
	constructor(status, message) {
		super(message);
		this.status = status;
	}
}

function modelFor(kind, requested) {
	const given = typeof requested === 'string' ? requested.trim() : requested;
	if (kind === 'audio') {
		if (given === undefined || given === null || given === '') return 'whisper-1';
		if (given !== 'whisper-1') throw new RequestError(400, AMBIGUOUS_400);
		return given;
	}
	if (kind === 'video') {
		if (given === undefined || given === null || given === '') {
			throw new RequestError(400, 'model cannot be null or empty');
		}
		if (typeof given !== 'string' || !given.startsWith('gemini-2.5-flash')) {
			throw new RequestError(400, AMBIGUOUS_400);
		}
		return given;
	}
	return FIXED_MODELS[kind];
}

/** `speaker` is a boolean; a JSON string 'true'/'false' is coerced as a Java backend would. */
function speakerFlag(value) {
	if (value === undefined || value === null) return false;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new RequestError(400, 'speaker must be a boolean');
}

/** Validates the body in the order the API reports errors; returns the parsed request. */
function parseRequest(sim, body, spec) {
	const json = parseJsonObject(body);
	if (json === null) throw new RequestError(400, 'Request body must be a JSON object');
	if (!spec.sync && !sim.options.webhookUrl) throw new RequestError(400, NO_WEBHOOK);
	const assetId = typeof json.asset_id === 'string' ? json.asset_id.trim() : '';
	if (!assetId) throw new RequestError(400, 'asset_id cannot be null or empty');
	const model = modelFor(spec.kind, json.model);
	const speaker = spec.kind === 'audio' ? speakerFlag(json.speaker) : false;
	// Unknown and not-yet-ready assets get the same ambiguous text as the rate limit.
	const asset = sim.assets.get(assetId);
	if (!asset || sim.assets.status(asset).status !== 'SUCCESS') {
		throw new RequestError(400, AMBIGUOUS_400);
	}
	return { asset, model, speaker };
}

function transcribe(sim, { res, body }, name) {
	const spec = ENDPOINTS[name];
	let request;
	try {
		request = parseRequest(sim, body, spec);
	} catch (error) {
		if (error instanceof RequestError) return sendError(res, error.status, error.message);
		throw error;
	}
	const { asset, model, speaker } = request;
	const options = sim.options;
	const failing = containsPattern(asset.file_name, options.failTaskPattern);
	if (spec.sync) {
		if (failing) return sendError(res, 500, FAILURE_REASON);
		const timeline = buildTimeline(asset, options);
		const data =
			spec.kind === 'audio'
				? { model, items: syncWhisperItems(timeline, speaker) }
				: { model, items: diarizationItems(timeline) };
		return sendSuccess(res, options, data);
	}
	const task = sim.createTask({ asset, kind: spec.kind, model, speaker, endpoint: name, failing });
	const envelope = failing
		? failureEnvelope(task, FAILURE_REASON)
		: successEnvelope(
				task,
				callbackResult(spec.kind, buildTimeline(asset, options), task),
				options,
			);
	sim.callbacks.schedule(task, envelope);
	sendSuccess(res, options, { task_id: task.task_id });
}

const handlers = Object.fromEntries(
	Object.keys(ENDPOINTS).map((name) => [name, (sim, ctx) => transcribe(sim, ctx, name)]),
);

module.exports = { ENDPOINTS, handlers, NO_WEBHOOK };
