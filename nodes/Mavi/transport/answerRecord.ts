import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { mayHaveBeenProcessed } from './retryPolicy';
import type { FailureKind } from './retryPolicy';

/**
 * n8n's "Retry On Fail" runs the node again, in the same execution and run, with every input
 * item, when a try throws or its first output item has `json.error` (n8n 1.123 and 2.41). This record keeps
 * what each creating request of a try got, so the next try replays it instead of paying again:
 * the answer, or an error after which Mavi may have processed the request. Only failures that
 * surely were not processed are sent again. In queue mode every try runs in the same worker, so
 * a record in this process sees them all. Bounded: a run's answers are dropped once no try can
 * follow, and by count and age in case a try never ends.
 */

type Answer = { data: unknown } | { error: unknown };

interface RunRecord {
	key: string;
	tries: number;
	maxTries: number;
	touched: number;
	answers: Map<string, Answer>;
}

const MAX_RUNS = 1000;
// Counted from the last answer: a try of a long batch goes on for hours, yet answers keep coming.
const MAX_IDLE_MS = 6 * 3600_000;

const runs = new Map<string, RunRecord>();
const current = new WeakMap<IExecuteFunctions, RunRecord>();

/** How many times n8n (1.x and 2.x alike) runs a node with Retry On Fail on. */
function triesOf(node: INode): number {
	return Math.min(5, Math.max(2, node.maxTries || 3));
}

function prune(now: number): void {
	for (const [key, run] of runs) {
		if (runs.size <= MAX_RUNS && now - run.touched <= MAX_IDLE_MS) break;
		runs.delete(key);
	}
}

/**
 * Called by the node at the start of each try. Without Retry On Fail (or without an execution
 * ID, outside a saved execution) nothing is recorded and requests go out as always.
 */
export function beginTry(this: IExecuteFunctions): void {
	const node = this.getNode();
	const executionId = this.getExecutionId?.();
	if (node.retryOnFail !== true || !executionId) return;
	const runIndex = this.getWorkflowDataProxy(0).$runIndex;
	const key = JSON.stringify([executionId, node.id ?? node.name, runIndex]);
	const now = Date.now();
	const run = runs.get(key) ?? {
		key,
		tries: 0,
		maxTries: triesOf(node),
		touched: now,
		answers: new Map<string, Answer>(),
	};
	run.tries++;
	run.touched = now;
	// Map order is the order of last use, oldest first, for pruning.
	runs.delete(key);
	runs.set(key, run);
	prune(now);
	current.set(this, run);
}

/**
 * Called when a try ends. A try n8n will not repeat forgets its answers: it returned items whose
 * first one is no error (n8n's own test), or it was the last try.
 */
export function endTry(this: IExecuteFunctions, output: INodeExecutionData[] | undefined): void {
	const run = current.get(this);
	if (!run) return;
	const error = output?.[0]?.json.error;
	const repeated =
		output === undefined || (error !== undefined && error !== null && error !== false);
	if (!repeated || run.tries >= run.maxTries) runs.delete(run.key);
}

/** The kind our transport put on its NodeApiError; absent on any other error. */
function failureKind(error: unknown): FailureKind | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const kind = error.errorResponse?.kind;
	return typeof kind === 'string' ? (kind as FailureKind) : undefined;
}

/**
 * Sends a creating request at most once per item and identity (its endpoint and body) within one
 * node run. An error of a known "not processed" kind is not kept: the next try sends again.
 * Every other outcome, including an error the transport did not classify, is replayed.
 */
export async function createOnce<T>(
	this: IExecuteFunctions,
	itemIndex: number,
	identity: string,
	send: () => Promise<T>,
): Promise<T> {
	const run = current.get(this);
	if (!run) return await send();
	const key = JSON.stringify([itemIndex, identity]);
	const kept = run.answers.get(key);
	if (kept) {
		if ('error' in kept) throw kept.error;
		return structuredClone(kept.data) as T;
	}
	let answer: Answer;
	try {
		answer = { data: await send() };
	} catch (error) {
		answer = { error };
	}
	run.touched = Date.now();
	if ('data' in answer) {
		run.answers.set(key, { data: structuredClone(answer.data) });
		return answer.data as T;
	}
	const kind = failureKind(answer.error);
	if (kind === undefined || mayHaveBeenProcessed(kind)) run.answers.set(key, answer);
	throw answer.error;
}

/** For tests: how many node runs are remembered. */
export function rememberedRuns(): number {
	return runs.size;
}
