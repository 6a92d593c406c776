export interface MediaServer {
	downloads: string[];
	add(name: string, data: Buffer, type?: string): string;
	url(name: string): string;
	stop(): Promise<void>;
}

export function startMediaServer(): Promise<MediaServer>;
