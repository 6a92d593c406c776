import {
	REDACTED,
	redactorFor,
	redactText,
	scrubSecrets,
} from '../../nodes/Mavi/helpers/redaction';

const SECRET = 'tok-3b9e';
// Looks like `openssl rand -base64`: holds every character a URL or a form encodes.
const BASE64_LIKE = 'Zm9v+YmFy/YmF6=Qux9Lw';

const base64 = (text: string) => Buffer.from(text).toString('base64');
const base64url = (text: string) => Buffer.from(text).toString('base64url');

describe('scrubSecrets', () => {
	it('replaces the secret by value in strings and keys at any depth, arrays included', () => {
		const value = {
			a: `x${SECRET}y${SECRET}`,
			list: [SECRET, { deep: [[`?token=${SECRET}`]] }, 3, null],
			[`k-${SECRET}`]: { n: 1 },
			untouched: 'plain',
		};
		scrubSecrets(value, redactorFor([SECRET]));
		expect(value).toEqual({
			a: `x${REDACTED}y${REDACTED}`,
			list: [REDACTED, { deep: [[`?token=${REDACTED}`]] }, 3, null],
			[`k-${REDACTED}`]: { n: 1 },
			untouched: 'plain',
		});
	});

	it('survives very deep nesting and leaves everything as is without a secret', () => {
		let deep: Record<string, unknown> = { leaf: SECRET };
		for (let i = 0; i < 100_000; i++) deep = { next: deep };
		expect(() => scrubSecrets(deep, redactorFor([SECRET]))).not.toThrow();
		const value = { a: SECRET };
		scrubSecrets(value, redactorFor(['']));
		expect(value).toEqual({ a: SECRET });
	});
});

describe('redactText', () => {
	it('replaces every occurrence of each secret and ignores empty ones', () => {
		expect(redactText(`a ${SECRET} b ${SECRET} sk-1`, [SECRET, '', 'sk-1'])).toBe(
			`a ${REDACTED} b ${REDACTED} ${REDACTED}`,
		);
		expect(redactText('plain', [SECRET])).toBe('plain');
	});

	const percentEncoded = encodeURIComponent(BASE64_LIKE);
	it.each([
		['raw', BASE64_LIKE],
		['percent-encoded (encodeURIComponent)', percentEncoded],
		[
			'percent-encoded with lower-case hex',
			percentEncoded.replace(/%2B|%2F|%3D/g, (m) => m.toLowerCase()),
		],
		['percent-encoded in part (only the +)', BASE64_LIKE.replace('+', '%2B')],
		['percent-encoded twice', encodeURIComponent(percentEncoded)],
		[
			'every character percent-encoded',
			[...Buffer.from(BASE64_LIKE)].map((b) => `%${b.toString(16)}`).join(''),
		],
		['form-encoded (URLSearchParams)', new URLSearchParams({ t: BASE64_LIKE }).toString().slice(2)],
		['form-decoded (a raw + read as a space)', BASE64_LIKE.replace('+', ' ')],
		['with the + as %20', BASE64_LIKE.replace('+', '%20')],
	])('finds the token %s, inside a URL', (_name, form) => {
		const url = `/webhook/abc/mavi?token=${form}&next=1`;
		expect(redactText(url, [BASE64_LIKE])).toBe(`/webhook/abc/mavi?token=${REDACTED}&next=1`);
	});

	it.each([
		['Base64 (Basic credentials)', `Basic ${base64(`mavi:${BASE64_LIKE}`)}`],
		['Base64 at offset 0', base64(BASE64_LIKE)],
		['Base64 at offset 2', base64(`ab${BASE64_LIKE}`)],
		['Base64url at offset 1', base64url(`a${BASE64_LIKE}!`)],
	])('finds the token in %s', (_name, form) => {
		const redacted = redactText(form, [BASE64_LIKE]);
		expect(redacted).toContain(REDACTED);
		// What is left cannot be decoded back to the token, nor to half of it.
		const left = redacted.split(REDACTED).join('');
		for (const decoded of [base64Decode(left), Buffer.from(left, 'base64url').toString()]) {
			expect(decoded).not.toContain(BASE64_LIKE.slice(0, 8));
			expect(decoded).not.toContain(BASE64_LIKE.slice(-8));
		}
	});

	it('never rewrites data that is not the full token, in any form', () => {
		const texts = [
			BASE64_LIKE.slice(0, -1),
			BASE64_LIKE.slice(1),
			BASE64_LIKE.toLowerCase(),
			BASE64_LIKE.replace('+', '-'),
			`${encodeURIComponent(BASE64_LIKE).slice(0, -3)}`,
			'The abc starts at ten',
			base64(BASE64_LIKE.slice(0, 12)),
		];
		for (const text of texts) expect(redactText(text, [BASE64_LIKE])).toBe(text);
		// A short secret (an API key of a test account) gets no Base64 forms: too likely by chance.
		expect(redactText(`x ${base64('abcdefgh')} y`, ['abcdefgh'])).toBe(`x ${base64('abcdefgh')} y`);
		expect(redactText('x abcdefgh y', ['abcdefgh'])).toBe(`x ${REDACTED} y`);
	});

	it('a secret with characters outside ASCII is found raw and percent-encoded', () => {
		const secret = 'clé-secrète-€-0123456789';
		const text = `a ${secret} b ${encodeURIComponent(secret)} c`;
		expect(redactText(text, [secret])).toBe(`a ${REDACTED} b ${REDACTED} c`);
	});

	it('finds() says whether a text holds a secret, in any form', () => {
		const redactor = redactorFor([BASE64_LIKE]);
		expect(redactor.finds(`"note": "${encodeURIComponent(BASE64_LIKE)}"`)).toBe(true);
		expect(redactor.finds('"note": "nothing here"')).toBe(false);
		expect(redactorFor([]).finds(BASE64_LIKE)).toBe(false);
	});
});

function base64Decode(text: string): string {
	return Buffer.from(text.replace(/[^A-Za-z0-9+/]/g, ''), 'base64').toString('latin1');
}
