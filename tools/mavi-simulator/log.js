'use strict';
// Optional request log: one line per request. Never the Authorization header, key or token.

const fs = require('node:fs');
const { redactUrl } = require('./options');

class RequestLog {
	constructor() {
		this.file = null;
		this.secrets = [];
	}

	/** @param {string|null} file  @param {string[]} secrets values to scrub if they ever appear */
	configure(file, secrets) {
		this.file = file || null;
		this.secrets = secrets.filter((secret) => typeof secret === 'string' && secret.length >= 4);
	}

	scrub(line) {
		let safe = line;
		for (const secret of this.secrets) safe = safe.split(secret).join('***');
		return safe;
	}

	write(line) {
		if (!this.file) return;
		try {
			fs.appendFileSync(this.file, `${this.scrub(`${new Date().toISOString()} ${line}`)}\n`);
		} catch {
			// A broken log file must not break the simulator.
		}
	}

	request(method, rawUrl, status, startedAt) {
		this.write(`${method} ${redactUrl(rawUrl)} ${status} ${Date.now() - startedAt}ms`);
	}
}

module.exports = { RequestLog };
