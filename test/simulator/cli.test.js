'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { SIM_DIR } = require('./support');

const CLI = path.join(SIM_DIR, 'cli.js');
const { parseSettings } = require(CLI);

describe('simulator CLI', () => {
	it('reads MAVI_SIM_* variables, and flags win over them', () => {
		const options = parseSettings(
			['--port', '0', '--out-of-order', '--fault-rate=0.3', '--no-rate-limit'],
			{
				MAVI_SIM_PORT: '9999',
				MAVI_SIM_API_KEY: 'sk-a,sk-b',
				MAVI_SIM_RATE_LIMIT_STYLE: '400',
				MAVI_SIM_FAULT_KINDS: '429,drop',
				MAVI_SIM_KEY_STATUS: 'sk-c=402',
			},
		);
		expect(options).toEqual({
			port: 0,
			apiKey: ['sk-a', 'sk-b'],
			rateLimitStyle: '400',
			faults: { kinds: ['429', 'drop'], rate: 0.3 },
			keyStatus: { 'sk-c': 402 },
			outOfOrder: true,
			rateLimit: false,
		});
		expect(() => parseSettings(['--nope'], {})).toThrow(/unknown argument/);
	});

	it('prints the base URL and masked options, answers, and stops cleanly on SIGTERM', async () => {
		const key = 'sk-mavi-CLISECRET-abcdef123456';
		const child = spawn(process.execPath, [CLI, '--port', '0'], {
			env: {
				...process.env,
				MAVI_SIM_API_KEY: key,
				MAVI_SIM_WEBHOOK_URL: 'http://127.0.0.1:5678/webhook/w/mavi?token=tok-CLITOKEN',
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
		const deadline = Date.now() + 5000;
		while (!/Options: .*\n/.test(output) && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
		try {
			const baseUrl = /Base URL: (\S+)/.exec(output)[1];
			expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/serve\/api\/v2$/);
			const options = JSON.parse(/Options: (.*)/.exec(output)[1]);
			expect(options.apiKey).toEqual(['sk-m****56']);
			expect(options.webhookUrl).toBe('http://127.0.0.1:5678/webhook/w/mavi?token=***');
			const response = await fetch(`${baseUrl}/re_0/metadata`, { headers: { authorization: key } });
			expect(response.status).toBe(400);
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
		expect(output).not.toContain('CLISECRET');
		expect(output).not.toContain('tok-CLITOKEN');
		expect(output).toContain('SIGTERM, stopping');
	});
});
