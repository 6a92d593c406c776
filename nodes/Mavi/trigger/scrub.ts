/**
 * Removes a secret by value from everything an execution would store: any string, any key, at
 * any depth (a reverse proxy may copy the webhook URL with its ?token= into any header).
 */

export const REDACTED = '[redacted]';

function scrubString(value: string, secret: string): string {
	return value.includes(secret) ? value.split(secret).join(REDACTED) : value;
}

/** Scrubs in place (the items are built for this request only). Iterative: bodies may nest deep. */
export function scrubSecret(root: unknown, secret: string): void {
	if (secret === '') return;
	const pending: unknown[] = [root];
	while (pending.length > 0) {
		const container = pending.pop();
		if (typeof container !== 'object' || container === null) continue;
		if (Array.isArray(container)) {
			for (let i = 0; i < container.length; i++) {
				const value: unknown = container[i];
				if (typeof value === 'string') container[i] = scrubString(value, secret);
				else if (typeof value === 'object' && value !== null) pending.push(value);
			}
			continue;
		}
		const record = container as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const value = record[key];
			let target = key;
			if (key.includes(secret)) {
				delete record[key];
				target = scrubString(key, secret);
				record[target] = value;
			}
			if (typeof value === 'string') record[target] = scrubString(value, secret);
			else if (typeof value === 'object' && value !== null) pending.push(value);
		}
	}
}
