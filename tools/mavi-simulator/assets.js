'use strict';
// Asset store: ids, the WAITING -> UPLOADING -> SUCCESS | FAILED lifecycle, and listings.

const crypto = require('node:crypto');

const MIME_BY_EXTENSION = {
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	avi: 'video/x-msvideo',
	webm: 'video/webm',
	mkv: 'video/x-matroska',
	flv: 'video/x-flv',
	wmv: 'video/x-ms-wmv',
	mpeg: 'video/mpeg',
	mpg: 'video/mpeg',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	aac: 'audio/aac',
	flac: 'audio/flac',
	ogg: 'audio/ogg',
	m4a: 'audio/mp4',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
};

/** The declared type, or a guess from the extension when the client sent a generic one. */
function effectiveMimeType(declared, fileName) {
	const type = (declared || '').split(';')[0].trim().toLowerCase();
	if (type && type !== 'application/octet-stream') return type;
	const extension = /\.([a-z0-9]+)$/i.exec(fileName || '');
	return (extension && MIME_BY_EXTENSION[extension[1].toLowerCase()]) || type || null;
}

const isMediaType = (mime) => /^(audio|video|image)\//.test(mime || '');

function containsPattern(fileName, pattern) {
	return Boolean(pattern) && String(fileName).toLowerCase().includes(String(pattern).toLowerCase());
}

class AssetStore {
	/** `clock()` gives the time the lifecycle runs on (the simulator's, steppable by tests). */
	constructor(clock = () => Date.now()) {
		this.clock = clock;
		this.assets = new Map();
		this.counter = 0;
	}

	clear() {
		this.assets.clear();
	}

	/** 're_' + 18 digits: epoch ms times 10^5 plus a counter, unique and increasing. */
	newId() {
		this.counter = (this.counter + 1) % 100000;
		return `re_${(BigInt(Date.now()) * 100000n + BigInt(this.counter)).toString().padStart(18, '0')}`;
	}

	/**
	 * Creates an asset. `data` null means the bytes come later (signed URL); its lifecycle
	 * starts when they arrive.
	 */
	create({ fileName, mimeType, data }, options, now = this.clock()) {
		const asset = {
			asset_id: this.newId(),
			file_name: fileName,
			mime_type: mimeType,
			file_size: 0,
			data: null,
			sha256: '',
			create_time: now,
			deleted: false,
			timelines: new Map(),
		};
		this.assets.set(asset.asset_id, asset);
		if (data) this.attachData(asset, data, mimeType, options, now);
		return asset;
	}

	/**
	 * `data` is the file's bytes, or what a streamed upload left of them: {size, sha256, data}
	 * where `data` is null for files too big to keep (they cannot be downloaded back).
	 */
	attachData(asset, data, mimeType, options, now = this.clock()) {
		const received = Buffer.isBuffer(data)
			? { size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex'), data }
			: data;
		asset.data = received.data;
		asset.file_size = received.size;
		asset.mime_type = mimeType || asset.mime_type;
		asset.sha256 = received.sha256;
		asset.uploaded_at = now;
		asset.ready_ms = options.assetReadyMs;
		// The task-failure pattern wins, so a 'failtask' file can still be transcribed.
		asset.will_fail =
			containsPattern(asset.file_name, options.failFilePattern) &&
			!containsPattern(asset.file_name, options.failTaskPattern);
		asset.timelines.clear();
	}

	get(assetId) {
		const asset = this.assets.get(assetId);
		return asset && !asset.deleted ? asset : null;
	}

	delete(assetId) {
		const asset = this.get(assetId);
		if (!asset) return false;
		asset.deleted = true;
		asset.data = null;
		asset.timelines.clear();
		return true;
	}

	/** {status, changedAt}: a quarter of assetReadyMs WAITING, then UPLOADING, then final. */
	status(asset, now = this.clock()) {
		if (asset.uploaded_at === undefined) return { status: 'WAITING', changedAt: asset.create_time };
		const uploadingAt = asset.uploaded_at + Math.floor(asset.ready_ms / 4);
		const readyAt = asset.uploaded_at + asset.ready_ms;
		if (now >= readyAt)
			return { status: asset.will_fail ? 'FAILED' : 'SUCCESS', changedAt: readyAt };
		if (now >= uploadingAt) return { status: 'UPLOADING', changedAt: uploadingAt };
		return { status: 'WAITING', changedAt: asset.uploaded_at };
	}

	/** data.resource[0] of GET /{asset_id}/metadata: sizes and times are strings. */
	metadata(asset, now = this.clock()) {
		const { status, changedAt } = this.status(asset, now);
		return {
			asset_id: asset.asset_id,
			upload_status: status,
			file_name: asset.file_name,
			mime_type: asset.mime_type,
			file_size: String(asset.file_size),
			create_time: String(asset.create_time),
			modify_time: String(changedAt),
		};
	}

	list(now = this.clock()) {
		return [...this.assets.values()].map((asset) => ({
			asset_id: asset.asset_id,
			file_name: asset.file_name,
			mime_type: asset.mime_type,
			file_size: asset.file_size,
			sha256: asset.sha256,
			upload_status: asset.deleted ? 'DELETED' : this.status(asset, now).status,
			deleted: asset.deleted,
		}));
	}
}

module.exports = { AssetStore, effectiveMimeType, isMediaType, containsPattern, MIME_BY_EXTENSION };
