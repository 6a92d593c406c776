'use strict';
// Reliability against the real n8n: every way of not presenting the webhook token gets 401 and
// starts nothing, and a sample of the hostile callbacks (only broken envelopes get a 4xx, n8n
// keeps serving). The full 500-body run is the stress suite. Secure by default (a credential without
// a Webhook Token cannot be published) and the token scrubbed by value from execution data.
const { hostileSample, validCallback } = require('../stress/hostile-bodies');
const { sendHostile } = require('../stress/hostileCallbacks');
const { rawPost } = require('../stress/http');
const { nodeItems } = require('../../tools/n8n-harness/client');
const { publishTrigger } = require('./support/environment');
const { secretLeaks } = require('./support/leaks');
const { useN8n } = require('./support/instance');
const { E2E_API_KEY, E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const wf = require('../../tools/n8n-harness/workflows');

jest.setTimeout(120000);

let n8n;
let client;
let trigger; // { id, webhookPath }
let credential;

const webhookUrl = (query = '') => `${n8n.state.url}/webhook/${trigger.webhookPath}${query}`;
const countExecutions = async () => (await client.listExecutions(trigger.id)).length;

/**
 * A valid callback and its execution: once it is listed, any execution that an earlier
 * (rejected) request had started would be listed too. Returns the count after it.
 */
async function barrier(expectedTotal) {
	const body = wf.transcriptionCallback(wf.randomTaskId());
	const res = await client.postWebhook(trigger.webhookPath, body, {
		query: { token: E2E_WEBHOOK_TOKEN },
	});
	expect(res.status).toBe(200);
	await client.waitForExecutionWhere(
		trigger.id,
		(e) => (nodeItems(e, wf.TRIGGER_NAME) || [])[0]?.task_id === body.task_id,
	);
	const executions = await client.waitForIdle(trigger.id);
	expect(executions).toHaveLength(expectedTotal);
	return executions;
}

beforeAll(async () => {
	n8n = await useN8n();
	client = n8n.client;
	credential = await client.createCredential({
		name: 'Mavi e2e (reliability)',
		apiKey: E2E_API_KEY,
		baseUrl: 'http://127.0.0.1:9/serve/api/v2',
		webhookToken: E2E_WEBHOOK_TOKEN,
	});
	trigger = await publishTrigger(client, { name: 'e2e reliability: trigger', credential });
});

afterAll(async () => {
	if (n8n) await n8n.close();
});

test('missing, wrong, other-length and body-only tokens get 401 and start no execution', async () => {
	const before = await countExecutions();
	const sameLength = E2E_WEBHOOK_TOKEN.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'));
	const json = { 'content-type': 'application/json' };
	const body = JSON.stringify(validCallback(wf.randomTaskId()));
	const attempts = {
		'missing token': { url: webhookUrl(), headers: json },
		'wrong token, same length': { url: webhookUrl(`?token=${sameLength}`), headers: json },
		'wrong token in the header': {
			url: webhookUrl(),
			headers: { ...json, 'x-mavi-token': sameLength },
		},
		'shorter token': { url: webhookUrl(`?token=${E2E_WEBHOOK_TOKEN.slice(0, -1)}`), headers: json },
		'longer token': { url: webhookUrl(`?token=${E2E_WEBHOOK_TOKEN}0`), headers: json },
		'empty token': { url: webhookUrl('?token='), headers: { ...json, 'x-mavi-token': '' } },
		'token in another query parameter': {
			url: webhookUrl(`?api_key=${E2E_WEBHOOK_TOKEN}`),
			headers: json,
		},
		'token only in the body': {
			url: webhookUrl(),
			headers: json,
			body: JSON.stringify({
				...JSON.parse(body),
				token: E2E_WEBHOOK_TOKEN,
				'x-mavi-token': E2E_WEBHOOK_TOKEN,
			}),
		},
	};
	const answers = {};
	for (const [name, attempt] of Object.entries(attempts)) {
		const res = await rawPost(attempt.url, {
			headers: attempt.headers,
			body: attempt.body || body,
		});
		answers[name] = res.status;
		expect(res.text).not.toContain(E2E_WEBHOOK_TOKEN);
		expect(JSON.parse(res.text)).toEqual({ error: expect.any(String) });
	}
	expect(answers).toEqual(Object.fromEntries(Object.keys(attempts).map((name) => [name, 401])));
	await barrier(before + 1);
});

test('20 hostile bodies: only broken envelopes get a 4xx, and n8n keeps serving', async () => {
	const before = await countExecutions();
	const sample = hostileSample(20);
	const sent = await sendHostile(webhookUrl(`?token=${E2E_WEBHOOK_TOKEN}`), sample, {
		concurrency: 2,
	});
	expect(sent.results).toHaveLength(20);
	// Listed by name, so a failure shows which body got which answer.
	const wrong = sent.unexpected.map(
		(r) => `${r.name} (${r.verdict}): ${r.status} ${r.text.slice(0, 120)}`,
	);
	expect(wrong).toEqual([]);
	expect(sent.results.map((r) => r.text).join('\n')).not.toContain(E2E_WEBHOOK_TOKEN);
	expect((await fetch(`${n8n.state.url}/healthz`)).status).toBe(200);
	await barrier(before + sent.started + 1);
});

test('without a Webhook Token publishing fails with a clear error; the opt-in works', async () => {
	const tokenless = await client.createCredential({
		name: 'Mavi e2e (no webhook token)',
		apiKey: E2E_API_KEY,
		baseUrl: 'http://127.0.0.1:9/serve/api/v2',
	});
	const { workflow, webhookPath } = wf.triggerWorkflow({
		name: 'e2e: no token',
		credential: tokenless,
	});
	const created = await client.createWorkflow(workflow);
	// 2.x accepts the publish request, then reports the trigger's activation error; 1.x answers
	// the activation request with it.
	const failure = await client.publish(created.id).then(
		() => 'published',
		(error) => String(error.message),
	);
	process.stderr.write(`[no token] publishing without a Webhook Token: ${failure}\n`);
	expect(failure).toMatch(/trigger failed to activate: .*no Webhook Token/);
	const unprotected = await client.postWebhook(
		webhookPath,
		wf.transcriptionCallback(wf.randomTaskId()),
		{
			retryMs: 0,
		},
	);
	expect(unprotected.status).toBe(404);
	expect(await client.listExecutions(created.id)).toEqual([]);

	const optIn = await publishTrigger(client, {
		name: 'e2e: no token, opted in',
		credential: tokenless,
		parameters: { allowUnauthenticated: true },
	});
	const body = wf.transcriptionCallback(wf.randomTaskId());
	const res = await client.postWebhook(optIn.webhookPath, body);
	expect(res.status).toBe(200);
	const execution = await client.waitForExecutionWhere(
		optIn.id,
		(e) => (nodeItems(e, wf.TRIGGER_NAME) || [])[0]?.task_id === body.task_id,
	);
	expect(execution.status).toBe('success');
});

test('the token in the query, x-forwarded-uri, referer and the body reaches no execution data', async () => {
	const headersTrigger = await publishTrigger(client, {
		name: 'e2e: headers and raw payload',
		credential,
		parameters: { options: { includeHeaders: true, includeRawPayload: true } },
	});
	const path = `/webhook/${headersTrigger.webhookPath}?token=${E2E_WEBHOOK_TOKEN}`;
	const body = {
		...wf.transcriptionCallback(wf.randomTaskId()),
		echo: `?token=${E2E_WEBHOOK_TOKEN}`,
	};
	const res = await client.postWebhook(headersTrigger.webhookPath, body, {
		query: { token: E2E_WEBHOOK_TOKEN },
		headers: {
			'x-forwarded-uri': path,
			'x-original-uri': path,
			referer: `https://proxy.example${path}`,
			'x-mavi-token': E2E_WEBHOOK_TOKEN,
		},
	});
	expect(res.status).toBe(200);
	const execution = await client.waitForExecutionWhere(
		headersTrigger.id,
		(e) => (nodeItems(e, wf.TRIGGER_NAME) || [])[0]?.task_id === body.task_id,
	);
	const [first] = nodeItems(execution, wf.TRIGGER_NAME);
	expect(first.headers['x-forwarded-uri']).toMatch(/\?token=\[redacted\]$/);
	expect(first.headers.referer).toMatch(/\?token=\[redacted\]$/);
	expect(first.raw_payload.echo).toBe('?token=[redacted]');
	expect(JSON.stringify(await client.readExecution(execution.id))).not.toContain(E2E_WEBHOOK_TOKEN);
	const leaks = await secretLeaks(client, {
		logFile: n8n.state.logFile,
		workflowIds: [headersTrigger.id, trigger.id],
	});
	expect(leaks).toEqual([]);
});
