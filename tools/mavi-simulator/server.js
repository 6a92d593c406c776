'use strict';
// Local Mavi API simulator: a real HTTP server on 127.0.0.1 following /work/shared/mavi-api.md.

const http = require('node:http');
const crypto = require('node:crypto');
const { DEFAULTS, mergeOptions, describeOptions } = require('./options');
const { AMBIGUOUS_400, sendError, readBody, drainBody, sleepUnlessClosed } = require('./http-util');
const { AssetStore } = require('./assets');
const { FaultInjector, RateLimiter, AFTER_WORK_FAULTS, loseAnswerAfterWork } = require('./faults');
const { CallbackDispatcher } = require('./callbacks');
const { RequestLog } = require('./log');
const { createRandom } = require('./prng');
const { matchRoute } = require('./routes');
const { signedUpload, SIGNED_PATH } = require('./routes/assets');
const { handleAdmin } = require('./admin');
const { Ledger } = require('./ledger');

const BASE_PATH = '/serve/api/v2';
const KEY_STATUS_MESSAGES = {
	402: 'Insufficient credits',
	403: 'Account disabled or IP not allowed',
};
const FAULT_ANSWERS = {
	429: [429, AMBIGUOUS_400],
	400: [400, AMBIGUOUS_400],
	500: [500, 'Internal Server Error'],
	503: [503, 'Service Unavailable'],
};

const increment = (counts, key) => {
	counts[key] = (counts[key] || 0) + 1;
};

