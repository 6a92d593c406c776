import {
	BoundedIdSet,
	dedupeScope,
	forget,
	MAX_NODES,
	remember,
	scopeCount,
	wasSeen,
} from '../../nodes/Mavi/trigger/dedupe';

describe('dedupe helper', () => {
	it('BoundedIdSet forgets the oldest id beyond its capacity', () => {
		const set = new BoundedIdSet(3);
		for (const id of ['a', 'b', 'c', 'a', 'd']) set.add(id);
		expect(set.size).toBe(3);
		expect(set.has('a')).toBe(false);
		expect(['b', 'c', 'd'].every((id) => set.has(id))).toBe(true);
	});

	it('scopes separate workflows, nodes, and test from production', () => {
		expect(dedupeScope('w', 'n', 'webhook')).toBe(dedupeScope('w', 'n', 'trigger'));
		expect(dedupeScope('w', 'n', 'webhook')).not.toBe(dedupeScope('w', 'n', 'manual'));
		expect(dedupeScope('w', 'n', 'webhook')).not.toBe(dedupeScope('w', 'm', 'webhook'));
		expect(dedupeScope('w', 'n', 'webhook')).not.toBe(dedupeScope(undefined, 'n', 'webhook'));
	});

	it('remembers per scope and forgets a whole scope', () => {
		const scope = dedupeScope('dedupe-test', 'n', 'webhook');
		expect(wasSeen(scope, 't1')).toBe(false);
		remember(scope, 't1');
		expect(wasSeen(scope, 't1')).toBe(true);
		expect(wasSeen(dedupeScope('dedupe-test', 'n', 'manual'), 't1')).toBe(false);
		forget(scope);
		expect(wasSeen(scope, 't1')).toBe(false);
	});

	it('holds at most MAX_NODES scopes, dropping the least recently used', () => {
		const first = dedupeScope('lru-0', 'n', 'webhook');
		remember(first, 'x');
		for (let i = 1; i <= MAX_NODES; i++) remember(dedupeScope(`lru-${i}`, 'n', 'webhook'), 'x');
		expect(scopeCount()).toBeLessThanOrEqual(MAX_NODES);
		expect(wasSeen(first, 'x')).toBe(false);
		expect(wasSeen(dedupeScope(`lru-${MAX_NODES}`, 'n', 'webhook'), 'x')).toBe(true);
	});
});
