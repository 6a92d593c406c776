'use strict';
// Issue 6 against the real n8n: R3 (every way of not presenting the webhook token gets 401 and
// starts nothing) and a sample of R1 (malformed bodies get a 4xx, n8n keeps serving). The full
// 500-body run is `npm run test:stress`.
const { hostileSample, validCallback } = require('../../scripts/stress/hostile-bodies');
const { sendHostile } = require('../../scripts/stress/r1-hostile');
const { rawPost } = require('../../scripts/stress/http');
const { nodeItems } = require('./support/client');
const { publishTrigger } = require('./support/environment');
const { useN8n } = require('./support/instance');
const { E2E_API_KEY, E2E_WEBHOOK_TOKEN } = require('./support/secrets');
const wf = require('./support/workflows');

jest.setTimeout(120000);

let n8n;
let client;
let trigger; // { id, webhookPath }

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
	const credential = await client.createCredential({
		name: 'Mavi e2e (reliability)',
		apiKey: E2E_API_KEY,
		baseUrl: 'http://127.0.0.1:9/serve/api/v2',
		webhookToken: E2E_WEBHOOK_TOKEN,
	});
	trigger = await publishTrigger(client, { name: 'e2e R1/R3: trigger', credential });
});

afterAll(async () => {
	if (n8n) await n8n.close();
});

test('R3: missing, wrong, other-length and body-only tokens get 401 and start no execution', async () => {
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

test('R1 sample: 20 malformed bodies get a 4xx, start no execution, and n8n keeps serving', async () => {
	const before = await countExecutions();
	const sample = hostileSample(20);
	const sent = await sendHostile(webhookUrl(`?token=${E2E_WEBHOOK_TOKEN}`), sample, {
		concurrency: 2,
	});
	expect(sent.results).toHaveLength(20);
	// Listed by name, so a failure shows which body got which answer.
	const notRejected = sent.results
		.filter((r) => r.status < 400 || r.status > 499)
		.map((r) => `${r.name}: ${r.status} ${r.text.slice(0, 120)}`);
	// The one allowed exception: an envelope that parses but is no transcript is "ignored" (200).
	expect(notRejected.filter((line) => !line.includes('"ignored":true'))).toEqual([]);
	expect(sent.results.map((r) => r.text).join('\n')).not.toContain(E2E_WEBHOOK_TOKEN);
	expect((await fetch(`${n8n.state.url}/healthz`)).status).toBe(200);
	await barrier(before + 1);
});
