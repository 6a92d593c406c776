/**
 * Input checks that run before any request is sent. Each names the field the user has to fix:
 * as a Checked value (the cleaned value, or the error), or for a check without a value as a
 * message (undefined when fine). Callers turn the message into a NodeOperationError.
 */

export const ASSET_ID_PATTERN = /^re_\d+$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

// Long or multi-line values would make the message unreadable.
function preview(value: string): string {
	const oneLine = value.replace(/\s+/g, ' ');
	return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}

/** Trims and checks an asset ID such as `re_657929111888723968`. */
export function checkAssetId(raw: unknown, fieldName = 'Asset ID'): Checked<string> {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		return { ok: false, error: `The "${fieldName}" field is empty` };
	}
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		return { ok: false, error: `The "${fieldName}" field must be text like re_123456789` };
	}
	const value = String(raw).trim();
	if (!ASSET_ID_PATTERN.test(value)) {
		return {
			ok: false,
			error: `The "${fieldName}" field must look like re_123456789 ("re_" followed by digits), got "${preview(value)}"`,
		};
	}
	return { ok: true, value };
}

/** The credential's Base URL: http(s), no trailing slash, so paths can be appended as-is. */
export function checkBaseUrl(raw: unknown): Checked<string> {
	const field = 'The "Base URL" field of the Mavi API credential';
	if (typeof raw !== 'string' || raw.trim() === '')
		return { ok: false, error: `${field} is empty` };
	const value = raw.trim();
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return { ok: false, error: `${field} is not a valid URL: "${preview(value)}"` };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { ok: false, error: `${field} must start with http:// or https://` };
	}
	if (value.endsWith('/')) {
		return {
			ok: false,
			error: `${field} must not end with a slash; use e.g. https://mavi-backend.memories.ai/serve/api/v2`,
		};
	}
	return { ok: true, value };
}

// Formats the Mavi docs list (video, audio, images) by file extension.
const MEDIA_EXTENSIONS = new Set([
	'mp4',
	'mov',
	'avi',
	'webm',
	'mkv',
	'flv',
	'wmv',
	'mpeg',
	'mpg',
	'mp3',
	'wav',
	'aac',
	'flac',
	'ogg',
	'oga',
	'm4a',
	'opus',
	'jpg',
	'jpeg',
	'png',
	'gif',
	'webp',
	'bmp',
]);

// Containers that some tools label with an application/* type.
const EXTRA_MEDIA_TYPES = new Set(['application/ogg', 'application/mp4', 'application/x-matroska']);

function extensionOf(fileName: string | undefined): string {
	const match = /\.([a-z0-9]+)$/i.exec(fileName ?? '');
	return match ? match[1].toLowerCase() : '';
}

/** The media type alone, lower-cased, without parameters (`audio/wav; rate=8000` → `audio/wav`). */
export function bareMediaType(mimeType: string | undefined): string {
	return (mimeType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * audio/*, video/* and image/* are accepted as labelled. A generic type
 * (application/octet-stream or none), which download nodes often produce, is accepted only when
 * the file name has a media extension from Mavi's format list.
 */
export function checkMediaType(
	mimeType: string | undefined,
	fileName: string | undefined,
): string | undefined {
	const type = bareMediaType(mimeType);
	if (/^(audio|video|image)\/[\w.+-]+$/.test(type) || EXTRA_MEDIA_TYPES.has(type)) return undefined;
	const generic = type === '' || type === 'application/octet-stream';
	if (generic && MEDIA_EXTENSIONS.has(extensionOf(fileName))) return undefined;
	const label = type === '' ? 'no MIME type' : `MIME type "${type}"`;
	return `The file "${fileName ?? 'unnamed'}" has ${label}, which Mavi cannot transcribe; send audio, video or an image (MP3, WAV, M4A, FLAC, OGG, AAC, MP4, MOV, WebM, MKV, ...)`;
}

/** A zero-byte file would be accepted by Mavi and then fail later, so stop it here. */
export function checkFileSize(
	size: number,
	fileName: string | undefined,
	propertyName: string,
): string | undefined {
	if (size > 0) return undefined;
	return `The file "${fileName ?? 'unnamed'}" in binary field "${propertyName}" is empty (0 bytes)`;
}

/** Seconds from a number parameter, within bounds, for polling options. */
export function checkSeconds(
	raw: unknown,
	fieldName: string,
	min: number,
	max: number,
): Checked<number> {
	const value = typeof raw === 'number' ? raw : Number(raw);
	if (!Number.isFinite(value) || value < min || value > max) {
		return {
			ok: false,
			error: `The "${fieldName}" option must be between ${min} and ${max} seconds`,
		};
	}
	return { ok: true, value };
}

/** A public http(s) URL of the media, for Transcribe from URL. */
export function checkMediaUrl(raw: unknown): Checked<string> {
	if (typeof raw !== 'string' || raw.trim() === '') {
		return { ok: false, error: 'The "URL" field is empty' };
	}
	const value = raw.trim();
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return { ok: false, error: `The "URL" field is not a valid URL: "${preview(value)}"` };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return { ok: false, error: 'The "URL" field must start with http:// or https://' };
	}
	return { ok: true, value };
}

/** ISO 639-1 (or 639-3) language code, lower-cased; empty means "detect the language". */
export function checkLanguageCode(raw: unknown): Checked<string | null> {
	if (raw === undefined || raw === null) return { ok: true, value: null };
	if (typeof raw !== 'string') {
		return { ok: false, error: 'The "Language" field must be a language code such as en' };
	}
	const value = raw.trim().toLowerCase();
	if (value === '') return { ok: true, value: null };
	if (!/^[a-z]{2,3}$/.test(value)) {
		return {
			ok: false,
			error: `The "Language" field must be an ISO 639-1 code such as en, de or fr (or empty to detect it), got "${preview(value)}"`,
		};
	}
	return { ok: true, value };
}
