'use strict';
// Route table: each route's template is also its rate-limit and stats key.

const assets = require('./assets');
const { speechToText } = require('./speechToText');
const transcriptions = require('./transcriptions');

const ROUTES = [
	{ method: 'POST', path: ['upload'], handler: assets.upload },
	{ method: 'POST', path: ['upload', 'signed-url'], handler: assets.signedUrl },
	{ method: 'GET', path: [':asset', 'metadata'], handler: assets.metadata },
	{ method: 'GET', path: [':asset', 'download'], handler: assets.download },
	{ method: 'DELETE', path: [':asset'], handler: assets.remove },
	...Object.keys(transcriptions.ENDPOINTS).map((name) => ({
		method: 'POST',
		path: ['transcriptions', name],
		handler: transcriptions.handlers[name],
	})),
	{ method: 'POST', path: ['transcriptions', 'speech-to-text'], handler: speechToText },
].map((route) => ({ ...route, endpoint: `${route.method} /${route.path.join('/')}` }));

function matchPath(template, segments) {
	if (template.length !== segments.length) return null;
	const params = {};
	for (let i = 0; i < template.length; i++) {
		if (template[i].startsWith(':')) {
			try {
				params[template[i].slice(1)] = decodeURIComponent(segments[i]);
			} catch {
				return null;
			}
		} else if (template[i] !== segments[i]) {
			return null;
		}
	}
	return params;
}

/**
 * Matches a path below the base path ('/re_1/metadata').
 * Returns {route, params}, or {status: 404|405} when nothing fits.
 */
function matchRoute(method, subPath) {
	const segments = subPath.split('/').slice(1); // keeps '' of '//metadata' as an empty asset id
	let pathMatched = false;
	// Literal segments win over parameters: 'POST /upload/signed-url' before ':asset' routes.
	for (const route of ROUTES) {
		const params = matchPath(route.path, segments);
		if (!params) continue;
		if (route.method === method) return { route, params };
		pathMatched = true;
	}
	return { status: pathMatched ? 405 : 404 };
}

module.exports = { ROUTES, matchRoute };
