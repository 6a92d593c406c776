'use strict';
// The Webhook Token in a real n8n: too short to publish, one token per request, a token with
// + / = that works raw or encoded and never shows in items, in any encoding a proxy may copy.
const fs = require('node:fs');

const { nodeItems } = require('../../tools/n8n-harness/client');
const { E2E_API_KEY, E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const wf = require('../../tools/n8n-harness/workflows');
const { publishTrigger, useMaviEnvironment } = require('./support/environment');

jest.setTimeout(120000);

// Like `openssl rand -base64`: every character a URL or a form encodes.
const SIGNED_VALUE = 'e2e+Sc/rub=Me0123456789Zz==';

let n8n;
let client;
let simulator;
let credential;
let trigger; // the usual token, no options
let headerTrigger; // SIGNED_VALUE, Include Request Headers and Raw Payload on

const triggerItems = (execution) => nodeItems(execution, wf.TRIGGER_NAME);
const waitForTask = (workflowId, taskId) =>
	client.waitForExecutionWhere(workflowId, (e) => (triggerItems(e) || [])[0]?.task_id === taskId);

beforeAll(async () => {
	({ n8n, client, simulator, credential } = await useMaviEnvironment({
		label: 'webhook-token',
		credentialName: 'Mavi e2e (webhook token)',
	}));
	trigger = await publishTrigger(client, { name: 'e2e: webhook token', credential });
	const signed = await client.createCredential({
		name: 'Mavi e2e (token with + / =)',
		apiKey: E2E_API_KEY,
		baseUrl: simulator.baseUrl,
		webhookToken: SIGNED_VALUE,
	});
	headerTrigger = await publishTrigger(client, {
		name: 'e2e: token with + / =',
		credential: signed,
		parameters: { options: { includeHeaders: true, includeRawPayload: true } },
	});
});

afterAll(async () => {
	if (simulator) await simulator.stop();
	if (n8n) await n8n.close();
});

test('a Webhook Token of 3 characters cannot be published: the error says how to make one', async () => {
	const weak = await client.createCredential({
		name: 'Mavi e2e (webhook token abc)',
		apiKey: E2E_API_KEY,
		baseUrl: simulator.baseUrl,
		webhookToken: 'abc',
	});
	const { workflow, webhookPath } = wf.triggerWorkflow({
		name: 'e2e: token abc',
		credential: weak,
	});
	const created = await client.createWorkflow(workflow);
	const failure = await client.publish(created.id).then(
		() => 'published',
		(error) => String(error.message),
	);
	process.stderr.write(`[webhook token] publishing with token "abc": ${failure}\n`);
	expect(failure).toMatch(/trigger failed to activate: .*shorter than 16 characters/);
	const res = await client.postWebhook(webhookPath, wf.transcriptionCallback(wf.randomTaskId()), {
		query: { token: 'abc' },
		retryMs: 0,
	});
	expect(res.status).toBe(404);
	expect(await client.listExecutions(created.id)).toEqual([]);
});

test('a request with two token candidates gets 401 and starts nothing, even when one is right', async () => {
	const before = (await client.listExecutions(trigger.id)).length;
	const body = wf.transcriptionCallback(wf.randomTaskId());
	const token = encodeURIComponent(E2E_WEBHOOK_TOKEN);
	const statuses = [];
	for (const [query, headers] of [
		[`token=not-the-token&token=${token}`, {}],
		[`token=${token}&token=${token}`, {}],
		[`token=${token}`, { 'x-mavi-token': 'not-the-token' }],
	]) {
		const res = await client.postWebhook(`${trigger.webhookPath}?${query}`, body, { headers });
		expect(res.body).toEqual({ error: expect.stringMatching(/More than one webhook token/) });
		statuses.push(res.status);
	}
	expect(statuses).toEqual([401, 401, 401]);
	// A right request afterwards: once its execution is there, a wrongly started one would be too.
	const barrier = wf.transcriptionCallback(wf.randomTaskId());
	const ok = await client.postWebhook(trigger.webhookPath, barrier, {
		query: { token: E2E_WEBHOOK_TOKEN },
	});
	expect(ok.status).toBe(200);
	await waitForTask(trigger.id, barrier.task_id);
	const executions = await client.waitForIdle(trigger.id);
	expect(executions).toHaveLength(before + 1);
});

test('a token with + / = works in the header, percent-encoded and raw in the query', async () => {
	const raw = `${headerTrigger.webhookPath}?token=${SIGNED_VALUE}`;
	const sent = [
		client.postWebhook(headerTrigger.webhookPath, wf.transcriptionCallback(wf.randomTaskId()), {
			headers: { 'x-mavi-token': SIGNED_VALUE },
		}),
		client.postWebhook(headerTrigger.webhookPath, wf.transcriptionCallback(wf.randomTaskId()), {
			query: { token: SIGNED_VALUE },
		}),
		client.postWebhook(raw, wf.transcriptionCallback(wf.randomTaskId())),
	];
	expect((await Promise.all(sent)).map((res) => res.status)).toEqual([200, 200, 200]);
});

test('Include Request Headers: the token is scrubbed in every encoding, and nothing else is', async () => {
	const encoded = encodeURIComponent(SIGNED_VALUE);
	const lowerHex = encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
	const basic = Buffer.from(`mavi:${SIGNED_VALUE}`).toString('base64');
	const forms = {
		'x-original-uri': `/webhook/${headerTrigger.webhookPath}?token=${encoded}`,
		'x-forwarded-uri': `/webhook/${headerTrigger.webhookPath}?token=${SIGNED_VALUE}`,
		'x-rewrite-url': `/mavi?token=${encodeURIComponent(encoded)}`,
		referer: `https://proxy.example/mavi?token=${lowerHex}`,
		'x-form': `token=${SIGNED_VALUE.replace('+', ' ')}`,
		'x-upstream-authorization': `Basic ${basic}`,
		'x-unrelated': 'Ze2e Sc rub Me 0123 the abc starts at ten',
	};
	const taskId = wf.randomTaskId();
	const body = { ...wf.transcriptionCallback(taskId), note: `token=${encoded}` };
	const res = await client.postWebhook(headerTrigger.webhookPath, body, {
		query: { token: SIGNED_VALUE, next: SIGNED_VALUE },
		headers: forms,
	});
	expect(res.status).toBe(200);
	const execution = await waitForTask(headerTrigger.id, taskId);
	const [first] = triggerItems(execution);
	process.stderr.write(`[webhook token] headers in the item: ${JSON.stringify(first.headers)}\n`);
	expect(first.headers).toMatchObject({
		'x-original-uri': `/webhook/${headerTrigger.webhookPath}?token=[redacted]`,
		'x-forwarded-uri': `/webhook/${headerTrigger.webhookPath}?token=[redacted]`,
		'x-rewrite-url': '/mavi?token=[redacted]',
		referer: 'https://proxy.example/mavi?token=[redacted]',
		'x-form': 'token=[redacted]',
		'x-upstream-authorization': expect.stringContaining('[redacted]'),
		'x-unrelated': forms['x-unrelated'],
	});
	expect(first.headers).not.toHaveProperty('x-mavi-token');
	expect(first.query).toEqual({ next: '[redacted]' });
	expect(first.raw_payload.note).toBe('token=[redacted]');
	const stored = JSON.stringify(execution);
	const log = fs.readFileSync(n8n.state.logFile, 'utf8');
	for (const form of [
		SIGNED_VALUE,
		encoded,
		lowerHex,
		encodeURIComponent(encoded),
		basic.slice(8, 28),
	]) {
		expect(stored).not.toContain(form);
		expect(log).not.toContain(form);
	}
});
