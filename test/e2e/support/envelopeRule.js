'use strict';
// The trigger's envelope rule, written independently of the node: which requests must be
// refused (4xx).
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * 'broken' (must get a 4xx and start nothing), 'sound' (must get a 2xx) or 'unknown' (a body n8n
 * itself parses from another format, e.g. XML: a 4xx, or a 2xx that starts nothing).
 */
function envelopeVerdict({ headers = {}, body }) {
	const type = String(headers['content-type'] || '').toLowerCase();
	if (FORM_TYPES.some((form) => type.startsWith(form))) return 'broken';
	if (!type.includes('json') && !type.startsWith('text/plain')) return 'unknown';
	let value;
	try {
		value = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : body);
	} catch {
		return 'broken';
	}
	if (!isRecord(value)) return 'broken';
	if (typeof value.task_id !== 'string' || value.task_id.trim() === '') return 'broken';
	// Mavi's task ids are 32 hex digits or 36-character UUIDs; 128 leaves room, not room for abuse.
	if (value.task_id.length > 128) return 'broken';
	if (value.data !== undefined && value.data !== null && !isRecord(value.data)) return 'broken';
	return 'sound';
}

module.exports = { envelopeVerdict };
