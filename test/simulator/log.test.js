'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startFastSimulator, api, uploadWav, startReceiver } = require('./support');

const KEY = 'sk-mavi-LOGSECRET-9f8e7d6c5b4a';
const TOKEN = 'tok-LOGTOKEN-1234567890';

describe('simulator: request log', () => {
	it('writes one line per request and never the key or the webhook token', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mavi-sim-log-'));
		const logFile = path.join(dir, 'sim.log');
		const receiver = await startReceiver();
		const sim = await startFastSimulator({
			apiKey: KEY,
			logFile,
			webhookUrl: `${receiver.url}/webhook/x/mavi?token=${TOKEN}`,
			faults: { rate: 0 },
		});
		try {
			const assetId = await uploadWav(sim, { key: KEY });
			await api(sim, 'GET', `/${assetId}/metadata`, { key: KEY });
			await api(sim, 'GET', '/re_0/metadata', { key: 'sk-mavi-wrong' });
			await api(sim, 'POST', '/transcriptions/async-generate-audio', {
				key: KEY,
				json: { asset_id: assetId },
			});
			// A client that puts secrets in the query string gets them redacted too.
			await api(sim, 'GET', `/re_0/metadata?token=${TOKEN}&key=${KEY}`, { key: KEY });
			await sim.waitForCallbacks(1, 3000);
			await fetch(`${sim.url}/__admin/stats`);

			const log = fs.readFileSync(logFile, 'utf8');
			const lines = log.trim().split('\n');
			expect(lines.length).toBeGreaterThanOrEqual(7);
			expect(log).toMatch(/POST \/serve\/api\/v2\/upload 200/);
			expect(log).toMatch(/GET \/serve\/api\/v2\/re_0\/metadata 401/);
			expect(log).toMatch(
				/CALLBACK POST http:\/\/127\.0\.0\.1:\d+\/webhook\/x\/mavi\?token=\*\*\* 200/,
			);
			expect(log).toMatch(/metadata\?token=\*\*\*&key=\*\*\* 400/);
			expect(log).not.toContain(KEY);
			expect(log).not.toContain(TOKEN);
			expect(log).not.toContain('LOGSECRET');
			expect(log.toLowerCase()).not.toContain('authorization');

			// Nor do the printable options or stats.
			const visible = JSON.stringify([sim.describeOptions(), sim.stats()]);
			expect(visible).not.toContain(KEY);
			expect(visible).not.toContain(TOKEN);
		} finally {
			await sim.stop();
			await receiver.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