class Simulator {
	constructor(options = {}) {
		this.options = mergeOptions({ ...DEFAULTS }, options);
		this.assets = new AssetStore(() => this.now());
		this.limiter = new RateLimiter();
		this.faults = new FaultInjector(this.options.seed);
		this.callbackRandom = createRandom(`callbacks|${this.options.seed}`);
		this.requestLog = new RequestLog();
		this.callbacks = new CallbackDispatcher({
			getOptions: () => this.options,
			random: () => this.callbackRandom(),
			log: (line) => this.requestLog.write(line),
		});
		this.signingSecret = crypto.randomBytes(16).toString('hex');
		// The rate limiter's clock; tests replace it to step time instead of sleeping.
		this.now = () => Date.now();
		this.lostAnswers = [];
		this.lostWaiters = [];
		this.url = null;
		this.baseUrl = null;
		this.clearCounters();
		this.applyLogOptions();
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch(() => {
				if (!res.headersSent) sendError(res, 500, 'Internal Server Error');
				else res.destroy();
			});
		});
		// Longer than common client keep-alive timeouts, so the server is never the side that
		// closes an idle socket just as a client reuses it (a spurious ECONNRESET).
		this.server.keepAliveTimeout = 30000;
	}

	listen() {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, this.options.host, () => {
				this.server.off('error', reject);
				const { port } = this.server.address();
				this.port = port;
				this.url = `http://${this.options.host}:${port}`;
				this.baseUrl = `${this.url}${BASE_PATH}`;
				resolve(this);
			});
		});
	}

	clearCounters() {
		this.counters = {
			requests: 0,
			byEndpoint: {},
			rateLimited: 0,
			// 'slow' requests whose client left before the answer: nothing was done for them.
			abandoned: 0,
			faultsInjected: {},
			accepted: {},
			responses: {},
			// What each speech-to-text call asked for (source, provider, speakers).
			speechToText: [],
		};
		this.tasks = [];
		this.ledger ??= new Ledger();
		this.ledger.clear();
	}

	reseed() {
		this.faults.reseed(this.options.seed);
		this.callbackRandom = createRandom(`callbacks|${this.options.seed}`);
	}

	applyLogOptions() {
		const { apiKey, keyStatus, webhookUrl, logFile } = this.options;
		const secrets = [...(Array.isArray(apiKey) ? apiKey : [apiKey]), ...Object.keys(keyStatus)];
		if (webhookUrl) secrets.push(...new URL(webhookUrl).searchParams.values());
		this.requestLog.configure(logFile, secrets);
	}

	/** Merges options at run time; `faults` or `seed` restart the seeded fault sequence. */
	configure(patch = {}) {
		if (this.url && (('port' in patch && patch.port !== this.port) || 'host' in patch)) {
			throw new Error('Invalid simulator option: port and host are fixed once listening');
		}
		const { port, host, ...rest } = patch;
		this.options = mergeOptions(this.options, rest);
		if ('faults' in patch || 'seed' in patch) this.reseed();
		this.applyLogOptions();
		return this.describeOptions();
	}

	setWebhookUrl(url) {
		return this.configure({ webhookUrl: url || null });
	}

	describeOptions() {
		return describeOptions(this.options);
	}

	stats() {
		return structuredClone({
			...this.counters,
			tasks: this.tasks.map(({ task_id, asset_id, kind, model, speaker, failing, body }) => ({
				task_id,
				asset_id,
				kind,
				model,
				speaker,
				failing,
				body,
			})),
			assets: this.assets.list(),
			syncRuns: this.ledger.syncRuns,
			faultLog: this.ledger.faultLog,
			callbacks: this.callbacks.deliveries,
			heldCallbacks: this.callbacks.held.map(({ task }) => task.task_id),
		});
	}

	/** Lets the next request to `endpoint` in, as if a set-up request before it had never been made. */
	forgetRateWindow(endpoint) {
		this.limiter.forget(`account|${endpoint}`);
	}

	/** Forgets assets, tasks, pending callbacks, rate-limit windows and counters; keeps options. */
	reset() {
		this.callbacks.clear();
		this.assets.clear();
		this.limiter.clear();
		this.clearCounters();
		this.reseed();
	}

	/** With `holdCallbacks`: sends the callbacks held so far (`reverse`: last first; `taskIds`: only those). */
	releaseCallbacks(options) {
		return this.callbacks.release(options);
	}

	waitForCallbacks(count, timeoutMs) {
		return this.callbacks.waitFor(count, timeoutMs);
	}

	/** An '-after' fault did the work and is losing the answer. */
	answerLost(kind) {
		this.lostAnswers.push(kind);
		for (const waiter of this.lostWaiters.filter((w) => this.lostAnswers.length >= w.count)) {
			this.lostWaiters.splice(this.lostWaiters.indexOf(waiter), 1);
			waiter.resolve(this.lostAnswers.slice());
		}
	}

	/** Resolves once `count` answers were lost after their work was done (no clock involved). */
	waitForLostAnswers(count = 1) {
		if (this.lostAnswers.length >= count) return Promise.resolve(this.lostAnswers.slice());
		return new Promise((resolve) => this.lostWaiters.push({ count, resolve }));
	}

	/** `body` is the request's JSON as sent, so tests can see exactly what a client asked for. */
	createTask({ asset, kind, model, speaker, endpoint, failing, body }) {
		const task = {
			task_id: crypto.randomBytes(16).toString('hex'),
			asset_id: asset.asset_id,
			kind,
			model,
			speaker,
			endpoint,
			failing,
			body,
			created_at: Date.now(),
		};
		this.tasks.push(task);
		return task;
	}

	/** 'ok', or the HTTP status that the key gets (401, 402, 403). */
	keyState(header) {
		if (typeof header !== 'string' || header === '') return 401;
		if (Object.hasOwn(this.options.keyStatus, header)) return this.options.keyStatus[header];
		const keys = Array.isArray(this.options.apiKey) ? this.options.apiKey : [this.options.apiKey];
		return keys.includes(header) ? 'ok' : 401;
	}

	async handle(req, res) {
		const startedAt = Date.now();
		let url;
		try {
			url = new URL(`http://127.0.0.1${req.url}`);
		} catch {
			return sendError(res, 400, 'Bad Request');
		}
		res.on('finish', () => this.requestLog.request(req.method, req.url, res.statusCode, startedAt));
		if (url.pathname.startsWith('/__admin/')) return handleAdmin(this, req, res, url);
		if (url.pathname.startsWith(SIGNED_PATH)) {
			return signedUpload(this, { req, res, url, body: await readBody(req) });
		}
		if (!url.pathname.startsWith(`${BASE_PATH}/`)) {
			await readBody(req);
			return sendError(res, 404, 'Not Found');
		}
		return this.handleApi(req, res, url, startedAt);
	}

	async handleApi(req, res, url, startedAt) {
		const match = matchRoute(req.method, url.pathname.slice(BASE_PATH.length));
		const endpoint = match.route ? match.route.endpoint : `${req.method} (unmatched)`;
		this.counters.requests++;
		increment(this.counters.byEndpoint, endpoint);
		res.on('finish', () => increment(this.counters.responses, res.statusCode));
		if (!match.route) {
			await readBody(req);
			return sendError(
				res,
				match.status,
				match.status === 405 ? 'Method Not Allowed' : 'Not Found',
			);
		}
		let arrivedAt = this.now();
		let body = null;
		// Streamed routes (uploads) read the body themselves; a refused one is drained, not held.
		const streamed = match.route.handler.streamsBody === true;
		const readOrDrain = () => (streamed ? drainBody(req) : readBody(req));
		// Most faults strike before any processing, so such a request never creates anything;
		// the '-after' kinds let the work happen and lose only the answer.
		const fault = this.faults.pick(this.options.faults);
		const recordFault = () => {
			increment(this.counters.faultsInjected, fault);
			this.ledger.recordFault(endpoint, fault, res, () => body);
		};
		// An '-after' fault waits until the request is accepted: a refused one did no work.
		const afterWork = fault && AFTER_WORK_FAULTS.has(fault) ? fault : null;
		if (fault && !afterWork) {
			recordFault();
			if (fault === 'drop') {
				this.requestLog.request(req.method, req.url, 'DROPPED', startedAt);
				return req.socket.destroy();
			}
			body = await readOrDrain();
			if (FAULT_ANSWERS[fault]) return sendError(res, ...FAULT_ANSWERS[fault]);
			await sleepUnlessClosed(req, this.options.faults.slowMs);
			if (req.socket.destroyed || res.destroyed) {
				this.counters.abandoned++;
				return this.requestLog.request(req.method, req.url, 'ABANDONED', startedAt);
			}
			arrivedAt = this.now();
		}
		if (!streamed) body ??= await readBody(req);
		const refuse = async (...answer) => {
			// The unspent '-after' fault strikes the next request that is accepted.
			if (afterWork) this.faults.giveBack();
			if (streamed && body === null) await drainBody(req);
			return sendError(res, ...answer);
		};
		const keyState = this.keyState(req.headers.authorization);
		if (keyState === 401) return refuse(401, 'Unauthorized');
		if (keyState !== 'ok') return refuse(keyState, KEY_STATUS_MESSAGES[keyState]);
		const { rateLimit, rateLimitMs, rateLimitStyle } = this.options;
		// All keys belong to one account, so they share each endpoint's window.
		if (rateLimit && !this.limiter.allow(`account|${endpoint}`, arrivedAt, rateLimitMs)) {
			this.counters.rateLimited++;
			return refuse(rateLimitStyle === '400' ? 400 : 429, AMBIGUOUS_400);
		}
		increment(this.counters.accepted, endpoint);
		if (afterWork) {
			recordFault();
			loseAnswerAfterWork(afterWork, {
				req,
				res,
				log: (status) => this.requestLog.request(req.method, req.url, status, startedAt),
				onLost: (kind) => this.answerLost(kind),
			});
		}
		this.ledger.watchSyncRun(endpoint, body, res);
		return match.route.handler(this, { req, res, url, params: match.params, body });
	}

	async stop() {
		this.callbacks.cancel();
		await new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}

/** Starts a simulator; resolves once it listens. See tools/mavi-simulator/README.md. */
async function startSimulator(options = {}) {
	const simulator = new Simulator(options);
	await simulator.listen();
	return simulator;
}

module.exports = { startSimulator, Simulator, BASE_PATH };
