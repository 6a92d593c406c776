import { sleep } from 'n8n-workflow';

/**
 * Mavi allows 1 request per second per account and endpoint, measured when a request arrives.
 * We cannot see that moment, only that it lies between our send and the answer. So the next
 * request on a key leaves at least GAP_MS after the previous one was answered: spacing then holds
 * whatever the client-side delays (credential lookup, first-request set-up) or network jitter.
 *
 * One module-level limiter is shared by consecutive items, retries and concurrent executions in
 * the same n8n process. Keys are base URL + key hash + endpoint template.
 *
 * Other processes using the same account (queue-mode workers) are only seen through Mavi's limit
 * answers. Mavi counts only the requests it accepts, so whoever asks first after the window
 * reopens gets it: a process that was refused backs off for a random extra LIMITED_EXTRA_MS
 * (0.5 to 1 times), or for Retry-After if Mavi sent one, and the other keeps its pace. The
 * account's limit stays fully used and the refused process does not hammer it in lock-step.
 */

// 1 s window plus a margin for clock granularity.
export const GAP_MS = 1030;
// A request still running after this long has surely arrived; later ones need not wait for it
// (synchronous transcriptions can take minutes).
export const MAX_IN_FLIGHT_MS = 5000;
const POLL_MS = 20;
// After a limit answer, the next request of that key waits this much longer (times 0.5 to 1).
export const LIMITED_EXTRA_MS = 1000;

interface Slot {
	sentAt?: number;
	answeredAt?: number;
	/** Set when the wait was cancelled: followers then queue behind this slot's predecessor. */
	cancelled?: boolean;
	previous?: Slot;
}

export type Release = () => void;

export class RateLimiter {
	private readonly lastSlot = new Map<string, Slot>();
	private readonly quietUntil = new Map<string, number>();

	constructor(
		private readonly gapMs = GAP_MS,
		private readonly maxInFlightMs = MAX_IN_FLIGHT_MS,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void> = sleep,
		private readonly random: () => number = Math.random,
	) {}

	/**
	 * Waits for this key's turn. Call right before sending, and call the returned function as
	 * soon as the answer (or a network error) is in. Rejects as soon as `signal` aborts.
	 */
	async acquire(key: string, signal?: AbortSignal): Promise<Release> {
		const previous = this.lastSlot.get(key);
		const slot: Slot = { previous };
		// Reserved synchronously, so concurrent callers line up behind each other.
		this.lastSlot.set(key, slot);
		let ourTurn = false;
		try {
			if (signal?.aborted) throw new Error('cancelled');
			if (previous) await this.waitAfter(previous, signal);
			await this.waitUntilQuietEnds(key, signal);
			ourTurn = true;
		} finally {
			if (!ourTurn) slot.cancelled = true;
		}
		slot.previous = undefined;
		slot.sentAt = this.now();
		return () => {
			slot.answeredAt = slot.answeredAt ?? this.now();
		};
	}

	/**
	 * Mavi refused a request of this key with its limit answer (call after release()).
	 * `retryAfterMs`: Mavi's Retry-After, when it sent one.
	 */
	limited(key: string, retryAfterMs = 0): void {
		const backOff = this.gapMs + LIMITED_EXTRA_MS * (0.5 + this.random() / 2);
		const until = this.now() + Math.max(backOff, retryAfterMs);
		this.quietUntil.set(key, Math.max(until, this.quietUntil.get(key) ?? 0));
	}

	get size(): number {
		return this.lastSlot.size;
	}

	private async waitUntilQuietEnds(key: string, signal?: AbortSignal): Promise<void> {
		for (;;) {
			const delay = (this.quietUntil.get(key) ?? 0) - this.now();
			if (delay <= 0) break;
			await this.wait(delay, signal);
		}
		this.quietUntil.delete(key);
	}

	private async waitAfter(first: Slot, signal?: AbortSignal): Promise<void> {
		let previous: Slot | undefined = first;
		while (previous.sentAt === undefined) {
			if (previous.cancelled) {
				previous = previous.previous;
				if (!previous) return;
				continue;
			}
			await this.wait(POLL_MS, signal);
		}
		const assumeArrivedAt = previous.sentAt + this.maxInFlightMs;
		while (previous.answeredAt === undefined && this.now() < assumeArrivedAt) {
			await this.wait(POLL_MS, signal);
		}
		const arrivedBy = Math.min(previous.answeredAt ?? assumeArrivedAt, assumeArrivedAt);
		const delay = arrivedBy + this.gapMs - this.now();
		if (delay > 0) await this.wait(delay, signal);
	}
}

export const endpointLimiter = new RateLimiter();
