/**
 * The one way this package hides a secret (the API key, the webhook token) in what it hands
 * over: error messages, log lines and items. Replaced by value, so even a server or a proxy that
 * echoes a secret back cannot leak it.
 */

export const REDACTED = '[redacted]';

/** Replaces every occurrence of each secret in `text`. */
export function redactText(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret !== '' && out.includes(secret)) out = out.split(secret).join(REDACTED);
	}
	return out;
}

/**
 * Redacts in place every string and every key, at any depth (a reverse proxy may copy the webhook
 * URL with its ?token= into any header). Iterative: bodies may nest deep.
 */
export function scrubSecrets(root: unknown, secrets: readonly string[]): void {
	if (secrets.every((secret) => secret === '')) return;
	const pending: unknown[] = [root];
	while (pending.length > 0) {
		const container = pending.pop();
		if (typeof container !== 'object' || container === null) continue;
		if (Array.isArray(container)) {
			for (let i = 0; i < container.length; i++) {
				const value: unknown = container[i];
				if (typeof value === 'string') container[i] = redactText(value, secrets);
				else if (typeof value === 'object' && value !== null) pending.push(value);
			}
			continue;
		}
		const record = container as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const value = record[key];
			const target = redactText(key, secrets);
			if (target !== key) {
				delete record[key];
				record[target] = value;
			}
			if (typeof value === 'string') record[target] = redactText(value, secrets);
			else if (typeof value === 'object' && value !== null) pending.push(value);
		}
	}
}
