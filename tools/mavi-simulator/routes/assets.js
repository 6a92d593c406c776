'use strict';
// Asset endpoints: upload (multipart), metadata, delete, download, signed-url upload.

const crypto = require('node:crypto');
const {
	AMBIGUOUS_400,
	sendError,
	sendSuccess,
	sendJson,
	parseJsonObject,
} = require('../http-util');
const { isMultipart, readMultipartStream } = require('../multipart');
const { effectiveMimeType, isMediaType } = require('../assets');

const SIGNED_PATH = '/__signed-upload/';
const SIGNED_URL_TTL_S = 3600;

/** The trimmed asset id from the path, or null after answering the documented 400. */
function assetIdFrom(res, params) {
	const assetId = (params.asset || '').trim();
	if (!assetId) {
		sendError(res, 400, 'asset_id cannot be null or empty');
		return null;
	}
	return assetId;
}

/**
 * POST /upload: a single multipart field `file`, read as it streams in (hashed and counted, never
 * held whole), so tests can send files of any size.
 */
async function upload(sim, { req, res }) {
	const contentType = req.headers['content-type'];
	if (!isMultipart(contentType)) {
		req.resume();
		return sendError(res, 400, 'file cannot be null or empty');
	}
	let parts;
	try {
		parts = await readMultipartStream(req, contentType);
	} catch (error) {
		return sendError(res, 400, `Invalid multipart body: ${error.message}`);
	}
	const part = parts.find((candidate) => candidate.name === 'file');
	if (!part || part.size === 0) return sendError(res, 400, 'file cannot be null or empty');
	const fileName = part.filename || 'file';
	const mimeType = effectiveMimeType(part.contentType, fileName);
	if (!isMediaType(mimeType)) {
		return sendError(res, 415, `Unsupported file type: ${mimeType || 'unknown'}`);
	}
	const asset = sim.assets.create({ fileName, mimeType, data: part }, sim.options);
	sendSuccess(res, sim.options, { asset_id: asset.asset_id });
}
// The server leaves the body to this handler instead of reading it whole.
upload.streamsBody = true;

/** GET /{asset_id}/metadata: numbers as strings, times in epoch ms. */
function metadata(sim, { res, params }) {
	const assetId = assetIdFrom(res, params);
	if (assetId === null) return;
	const asset = sim.assets.get(assetId);
	if (!asset) return sendError(res, 400, 'Asset not found');
	sendSuccess(res, sim.options, { resource: [sim.assets.metadata(asset)] });
}

/** DELETE /{asset_id} */
function remove(sim, { res, params }) {
	const assetId = assetIdFrom(res, params);
	if (assetId === null) return;
	if (!sim.assets.delete(assetId)) return sendError(res, 400, 'Asset not found');
	sendSuccess(res, sim.options, null);
}

/** GET /{asset_id}/download: the original bytes; JSON on error. */
function download(sim, { res, params }) {
	const assetId = assetIdFrom(res, params);
	if (assetId === null) return;
	const asset = sim.assets.get(assetId);
	if (!asset) return sendError(res, 400, 'Asset not found');
	if (sim.assets.status(asset).status !== 'SUCCESS') return sendError(res, 400, AMBIGUOUS_400);
	if (!asset.data) return sendError(res, 501, 'The simulator keeps only files up to 16 MiB');
	res.writeHead(200, {
		'content-type': asset.mime_type,
		'content-length': asset.data.length,
		'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(asset.file_name)}`,
	});
	res.end(asset.data);
}

function signatureOf(sim, assetId, expires) {
	return crypto
		.createHmac('sha256', sim.signingSecret)
		.update(`${assetId}|${expires}`)
		.digest('hex');
}

/** POST /upload/signed-url {original_filename}: the bytes then go by PUT to signed_url. */
function signedUrl(sim, { res, body }) {
	const json = parseJsonObject(body);
	if (json === null) return sendError(res, 400, 'Request body must be a JSON object');
	const fileName = typeof json.original_filename === 'string' ? json.original_filename.trim() : '';
	if (!fileName) return sendError(res, 400, 'original_filename cannot be null or empty');
	const mimeType = effectiveMimeType(null, fileName);
	if (!isMediaType(mimeType)) {
		return sendError(res, 415, `Unsupported file type: ${mimeType || 'unknown'}`);
	}
	const asset = sim.assets.create({ fileName, mimeType, data: null }, sim.options);
	const expires = Date.now() + SIGNED_URL_TTL_S * 1000;
	const signature = signatureOf(sim, asset.asset_id, expires);
	sendSuccess(res, sim.options, {
		asset_id: asset.asset_id,
		signed_url: `${sim.url}${SIGNED_PATH}${asset.asset_id}?expires=${expires}&signature=${signature}`,
		expires_in: SIGNED_URL_TTL_S,
	});
}

/** PUT <signed_url>: raw bytes. Authorised by the signature, like a storage bucket URL. */
function signedUpload(sim, { req, res, url, body }) {
	const assetId = decodeURIComponent(url.pathname.slice(SIGNED_PATH.length));
	const expires = Number(url.searchParams.get('expires'));
	const given = Buffer.from(url.searchParams.get('signature') || '', 'utf8');
	const expected = Buffer.from(signatureOf(sim, assetId, expires), 'utf8');
	if (req.method !== 'PUT') return sendError(res, 405, 'Method Not Allowed');
	if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
		return sendError(res, 403, 'Signature does not match');
	}
	if (!(expires > Date.now())) return sendError(res, 403, 'Signed URL expired');
	const asset = sim.assets.get(assetId);
	if (!asset) return sendError(res, 400, 'Asset not found');
	if (body.length === 0) return sendError(res, 400, 'file cannot be null or empty');
	const declared = effectiveMimeType(req.headers['content-type'], asset.file_name);
	sim.assets.attachData(asset, body, isMediaType(declared) ? declared : null, sim.options);
	sendJson(res, 200, { ok: true });
}

module.exports = { upload, metadata, remove, download, signedUrl, signedUpload, SIGNED_PATH };
