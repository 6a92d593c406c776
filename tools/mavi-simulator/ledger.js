'use strict';
// What the simulator did per item, for tests that count what a client made it create: every
// injected fault (and which asset it hit) and every billed synchronous run.

const { parseJsonObject } = require('./http-util');

const BILLED_SYNC = /\/(sync-|speech-to-text)/;

const assetIdOf = (body) => {
	const json = Buffer.isBuffer(body) ? parseJsonObject(body) : null;
	return json && typeof json.asset_id === 'string' ? json.asset_id.trim() : null;
};

class Ledger {
	constructor() {
		this.clear();
	}

	clear() {
		// {endpoint, fault, asset_id}: asset_id from JSON bodies, else null.
		this.faultLog = [];
		// {endpoint, asset_id}: one per synchronous transcription answered 200.
		this.syncRuns = [];
	}

	/** `bodyOf()` is read when the exchange closes, once the body (if any) is in. */
	recordFault(endpoint, fault, res, bodyOf) {
		const entry = { endpoint, fault, asset_id: null };
		this.faultLog.push(entry);
		res.on('close', () => (entry.asset_id = assetIdOf(bodyOf())));
	}

	/** Counts a billed synchronous run when its handler answers 200, even if the answer is then lost. */
	watchSyncRun(endpoint, body, res) {
		if (!BILLED_SYNC.test(endpoint)) return;
		const writeHead = res.writeHead;
		res.writeHead = (status, ...rest) => {
			if (status === 200) this.syncRuns.push({ endpoint, asset_id: assetIdOf(body) });
			return writeHead.call(res, status, ...rest);
		};
	}
}

module.exports = { Ledger };
