/**
 * The one way this package hides a secret (the API key, the webhook token) in what it hands
 * over: error messages, log lines and items. A secret is found by its full value, raw or in any
 * form a URL, a form or a header can give it, so even a server or a proxy that echoes it back
 * cannot leak it:
 * - percent-encoded, wholly or in part, with upper- or lower-case hex, once or twice (`%252B`);
 * - form-encoded: a space and a `+` stand for each other (`?token=a+b` reads as `a b`);
 * - Base64 and Base64url at any byte offset (e.g. inside Basic credentials), for secrets of
 *   MIN_BASE64_SECRET characters or more, where a fragment cannot be real data by chance.
 * Only the full value is looked for, never a part of it, so real data is never rewritten.
 */

export const REDACTED = '[redacted]';

/** Shorter secrets give Base64 fragments short enough to occur in real data. */
export const MIN_BASE64_SECRET = 16;

const SPACE_OR_PLUS = '(?:[ +]|%(?:25)?(?:20|2[bB]))';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** `%2B`, `%2b`, `%252B`: one byte percent-encoded once or twice, hex in either case. */
function percentByte(byte: number): string {
	const hex = byte
		.toString(16)
		.padStart(2, '0')
		.replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
	return `%(?:25)?${hex}`;
}

function characterPattern(character: string): string {
	if (character === ' ' || character === '+') return SPACE_OR_PLUS;
	const encoded = [...Buffer.from(character, 'utf8')].map(percentByte).join('');
	return `(?:${escapeRegExp(character)}|${encoded})`;
}

/** The Base64 characters that depend on the secret's bytes alone, at each of the 3 offsets. */
function base64Fragments(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const fragments: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const fragment = encoded.slice(
			Math.ceil((8 * offset) / 6),
			Math.floor((8 * (offset + bytes.length)) / 6),
		);
		fragments.push(fragment, fragment.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return fragments;
}

function secretPattern(secret: string): string {
	const forms = [[...secret].map(characterPattern).join('')];
	if (secret.length >= MIN_BASE64_SECRET) forms.push(...base64Fragments(secret).map(escapeRegExp));
	return forms.join('|');
}

export interface Redactor {
	/** True when `text` holds a secret in any of its forms. */
	finds(text: string): boolean;
	redact(text: string): string;
}

const NOTHING: Redactor = { finds: () => false, redact: (text) => text };

/** Compiles the secrets once, for the many strings of a request or an error. */
export function redactorFor(secrets: readonly string[]): Redactor {
	const patterns = secrets
		.filter((secret) => secret !== '')
		// Longest first, so a secret inside another is never replaced before the longer one.
		.sort((a, b) => b.length - a.length)
		.map(secretPattern);
	if (patterns.length === 0) return NOTHING;
	const source = patterns.join('|');
	const finder = new RegExp(source);
	const replacer = new RegExp(source, 'g');
	return {
		finds: (text) => finder.test(text),
		redact: (text) => (finder.test(text) ? text.replace(replacer, REDACTED) : text),
	};
}

/** Replaces every occurrence of each secret in `text`. */
export function redactText(text: string, secrets: readonly string[]): string {
	return redactorFor(secrets).redact(text);
}

/**
 * Redacts in place every string and every key, at any depth (a reverse proxy may copy the webhook
 * URL with its ?token= into any header). Iterative: bodies may nest deep.
 */
export function scrubSecrets(root: unknown, redactor: Redactor): void {
	if (redactor === NOTHING) return;
	const pending: unknown[] = [root];
	while (pending.length > 0) {
		const container = pending.pop();
		if (typeof container !== 'object' || container === null) continue;
		if (Array.isArray(container)) {
			for (let i = 0; i < container.length; i++) {
				const value: unknown = container[i];
				if (typeof value === 'string') container[i] = redactor.redact(value);
				else if (typeof value === 'object' && value !== null) pending.push(value);
			}
			continue;
		}
		const record = container as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const value = record[key];
			const target = redactor.redact(key);
			if (target !== key) {
				delete record[key];
				record[target] = value;
			}
			if (typeof value === 'string') record[target] = redactor.redact(value);
			else if (typeof value === 'object' && value !== null) pending.push(value);
		}
	}
}
