export const TEST_KEY: string;
export const OTHER_KEYS: { wrong: string; outOfCredits: string; banned: string; echoed: string };

export interface SimStats {
	requests: number;
	byEndpoint: Record<string, number>;
	rateLimited: number;
	faultsInjected: Record<string, number>;
	accepted: Record<string, number>;
	tasks: Array<{ task_id: string; asset_id: string; kind: string }>;
	assets: Array<{ asset_id: string; file_name: string; file_size: number; upload_status: string }>;
	/** One entry per synchronous transcription answered 200 (billed even if the answer is lost). */
	syncRuns: Array<{ endpoint: string; asset_id: string | null }>;
	/** One entry per injected fault; asset_id from JSON bodies, else null. */
	faultLog: Array<{ endpoint: string; fault: string; asset_id: string | null }>;
	callbacks: unknown[];
}

export interface Simulator {
	url: string;
	baseUrl: string;
	options: Record<string, unknown>;
	configure(patch: Record<string, unknown>): unknown;
	setWebhookUrl(url: string | null): unknown;
	stats(): SimStats;
	reset(): void;
	waitForCallbacks(count: number, timeoutMs: number): Promise<unknown[]>;
	stop(): Promise<void>;
}

export interface Mavi {
	sim: Simulator;
	sink: { url: string; count: number };
	credentials: { apiKey: string; baseUrl: string };
	stop(): Promise<void>;
}

export function startMavi(options?: Record<string, unknown>): Promise<Mavi>;
export function seedAsset(
	mavi: Mavi,
	options?: { seconds?: number; fileName?: string },
): Promise<string>;
export function makeWav(seconds?: number, sampleRate?: number): Buffer;

export interface RawServer {
	baseUrl: string;
	requests: number;
	stop(): Promise<void>;
}

export function startRawServer(
	reply: (
		request: { method?: string; url?: string; headers: Record<string, unknown> },
		body: Buffer,
	) => {
		status: number;
		body: unknown;
		headers?: Record<string, string>;
	},
): Promise<RawServer>;
