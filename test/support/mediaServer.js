// A "public" media host on loopback for Transcribe from URL: serves files the test registers,
// counts downloads, and answers 404 for anything else.
// JS with a .d.ts: strict lint applies n8n Cloud's import rules to every .ts file (node:http).
const http = require('node:http');

async function startMediaServer() {
	const files = new Map();
	const downloads = [];
	const server = http.createServer((req, res) => {
		const file = files.get(decodeURIComponent(new URL(req.url, 'http://x').pathname));
		downloads.push(req.url);
		if (!file) {
			res.writeHead(404, { 'content-type': 'text/plain' });
			return res.end('not found');
		}
		res.writeHead(200, { 'content-type': file.type, 'content-length': file.data.length });
		res.end(file.data);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${server.address().port}`;
	return {
		downloads,
		/** Serves `data` at /media/<name>; returns its URL. */
		add(name, data, type = 'audio/wav') {
			files.set(`/media/${name}`, { data, type });
			return `${origin}/media/${name}`;
		},
		url: (name) => `${origin}/media/${name}`,
		stop() {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = { startMediaServer };
