import { REDACTED, redactText, scrubSecrets } from '../../nodes/Mavi/helpers/redaction';

const SECRET = 'tok-3b9e';

describe('scrubSecrets', () => {
	it('replaces the secret by value in strings and keys at any depth, arrays included', () => {
		const value = {
			a: `x${SECRET}y${SECRET}`,
			list: [SECRET, { deep: [[`?token=${SECRET}`]] }, 3, null],
			[`k-${SECRET}`]: { n: 1 },
			untouched: 'plain',
		};
		scrubSecrets(value, [SECRET]);
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
		expect(() => scrubSecrets(deep, [SECRET])).not.toThrow();
		const value = { a: SECRET };
		scrubSecrets(value, ['']);
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
});
