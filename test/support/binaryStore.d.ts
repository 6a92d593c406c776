import type { IBinaryData } from 'n8n-workflow';

export interface BinaryStore {
	service: { getAsStream(id: string, chunkSize?: number): Promise<unknown> };
	store(data: Buffer, binary: { mimeType?: string; fileName: string }): Promise<IBinaryData>;
	stop(): void;
}

export function startBinaryStore(): Promise<BinaryStore>;
