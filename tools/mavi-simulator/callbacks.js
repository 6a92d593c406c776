'use strict';
// Webhook deliveries of async results, as the Mavi console's one webhook URL would get them.

const http = require('node:http');
const https = require('node:https');
const { successCode } = require('./http-util');
const { shuffled } = require('./prng');
const { CALLBACK_MESSAGES } = require('./transcripts');
const { redactUrl } = require('./options');

/** The documented success envelope: note `message`, where sync responses have `msg`. */
function successEnvelope(task, result, options) {
	return {
		code: successCode(options.codeStyle),
		message: 'SUCCESS',
		data: { data: result, msg: CALLBACK_MESSAGES[task.kind], success: true },
		task_id: task.task_id,
	};
}

/** Failure shape is undocumented; this one trips every failure rule of mavi-api.md. */
function failureEnvelope(task, reason) {
	return {
		code: 500,
		message: 'FAILED',
		data: { data: null, msg: reason, success: false },
		task_id: task.task_id,
	};
}

class CallbackDispatcher {
	/**
	 * @param {{getOptions: () => object, random: () => number, log: (line: string) => void}} deps
	 */
	constructor({ getOptions, random, log }) {
		this.getOptions = getOptions;
		this.random = random;
		this.log = log;
		this.deliveries = [];
		this.waiters = [];
		this.timers = new Set();
		this.inFlight = new Set();
		this.batch = [];
		this.batchTimer = null;
		this.held = [];
		// Bumped by cancel(), so deliveries aborted by a reset are not recorded afterwards.
		this.generation = 0;
	}

	/** Queues 1 + duplicateDeliveries copies of `envelope` for `task`. */
	schedule(task, envelope) {
		const options = this.getOptions();
		let body = null;
		const bodyOf = () => (body ??= JSON.stringify(envelope));
		const copies = [];
		for (let copy = 0; copy <= options.duplicateDeliveries; copy++) {
			copies.push({ task, copy, bodyOf });
		}
		if (options.holdCallbacks) {
			this.held.push(...copies);
			return;
		}
		if (options.outOfOrder) {
			this.batch.push(...copies);
			if (!this.batchTimer) {
				const wait = Math.max(options.callbackDelayMs, options.outOfOrderWindowMs);
				this.batchTimer = this.after(wait, () => {
					this.batchTimer = null;
					return this.flushBatch();
				});
			}
			return;
		}
		this.after(options.callbackDelayMs, () => this.sendInOrder(copies));
	}

	/** Delivers the held callbacks (or those of `taskIds`) now, one after another, in the order asked for. */
	release({ reverse = false, taskIds } = {}) {
		const chosen = (entry) => !taskIds || taskIds.includes(entry.task.task_id);
		const entries = this.held.filter(chosen);
		this.held = this.held.filter((entry) => !chosen(entry));
		return this.sendInOrder(reverse ? entries.reverse() : entries);
	}

	after(ms, fn) {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			Promise.resolve(fn()).catch(() => {});
		}, ms);
		timer.unref();
		this.timers.add(timer);
		return timer;
	}

	async sendInOrder(entries) {
		const generation = this.generation;
		for (const entry of entries) {
			if (generation !== this.generation) return;
			await this.deliver(entry);
		}
	}

	/** Sends the batch shuffled; guarantees a different order whenever one is possible. */
	flushBatch() {
		const batch = this.batch;
		this.batch = [];
		let order = shuffled(batch, this.random);
		const differs = order.some((entry, i) => entry.task !== batch[i].task);
		const tasks = new Set(batch.map((entry) => entry.task)).size;
		if (!differs && tasks > 1) order = [...batch].reverse();
		return this.sendInOrder(order);
	}

	async deliver({ task, copy, bodyOf }) {
		const url = this.getOptions().webhookUrl;
		const generation = this.generation;
		const record = { task_id: task.task_id, kind: task.kind, copy, status: 0, ok: false };
		if (!url) {
			record.error = 'no webhook URL configured';
		} else {
			try {
				record.status = await this.post(url, bodyOf());
				record.ok = record.status >= 200 && record.status < 300;
			} catch (error) {
				record.error = error.message;
			}
			if (generation !== this.generation) return;
			this.log(`CALLBACK POST ${redactUrl(url)} ${record.status || record.error}`);
		}
		record.at = Date.now();
		this.deliveries.push(record);
		this.notify();
	}

	post(url, body) {
		const target = new URL(url);
		const client = target.protocol === 'https:' ? https : http;
		return new Promise((resolve, reject) => {
			const req = client.request(
				target,
				{
					method: 'POST',
					agent: false,
					headers: {
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(body),
						'user-agent': 'mavi-simulator',
						connection: 'close',
					},
				},
				(res) => {
					res.resume();
					res.on('end', () => resolve(res.statusCode));
					res.on('error', reject);
				},
			);
			this.inFlight.add(req);
			req.on('close', () => this.inFlight.delete(req));
			req.setTimeout(this.getOptions().callbackTimeoutMs, () => {
				req.destroy(new Error('webhook timed out'));
			});
			req.on('error', reject);
			req.end(body);
		});
	}

	/** Resolves with the deliveries once `count` are done; rejects after `timeoutMs`. */
	waitFor(count, timeoutMs = 5000) {
		if (this.deliveries.length >= count) return Promise.resolve([...this.deliveries]);
		return new Promise((resolve, reject) => {
			const waiter = { count, resolve };
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((w) => w !== waiter);
				reject(
					new Error(
						`waitForCallbacks: ${this.deliveries.length} of ${count} deliveries after ${timeoutMs} ms`,
					),
				);
			}, timeoutMs);
			waiter.resolve = (value) => {
				clearTimeout(timer);
				resolve(value);
			};
			this.waiters.push(waiter);
		});
	}

	notify() {
		const done = this.waiters.filter((w) => this.deliveries.length >= w.count);
		this.waiters = this.waiters.filter((w) => this.deliveries.length < w.count);
		for (const waiter of done) waiter.resolve([...this.deliveries]);
	}

	/** Drops pending deliveries and aborts those in flight. */
	cancel() {
		this.generation++;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.batch = [];
		this.batchTimer = null;
		this.held = [];
		for (const req of this.inFlight) req.destroy();
		this.inFlight.clear();
	}

	clear() {
		this.cancel();
		this.deliveries = [];
	}
}

module.exports = { CallbackDispatcher, successEnvelope, failureEnvelope };
