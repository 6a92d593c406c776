'use strict';
// Simulator options: defaults, validation, merging and a printable (masked) view.

// Before any work: 429, 400 (ambiguous), 500, 503, drop, slow. After the work is done (asset
// or task created, callback scheduled): drop-after, stall-after, 502-after.
const FAULT_KINDS = [
	'429',
	'400',
	'500',
	'503',
	'drop',
	'slow',
	'drop-after',
	'stall-after',
	'502-after',
];
const CODE_STYLES = ['0000', '200', '200-string'];
const RATE_LIMIT_STYLES = ['429', '400'];

const DEFAULTS = Object.freeze({
	port: 0,
	host: '127.0.0.1',
	apiKey: 'sk-mavi-sim-local-key',
	keyStatus: {},
	rateLimit: true,
	rateLimitMs: 1000,
	rateLimitStyle: '429',
	assetReadyMs: 600,
	failFilePattern: 'fail',
	codeStyle: '0000',
	segments: null,
	durationSeconds: null,
	speakers: 2,
	webhookUrl: null,
	callbackDelayMs: 100,
	callbackTimeoutMs: 30000,
	duplicateDeliveries: 0,
	outOfOrder: false,
	outOfOrderWindowMs: 1500,
	holdCallbacks: false,
	failTaskPattern: 'failtask',
	faults: Object.freeze({
		rate: 0,
		kinds: ['429', '400', '500', 'drop', 'slow'],
		slowMs: 2000,
		limit: null,
	}),
	seed: 1,
	logFile: null,
});

function fail(message) {
	throw new Error(`Invalid simulator option: ${message}`);
}

function checkNumber(name, value, min, max = Infinity) {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		fail(`${name} must be a number between ${min} and ${max}`);
	}
}

function checkFaults(faults) {
	if (typeof faults !== 'object' || faults === null) fail('faults must be an object');
	for (const key of Object.keys(faults)) {
		if (!['rate', 'kinds', 'slowMs', 'limit'].includes(key)) fail(`unknown faults.${key}`);
	}
	checkNumber('faults.rate', faults.rate, 0, 1);
	if (faults.limit !== null) checkNumber('faults.limit', faults.limit, 0);
	checkNumber('faults.slowMs', faults.slowMs, 0);
	if (!Array.isArray(faults.kinds) || faults.kinds.some((kind) => !FAULT_KINDS.includes(kind))) {
		fail(`faults.kinds must be a list of ${FAULT_KINDS.join(', ')}`);
	}
}

function checkWebhookUrl(url) {
	if (url === null) return;
	let parsed;
	try {
		parsed = new URL(url);
	} catch {
		fail('webhookUrl must be an absolute http(s) URL');
	}
	if (!['http:', 'https:'].includes(parsed.protocol)) fail('webhookUrl must be http(s)');
}

function validate(options) {
	const keys = Array.isArray(options.apiKey) ? options.apiKey : [options.apiKey];
	if (keys.length === 0 || keys.some((key) => typeof key !== 'string' || key === '')) {
		fail('apiKey must be a non-empty string or a list of them');
	}
	for (const [key, status] of Object.entries(options.keyStatus || {})) {
		if (![402, 403].includes(status)) fail(`keyStatus for ${maskSecret(key)} must be 402 or 403`);
	}
	for (const name of ['rateLimitMs', 'assetReadyMs', 'callbackDelayMs', 'duplicateDeliveries']) {
		checkNumber(name, options[name], 0);
	}
	checkNumber('outOfOrderWindowMs', options.outOfOrderWindowMs, 0);
	checkNumber('callbackTimeoutMs', options.callbackTimeoutMs, 1);
	checkNumber('speakers', options.speakers, 1, 100);
	checkNumber('port', options.port, 0, 65535);
	if (options.segments !== null) checkNumber('segments', options.segments, 0, 10_000_000);
	if (options.durationSeconds !== null) {
		checkNumber('durationSeconds', options.durationSeconds, 0, 1_000_000);
	}
	if (!RATE_LIMIT_STYLES.includes(options.rateLimitStyle))
		fail('rateLimitStyle must be 429 or 400');
	if (!CODE_STYLES.includes(options.codeStyle)) fail(`codeStyle must be ${CODE_STYLES.join(', ')}`);
	checkFaults(options.faults);
	checkWebhookUrl(options.webhookUrl);
}

/** Merges a partial option object into the current options; throws on unknown or bad values. */
function mergeOptions(current, patch = {}) {
	if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
		fail('options must be an object');
	}
	for (const key of Object.keys(patch)) {
		if (!(key in DEFAULTS)) fail(`unknown option "${key}"`);
	}
	// An option given as undefined keeps its current value, as if it were left out.
	patch = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
	const next = { ...current, ...patch };
	if (patch.faults && typeof patch.faults === 'object') {
		const given = Object.entries(patch.faults).filter(([, value]) => value !== undefined);
		next.faults = { ...current.faults, ...Object.fromEntries(given) };
	}
	if (patch.keyStatus) next.keyStatus = { ...patch.keyStatus };
	for (const name of ['rateLimitStyle', 'codeStyle']) next[name] = String(next[name]);
	if (next.webhookUrl === '') next.webhookUrl = null;
	validate(next);
	return next;
}

/** 'sk-mavi-secret-key' -> 'sk-m****ey': enough to tell keys apart, never the whole key. */
function maskSecret(secret) {
	const text = String(secret);
	if (text.length <= 8) return '****';
	return `${text.slice(0, 4)}****${text.slice(-2)}`;
}

const SENSITIVE_PARAMS = /^(token|key|apikey|api_key|access_token|secret|signature|sig|password)$/i;

/** A URL or path with the values of secret-looking query parameters replaced by ***. */
function redactUrl(raw) {
	if (raw === null || raw === undefined) return raw;
	const text = String(raw);
	const queryAt = text.indexOf('?');
	if (queryAt < 0) return text;
	const query = text
		.slice(queryAt + 1)
		.split('&')
		.map((pair) => {
			const eq = pair.indexOf('=');
			const name = eq < 0 ? pair : pair.slice(0, eq);
			let decoded = name;
			try {
				decoded = decodeURIComponent(name);
			} catch {
				// keep the raw name
			}
			return SENSITIVE_PARAMS.test(decoded) ? `${name}=***` : pair;
		})
		.join('&');
	return `${text.slice(0, queryAt)}?${query}`;
}

/** The effective options as safe to print or return over the admin endpoint. */
function describeOptions(options) {
	const keys = Array.isArray(options.apiKey) ? options.apiKey : [options.apiKey];
	const keyStatus = {};
	for (const [key, status] of Object.entries(options.keyStatus || {})) {
		keyStatus[maskSecret(key)] = status;
	}
	return {
		...options,
		apiKey: keys.map(maskSecret),
		keyStatus,
		webhookUrl: redactUrl(options.webhookUrl),
		faults: { ...options.faults, kinds: [...options.faults.kinds] },
	};
}

module.exports = {
	DEFAULTS,
	FAULT_KINDS,
	CODE_STYLES,
	mergeOptions,
	maskSecret,
	redactUrl,
	describeOptions,
};
