// `npm run test:stress` (issue 6: R1 against the real n8n, R2, R6). Bounded: every loop has a
// count and a deadline, the whole run a 9.5-minute watchdog; everything listens on 127.0.0.1.
// Exit code 0 only when every promise held. Details go to test/artifacts/stress-report.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const started = Date.now();
const BUDGET_MS = 9.5 * 60 * 1000;
const deadline = started + BUDGET_MS;

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mavi-stress-logs-'));
process.env.MAVI_STRESS_LOG_DIR = logDir;

const { startPrivateN8n, memoryOf } = require('../../tools/n8n-harness/privateN8n.js');
const { secretLeaks, SECRETS } = require('../e2e/support/leaks.js');
const { E2E_API_KEY, E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets.js');
const { publishTrigger } = require('../e2e/support/environment.js');
const { runR1 } = require('./r1-hostile.js');
const { runR2, logFiles, TEST_KEY } = require('./r2-faults.js');
const { runLargeTranscript, runOverLimit } = require('./r6-size.js');
const { printTable } = require('./table.js');

const say = (line) =>
	process.stdout.write(`[stress ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);

let instance;
const watchdog = setTimeout(async () => {
	say(`ABORT: the stress run exceeded ${BUDGET_MS / 60000} minutes`);
	if (instance) await instance.close();
	process.exit(2);
}, BUDGET_MS);
watchdog.unref();

async function setUpTrigger(client) {
	const credential = await client.createCredential({
		name: 'Mavi stress',
		apiKey: E2E_API_KEY,
		baseUrl: 'http://127.0.0.1:9/serve/api/v2',
		webhookToken: E2E_WEBHOOK_TOKEN,
	});
	return publishTrigger(client, { name: 'stress: trigger', credential });
}

function grepFiles(files, secrets) {
	const hits = [];
	for (const file of files) {
		if (!fs.existsSync(file)) continue;
		const text = fs.readFileSync(file, 'utf8');
		for (const secret of secrets) if (text.includes(secret)) hits.push(`${path.basename(file)}`);
	}
	return hits;
}

async function main() {
	say('R2: fault batches in process (concurrently with the real-n8n part)');
	const r2Promise = runR2();
	say('starting a private n8n 2.41.1 with the built package');
	instance = await startPrivateN8n({ label: 'stress', logLevel: 'debug' });
	const { n8n, client } = instance;
	say(`n8n ${n8n.url} pid ${n8n.pid} ready in ${n8n.startMs} ms`);
	const trigger = await setUpTrigger(client);
	const afterStart = memoryOf(n8n.pid);

	say('R1: 500 malformed callbacks');
	const r1 = await runR1({
		client,
		n8nUrl: n8n.url,
		trigger,
		token: E2E_WEBHOOK_TOKEN,
		count: 500,
		deadline: Math.min(deadline - 120000, Date.now() + 330000),
	});
	const afterR1 = memoryOf(n8n.pid);
	say(`R1: ${r1.tried} sent in ${r1.ms} ms, statuses ${JSON.stringify(r1.byStatus)}`);

	say('R6: 3-hour transcript (50,000 segments)');
	const r6 = await runLargeTranscript({ client, n8n, trigger, token: E2E_WEBHOOK_TOKEN });
	say(
		`R6: ${r6.items} items, ${(r6.bodyBytes / 1048576).toFixed(1)} MB body, done in ${r6.doneMs} ms`,
	);
	say('R6: a body above N8N_PAYLOAD_SIZE_MAX');
	const overLimit = await runOverLimit({ client, n8n, trigger, token: E2E_WEBHOOK_TOKEN });
	say(`R6 over limit: HTTP ${overLimit.status} ${overLimit.answer}`);

	const r2 = await r2Promise;
	say('R2 done; grepping for secrets');
	const n8nLeaks = await secretLeaks(client, { logFile: n8n.logFile, workflowIds: [trigger.id] });
	const simLeaks = grepFiles(logFiles, [TEST_KEY, ...Object.values(SECRETS)]);
	const driverPeakMb = process.resourceUsage().maxRSS / 1024;

	const rows = [
		{
			test: 'R1 malformed callbacks (real n8n)',
			tried: r1.tried,
			executions: r1.executionsFromHostile,
			lost: 0,
			secrets: n8nLeaks.length,
			rss: `n8n ${afterR1.hwmMb.toFixed(0)} MB`,
			ms: r1.ms,
			ok:
				r1.tried === 500 &&
				r1.unexpected.length === 0 &&
				r1.executionsFromHostile === r1.startedBySoundEnvelopes &&
				r1.validStillWorks &&
				r1.healthz === 200,
		},
		{
			test: 'R6 3-hour transcript (real n8n)',
			tried: 1,
			executions: 1,
			lost: r6.itemsLost,
			secrets: 0,
			rss: `n8n ${r6.peakRssDuringMb.toFixed(0)} MB`,
			ms: r6.doneMs,
			ok:
				r6.status === 200 && r6.itemsLost === 0 && r6.indicesOk && r6.executionStatus === 'success',
		},
		{
			test: `R6 body over 16 MiB (HTTP ${overLimit.status})`,
			tried: 1,
			executions: overLimit.executionsFromBigBody,
			lost: 0,
			secrets: 0,
			rss: '',
			ms: 0,
			ok: overLimit.executionsFromBigBody === 0 && overLimit.stillServing,
		},
		...r2.map((r) => ({
			test: r.name,
			tried: r.tried,
			executions: `${r.tasksCreated} ${r.name.includes('Upload') ? 'assets' : 'tasks'}`,
			lost: r.itemsLost,
			secrets: r.secrets,
			rss: `driver ${driverPeakMb.toFixed(0)} MB`,
			ms: r.ms,
			ok:
				r.itemsLost === 0 &&
				r.duplicateTasks === 0 &&
				r.secrets === 0 &&
				(r.name.includes('past budget') ? r.tasksCreated === 0 : r.tasksCreated === r.tried),
		})),
		{
			test: 'Secrets in n8n log, executions, simulator logs',
			tried: n8nLeaks.length + simLeaks.length,
			executions: '',
			lost: '',
			secrets: n8nLeaks.length + simLeaks.length,
			rss: '',
			ms: 0,
			ok: n8nLeaks.length + simLeaks.length === 0,
		},
	];
	printTable(rows, (line) => process.stdout.write(`${line}\n`));
	const report = {
		when: new Date().toISOString(),
		totalMs: Date.now() - started,
		n8nStartMs: n8n.startMs,
		memory: { afterStart, afterR1, r6 },
		r1: { ...r1, sampleOfIgnored: r1.ignored },
		r6,
		overLimit,
		r2,
		leaks: { n8n: n8nLeaks, simulator: simLeaks },
	};
	const reportFile = path.join(ROOT, 'test/artifacts/stress-report.json');
	fs.mkdirSync(path.dirname(reportFile), { recursive: true });
	fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
	if (r1.unexpected.length)
		say(`R1 unexpected answers: ${JSON.stringify(r1.unexpected.slice(0, 5))}`);
	if (r1.ignored.length)
		say(
			`R1: ${r1.ignored.length} answered 200 {ignored: true} (no execution): ${r1.ignored.map((r) => r.name).join('; ')}`,
		);
	say(
		`total ${((Date.now() - started) / 1000).toFixed(0)} s; report ${path.relative(ROOT, reportFile)}`,
	);
	return rows.every((row) => row.ok);
}

let ok = false;
try {
	ok = await main();
} catch (error) {
	say(`FAILED: ${error.stack || error}`);
} finally {
	if (instance) await instance.close();
	fs.rmSync(logDir, { recursive: true, force: true });
	clearTimeout(watchdog);
}
process.exit(ok ? 0 : 1);
