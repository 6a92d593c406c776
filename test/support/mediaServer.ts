// A "public" media host on loopback for Transcribe from URL: serves files the test registers,
// counts downloads, and answers 404 for anything else.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MediaServer {
	downloads: string[];
	/** Serves `data` at /media/<name>; returns its URL. */
	add(name: string, data: Buffer, type?: string): string;
	url(name: string): string;
	stop(): Promise<void>;
}

export async function startMediaServer(): Promise<MediaServer> {
	const files = new Map<string, { data: Buffer; type: string }>();
	const downloads: string[] = [];
	const server = http.createServer((req, res) => {
		const file = files.get(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
		downloads.push(req.url ?? '');
		if (!file) {
			res.writeHead(404, { 'content-type': 'text/plain' });
			res.end('not found');
			return;
		}
		res.writeHead(200, { 'content-type': file.type, 'content-length': file.data.length });
		res.end(file.data);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		downloads,
		add(name, data, type = 'audio/wav') {
			files.set(`/media/${name}`, { data, type });
			return `${origin}/media/${name}`;
		},
		url: (name) => `${origin}/media/${name}`,
		stop() {
			server.closeAllConnections();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
