import { REDACTED, scrubSecret } from '../../nodes/Mavi/trigger/scrub';

const SECRET = 'tok-3b9e';

describe('scrubSecret', () => {
	it('replaces the secret by value in strings and keys at any depth, arrays included', () => {
		const value = {
			a: `x${SECRET}y${SECRET}`,
			list: [SECRET, { deep: [[`?token=${SECRET}`]] }, 3, null],
			[`k-${SECRET}`]: { n: 1 },
			untouched: 'plain',
		};
		scrubSecret(value, SECRET);
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
		expect(() => scrubSecret(deep, SECRET)).not.toThrow();
		const value = { a: SECRET };
		scrubSecret(value, '');
		expect(value).toEqual({ a: SECRET });
	});
});
