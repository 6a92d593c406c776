'use strict';
// `npm run dev` for real, as the README's "Try it in n8n without a Mavi account" tells a
// newcomer: it comes up, imports the examples, publishes the trigger example, a transcription
// started from the upload example reaches that trigger through the simulator, and Ctrl-C
// (SIGINT to the whole process group, as a terminal sends it) leaves no process behind.
// Own folder and free ports, so it clashes neither with the e2e n8n nor with a developer's dev.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { ROOT, OWNER, bootstrapClient } = require('../../tools/n8n-harness/n8n');
const { nodeItems } = require('../../tools/n8n-harness/client');
const { loadExamples } = require('../../tools/n8n-harness/examples');
const { freePort, isAlive, processGroupPids, sleep } = require('../../tools/n8n-harness/processes');

// The first run may install n8n (about 6 minutes cold) before n8n starts.
jest.setTimeout(20 * 60 * 1000);

const UPLOAD_EXAMPLE = 'Mavi: upload a file and start a transcription';
const TRIGGER_EXAMPLE = 'Mavi: transcription trigger, one item per segment, filter by speaker';

let dev; // { child, output(), exit }
let devDir;
let editorUrl;

function startDev(env) {
	let output = '';
	// Its own process group, like a terminal job, so Ctrl-C can be sent the way a terminal does.
	const child = spawn('npm', ['run', 'dev'], { cwd: ROOT, env, detached: true });
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exit = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	return { child, exit, output: () => output };
}

async function waitForOutput(pattern, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let exited = false;
	dev.exit.then(() => (exited = true));
	while (!pattern.test(dev.output())) {
		if (exited || Date.now() > deadline) {
			throw new Error(`npm run dev: no ${pattern} (exited: ${exited}); output:\n${dev.output()}`);
		}
		await sleep(250);
	}
}

beforeAll(async () => {
	devDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mavi-dev-test-'));
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (/^(npm_|JEST_|MAVI_)/.test(key)) delete env[key];
	Object.assign(env, {
		MAVI_DEV_DIR: devDir,
		MAVI_DEV_PORT: String(await freePort()),
		MAVI_SIMULATOR_PORT: String(await freePort()),
		// `npm test` has just built dist/; the build step itself is plain `npm run build`.
		MAVI_DEV_SKIP_BUILD: '1',
	});
	dev = startDev(env);
	await waitForOutput(/^ready in [\d.]+ s$/m, 18 * 60 * 1000);
	editorUrl = dev.output().match(/^ {2}Editor: +(\S+?)\/?$/m)[1];
});

afterAll(async () => {
	if (dev && processGroupPids(dev.child.pid).length > 0) {
		process.kill(-dev.child.pid, 'SIGINT');
		await Promise.race([dev.exit, sleep(30000)]);
		for (const pid of processGroupPids(dev.child.pid)) process.kill(pid, 'SIGKILL');
	}
	if (devDir) fs.rmSync(devDir, { recursive: true, force: true });
});

test('reaches "ready" with the examples imported and the trigger example published', async () => {
	const output = dev.output();
	expect(output).not.toMatch(/failed|Error/);
	for (const { file } of loadExamples()) expect(output).toContain(`example ${file}: imported`);
	expect(output).toContain(`published "${TRIGGER_EXAMPLE}"`);
	expect(output).toContain('node types loaded: n8n-nodes-mavi.maviTranscribe');

	const client = await bootstrapClient(editorUrl, OWNER);
	const names = (await client.listWorkflows()).map((workflow) => workflow.name);
	expect(names).toEqual(
		expect.arrayContaining(loadExamples().map(({ workflow }) => workflow.name)),
	);
});

test('a transcription started from the upload example arrives at the published trigger', async () => {
	const client = await bootstrapClient(editorUrl, OWNER);
	const workflows = await client.listWorkflows();
	const byName = (name) => workflows.find((workflow) => workflow.name === name).id;
	const triggerId = byName(TRIGGER_EXAMPLE);
	await client.waitActive(triggerId);

	// What the README tells the newcomer to do: open the upload example, Execute workflow.
	const run = await client.runManual(byName(UPLOAD_EXAMPLE));
	expect(run.status).toBe('success');
	const [started] = nodeItems(run, 'Start transcription');
	expect(started.task_id).toMatch(/^[0-9a-f]{32}$/);

	const execution = await client.waitForExecutionWhere(triggerId, (e) => {
		const items = nodeItems(e, 'Mavi Transcription Trigger') || [];
		return items.some((item) => item.task_id === started.task_id);
	});
	expect(execution.status).toBe('success');
	const segments = nodeItems(execution, 'Mavi Transcription Trigger');
	expect(segments.length).toBeGreaterThan(0);
	segments.forEach((segment, index) => {
		expect(segment).toMatchObject({
			task_id: started.task_id,
			segment_index: index,
			segment_count: segments.length,
			text: expect.any(String),
		});
		expect(segment.end_time).toBeGreaterThanOrEqual(segment.start_time);
	});
});

test('Ctrl-C stops n8n, its task runner and the simulator: no process is left', async () => {
	const n8nPid = Number(dev.output().match(/n8n is up after [\d.]+ s \(pid (\d+)\)/)[1]);
	expect(isAlive(n8nPid)).toBe(true);
	expect(processGroupPids(dev.child.pid).length).toBeGreaterThan(1);

	process.kill(-dev.child.pid, 'SIGINT');
	const { code, signal } = await dev.exit;
	expect(dev.output()).toContain('Stopped everything npm run dev started.');
	// dev.js exits 0 after stopping everything; npm itself then ends by the SIGINT it received,
	// as a shell job does.
	expect({ code, signal }).toEqual(signal ? { code: null, signal: 'SIGINT' } : { code: 0, signal });
	expect(dev.output()).not.toMatch(/npm run dev failed/);
	// Members still exiting may linger in /proc for a moment; one that lives on stays past this.
	const deadline = Date.now() + 10000;
	while (processGroupPids(dev.child.pid).length > 0 && Date.now() < deadline) await sleep(100);
	expect(processGroupPids(dev.child.pid)).toEqual([]);
	expect(isAlive(n8nPid)).toBe(false);
	await expect(fetch(`${editorUrl}/healthz`)).rejects.toThrow();
});
