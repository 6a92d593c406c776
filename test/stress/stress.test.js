'use strict';
// The stress suite (`npm run test:stress`, and the last phase of `npm test`): 500 malformed
// callbacks to a real n8n, fault batches in process at the same time, then
// a 3-hour transcript and a body over n8n's limit; then n8n's log, the executions and the
// simulator's logs are searched for secrets. Every loop has a count and a deadline; everything
// listens on 127.0.0.1. The table is printed; details go to test/artifacts/stress-report.json.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startPrivateN8n, memoryOf } = require('../../tools/n8n-harness/privateN8n');
const { E2E_API_KEY, E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const { secretLeaks, SECRETS } = require('../e2e/support/leaks');
const { publishTrigger } = require('../e2e/support/environment');
const { runHostileCallbacks } = require('./hostileCallbacks');
const { TEST_KEY } = require('../support/maviSim');
const { inChildProcess: runFaultBatches } = require('./faultBatchesProcess');
const { runLargeTranscript, runOverLimit } = require('./hugeTranscripts');
const { printTable } = require('./table');
const { summaryRows } = require('./summary');

const ROOT = path.resolve(__dirname, '../..');
const BUDGET_MS = 9.5 * 60 * 1000;
jest.setTimeout(BUDGET_MS + 60_000);

const started = Date.now();
const say = (line) =>
	process.stdout.write(`[stress ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);

let instance;
let logDir;
beforeAll(() => {
	logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mavi-stress-logs-'));
	process.env.MAVI_STRESS_LOG_DIR = logDir;
});

afterAll(async () => {
	if (instance) await instance.close();
	fs.rmSync(logDir, { recursive: true, force: true });
});

function grepFiles(files, secrets) {
	return files
		.filter((file) => fs.existsSync(file))
		.filter((file) => secrets.some((secret) => fs.readFileSync(file, 'utf8').includes(secret)))
		.map((file) => path.basename(file));
}

async function setUpTrigger(client) {
	const credential = await client.createCredential({
		name: 'Mavi stress',
		apiKey: E2E_API_KEY,
		baseUrl: 'http://127.0.0.1:9/serve/api/v2',
		webhookToken: E2E_WEBHOOK_TOKEN,
	});
	return publishTrigger(client, { name: 'stress: trigger', credential });
}

test('hostile callbacks, fault batches and huge transcripts: nothing lost, paid twice or leaked', async () => {
	const deadline = started + BUDGET_MS;
	say('fault batches in a child process (concurrently with the real-n8n part)');
	const batchesDone = runFaultBatches();
	say('starting a private n8n 2.41.1 with the built package');
	instance = await startPrivateN8n({ label: 'stress', logLevel: 'debug' });
	const { n8n, client } = instance;
	say(`n8n ${n8n.url} pid ${n8n.pid} ready in ${n8n.startMs} ms`);
	const trigger = await setUpTrigger(client);
	const afterStart = memoryOf(n8n.pid);

	say('500 malformed callbacks');
	const hostile = await runHostileCallbacks({
		client,
		n8nUrl: n8n.url,
		trigger,
		token: E2E_WEBHOOK_TOKEN,
		count: 500,
		deadline: Math.min(deadline - 120000, Date.now() + 330000),
	});
	const afterHostile = memoryOf(n8n.pid);
	say(
		`malformed callbacks: ${hostile.tried} sent in ${hostile.ms} ms, statuses ${JSON.stringify(hostile.byStatus)}`,
	);

	say('3-hour transcript (50,000 segments)');
	const huge = await runLargeTranscript({ client, n8n, trigger, token: E2E_WEBHOOK_TOKEN });
	say(
		`3-hour transcript: ${huge.items} items, ${(huge.bodyBytes / 1048576).toFixed(1)} MB body, ${huge.doneMs} ms`,
	);
	say('a body above N8N_PAYLOAD_SIZE_MAX');
	const overLimit = await runOverLimit({ client, n8n, trigger, token: E2E_WEBHOOK_TOKEN });
	say(`over the limit: HTTP ${overLimit.status}`);

	const { batches, logFiles, peakMb: faultProcessPeakMb } = await batchesDone;
	say('fault batches done; searching for secrets');
	const n8nLeaks = await secretLeaks(client, { logFile: n8n.logFile, workflowIds: [trigger.id] });
	const simLeaks = grepFiles(logFiles, [TEST_KEY, ...Object.values(SECRETS)]);

	const results = {
		hostile,
		afterHostile,
		huge,
		overLimit,
		batches,
		faultProcessPeakMb,
		n8nLeaks,
		simLeaks,
	};
	const rows = summaryRows(results);
	printTable(rows, (line) => process.stdout.write(`${line}\n`));
	const reportFile = path.join(ROOT, 'test/artifacts/stress-report.json');
	fs.mkdirSync(path.dirname(reportFile), { recursive: true });
	const report = {
		when: new Date().toISOString(),
		totalMs: Date.now() - started,
		n8nStartMs: n8n.startMs,
		memory: { afterStart, afterHostile, huge },
		...results,
	};
	fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
	say(
		`total ${((Date.now() - started) / 1000).toFixed(0)} s; report ${path.relative(ROOT, reportFile)}`,
	);

	const unexpected = hostile.unexpected.map(({ name, status, verdict }) => ({
		name,
		status,
		verdict,
	}));
	expect(unexpected).toEqual([]);
	expect(rows.filter((row) => !row.ok).map((row) => row.test)).toEqual([]);
});
