/**
 * Remembers the task_ids a trigger node has already emitted, in this process only.
 *
 * n8n discards what webhook() writes to workflow static data whenever that call starts an
 * execution, so static data cannot hold this. The memory is bounded: the last
 * MAX_TASK_IDS_PER_NODE ids per trigger node, and at most MAX_NODES trigger nodes.
 */
export const MAX_TASK_IDS_PER_NODE = 1000;
export const MAX_NODES = 1000;

/** Insertion-ordered set that forgets its oldest entry beyond `capacity`. */
export class BoundedIdSet {
	private readonly ids = new Set<string>();

	constructor(private readonly capacity: number) {}

	has(id: string): boolean {
		return this.ids.has(id);
	}

	add(id: string): void {
		if (this.ids.has(id)) return;
		this.ids.add(id);
		if (this.ids.size > this.capacity) {
			const oldest = this.ids.values().next().value;
			if (oldest !== undefined) this.ids.delete(oldest);
		}
	}

	get size(): number {
		return this.ids.size;
	}
}

const memories = new Map<string, BoundedIdSet>();

/** One memory per workflow, trigger node and mode, so a test listen never hides a real delivery. */
export function dedupeScope(workflowId: string | undefined, nodeKey: string, mode: string): string {
	return `${workflowId ?? ''}\u0000${nodeKey}\u0000${mode === 'manual' ? 'test' : 'production'}`;
}

function memoryFor(scope: string): BoundedIdSet {
	let memory = memories.get(scope);
	if (memory) {
		// Re-insert so the map stays ordered by last use.
		memories.delete(scope);
	} else {
		memory = new BoundedIdSet(MAX_TASK_IDS_PER_NODE);
	}
	memories.set(scope, memory);
	if (memories.size > MAX_NODES) {
		const leastRecent = memories.keys().next().value;
		if (leastRecent !== undefined) memories.delete(leastRecent);
	}
	return memory;
}

export function wasSeen(scope: string, taskId: string): boolean {
	return memories.get(scope)?.has(taskId) ?? false;
}

export function remember(scope: string, taskId: string): void {
	memoryFor(scope).add(taskId);
}

export function forget(scope: string): void {
	memories.delete(scope);
}

/** For tests: how many scopes are held right now. */
export function scopeCount(): number {
	return memories.size;
}
