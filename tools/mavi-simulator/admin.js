'use strict';
// Admin endpoints: no auth, no rate limit, no faults, not counted in the API stats.

const { sendJson, readBody, parseJsonObject } = require('./http-util');

async function handleAdmin(sim, req, res, url) {
	const body = await readBody(req);
	switch (`${req.method} ${url.pathname}`) {
		case 'GET /__admin/stats':
			return sendJson(res, 200, sim.stats());
		case 'GET /__admin/config':
			return sendJson(res, 200, { options: sim.describeOptions() });
		case 'POST /__admin/config': {
			const patch = parseJsonObject(body);
			if (patch === null) return sendJson(res, 400, { error: 'body must be a JSON object' });
			try {
				return sendJson(res, 200, { ok: true, options: sim.configure(patch) });
			} catch (error) {
				return sendJson(res, 400, { error: error.message });
			}
		}
		case 'POST /__admin/reset':
			sim.reset();
			return sendJson(res, 200, { ok: true });
		default:
			return sendJson(res, 404, {
				error: 'unknown admin endpoint',
				endpoints: ['GET /__admin/stats', 'GET|POST /__admin/config', 'POST /__admin/reset'],
			});
	}
}

module.exports = { handleAdmin };
