import crypto from 'crypto';

import { callWebhook, fakeWebhookFunctions, freshWorkflowId, trigger } from './fakeWebhook';
import { documentedCallback } from './fixtures';

const CONFIGURED_VALUE = 'mavi-webhook-secret-7f3a9c';
const credentials = { apiKey: 'sk-mavi-test', webhookToken: CONFIGURED_VALUE };

async function withToken(request: Parameters<typeof callWebhook>[0]) {
	return await callWebhook({
		body: documentedCallback(),
		credentials,
		workflowId: freshWorkflowId(),
		...request,
	});
}

function expectUnauthorized(outcome: Awaited<ReturnType<typeof callWebhook>>) {
	expect(outcome.status).toBe(401);
	expect(outcome.executionStarted).toBe(false);
	expect(outcome.items).toHaveLength(0);
	expect(outcome.response).toEqual({ error: expect.any(String) });
	expect(JSON.stringify(outcome.response)).not.toContain(CONFIGURED_VALUE);
}

describe('webhook(): authentication with the credential Webhook Token', () => {
	it('accepts the right token in the query', async () => {
		const outcome = await withToken({ query: { token: CONFIGURED_VALUE } });
		expect(outcome.executionStarted).toBe(true);
		expect(outcome.items).toHaveLength(1);
	});

	it('accepts the right token in the x-mavi-token header', async () => {
		const outcome = await withToken({ query: {}, headers: { 'x-mavi-token': CONFIGURED_VALUE } });
		expect(outcome.items).toHaveLength(1);
	});

	it('missing token: 401, no execution', async () => {
		expectUnauthorized(await withToken({}));
	});

	it('wrong token of the same length: 401', async () => {
		const wrong = CONFIGURED_VALUE.slice(0, -1) + (CONFIGURED_VALUE.endsWith('c') ? 'd' : 'c');
		expectUnauthorized(await withToken({ query: { token: wrong } }));
	});

	it('token of a different length: 401', async () => {
		expectUnauthorized(await withToken({ query: { token: `${CONFIGURED_VALUE}x` } }));
		expectUnauthorized(await withToken({ query: { token: CONFIGURED_VALUE.slice(0, 3) } }));
		expectUnauthorized(await withToken({ query: {}, headers: { 'x-mavi-token': '' } }));
	});

	it('token only in the body: 401', async () => {
		expectUnauthorized(
			await withToken({ body: { ...documentedCallback(), token: CONFIGURED_VALUE } }),
		);
	});

	it('more than one token candidate: 401 and nothing starts, even when one is right', async () => {
		const guesses = Array.from({ length: 1000 }, (_, i) => `guess-${i}`);
		for (const request of [
			{ query: { token: ['nope', CONFIGURED_VALUE] } },
			{ query: { token: [...guesses, CONFIGURED_VALUE] } },
			{ query: { token: [CONFIGURED_VALUE, CONFIGURED_VALUE] } },
			{ query: { token: CONFIGURED_VALUE }, headers: { 'x-mavi-token': 'nope' } },
			{ query: { token: 'nope' }, headers: { 'x-mavi-token': CONFIGURED_VALUE } },
		]) {
			const outcome = await withToken(request);
			expectUnauthorized(outcome);
			expect(outcome.logLines).toEqual([
				expect.stringMatching(/HTTP 401: More than one webhook token in the request/),
			]);
		}
		const same = await withToken({
			query: { token: CONFIGURED_VALUE },
			headers: { 'x-mavi-token': CONFIGURED_VALUE },
		});
		expect(same.items).toHaveLength(1);
	});

	describe('a token with +, / and = (openssl rand -base64)', () => {
		const base64Like = 'Zm9v+YmFy/YmF6=Qux9Lw==';
		const withBase64Token = (request: Parameters<typeof callWebhook>[0]) =>
			withToken({ credentials: { apiKey: 'k', webhookToken: base64Like }, ...request });

		it.each([
			['in the header', { query: {}, headers: { 'x-mavi-token': base64Like } }],
			// n8n hands the node the decoded query: %2B%2F%3D arrive as + / =.
			['percent-encoded in the query', { query: { token: base64Like } }],
			// A raw + in a query string is a space once form-decoded; it is read as the + it was.
			[
				'raw in the query (the + arrives as a space)',
				{ query: { token: base64Like.replace('+', ' ') } },
			],
			[
				'in the query and the header, the query form-decoded',
				{ query: { token: base64Like.replace('+', ' ') }, headers: { 'x-mavi-token': base64Like } },
			],
		])('authenticates %s', async (_name, request) => {
			expect((await withBase64Token(request)).items).toHaveLength(1);
		});

		it('a wrong one is still refused', async () => {
			expectUnauthorized(await withBase64Token({ query: { token: base64Like.replace('/', '_') } }));
			expectUnauthorized(await withBase64Token({ query: { token: base64Like.slice(0, -1) } }));
		});
	});

	it('a credential token shorter than 16 characters (set after publishing) starts nothing', async () => {
		const short = 'abc123';
		const outcome = await withToken({
			credentials: { apiKey: 'k', webhookToken: short },
			query: { token: short },
		});
		expectUnauthorized(outcome);
		expect(outcome.logLines).toEqual([
			expect.stringMatching(/HTTP 401: The Webhook Token .* shorter than 16 characters/),
		]);
	});

	it('a token in a non-string form (object) is rejected', async () => {
		expectUnauthorized(await withToken({ query: { token: { value: CONFIGURED_VALUE } } }));
	});

	it('a wrong token is rejected before the body is looked at', async () => {
		expectUnauthorized(await withToken({ body: 'not json', query: { token: 'nope' } }));
	});

	it('the token never appears in the items', async () => {
		const outcome = await withToken({
			query: { token: CONFIGURED_VALUE },
			headers: { 'x-mavi-token': CONFIGURED_VALUE },
			parameters: { options: { includeHeaders: true, includeRawPayload: true } },
		});
		expect(outcome.items).toHaveLength(1);
		expect(JSON.stringify(outcome.items)).not.toContain(CONFIGURED_VALUE);
	});

	it('rule 5: no Webhook Token in the credential: 401 and a log line, unless the opt-in is on', async () => {
		const request = {
			body: documentedCallback(),
			credentials: { apiKey: 'sk-mavi-test', webhookToken: '  ' },
			query: {},
		};
		const refused = await callWebhook({ ...request, workflowId: freshWorkflowId() });
		expectUnauthorized(refused);
		expect(refused.logLines).toEqual([
			expect.stringMatching(/^warn: .*HTTP 401: .*no Webhook Token.*Allow Callbacks Without Token/),
		]);
		const allowed = await callWebhook({
			...request,
			parameters: { allowUnauthenticated: true },
			workflowId: freshWorkflowId(),
		});
		expect(allowed.items).toHaveLength(1);
	});

	it('rule 4: a rejected token is logged without the token or the body', async () => {
		const outcome = await withToken({ query: { token: `${CONFIGURED_VALUE}-wrong` } });
		expect(outcome.logLines).toEqual([
			expect.stringMatching(/^warn: .*HTTP 401: Missing or wrong webhook token \(no task_id\)$/),
		]);
		expect(outcome.logLines.join('\n')).not.toContain(CONFIGURED_VALUE);
		expect(outcome.logLines.join('\n')).not.toContain('ASR transcription');
	});

	it('rule 6: the token is scrubbed by value from every header, the query and the raw payload', async () => {
		const url = `/webhook/abc/mavi?token=${CONFIGURED_VALUE}`;
		const outcome = await withToken({
			query: { token: CONFIGURED_VALUE, next: `x${CONFIGURED_VALUE}` },
			headers: {
				'x-forwarded-uri': url,
				'x-original-uri': url,
				referer: `https://proxy.example${url}`,
				[`x-${CONFIGURED_VALUE}`]: '1',
			},
			body: { ...documentedCallback(), note: `token=${CONFIGURED_VALUE}` },
			parameters: { options: { includeHeaders: true, includeRawPayload: true } },
		});
		expect(outcome.items).toHaveLength(1);
		const json = outcome.items[0].json as Record<string, Record<string, unknown>>;
		expect(JSON.stringify(outcome.items)).not.toContain(CONFIGURED_VALUE);
		expect(json.headers['x-forwarded-uri']).toBe('/webhook/abc/mavi?token=[redacted]');
		expect(json.headers.referer).toBe('https://proxy.example/webhook/abc/mavi?token=[redacted]');
		expect(json.query).toEqual({ next: 'x[redacted]' });
		expect(json.raw_payload.note).toBe('token=[redacted]');
	});

	it('the token is scrubbed in every encoding from headers, query, raw payload and segments', async () => {
		const base64Like = 'Zm9v+YmFy/YmF6=Qux9Lw==';
		const encoded = encodeURIComponent(base64Like);
		const lowerHex = encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
		const body = documentedCallback() as { data: { data: { data: Array<{ text: string }> } } };
		body.data.data.data[0].text = `see ${lowerHex}`;
		const text = JSON.stringify({ ...body, note: `token=${encoded}` });
		const basic = Buffer.from(`mavi:${base64Like}`).toString('base64');
		const outcome = await withToken({
			credentials: { apiKey: 'k', webhookToken: base64Like },
			query: { token: base64Like, next: base64Like.replace('+', ' ') },
			headers: {
				'x-original-uri': `/webhook/abc/mavi?token=${encoded}`,
				'x-forwarded-uri': `/webhook/abc/mavi?token=${base64Like}`,
				referer: `https://proxy.example/mavi?token=${encodeURIComponent(encoded)}`,
				'x-upstream-authorization': `Basic ${basic}`,
			},
			body: JSON.parse(text) as Record<string, unknown>,
			rawBody: Buffer.from(text),
			parameters: { options: { includeHeaders: true, includeRawPayload: true } },
		});
		expect(outcome.items).toHaveLength(1);
		const json = outcome.items[0].json as Record<string, Record<string, unknown>>;
		expect(json.headers['x-original-uri']).toBe('/webhook/abc/mavi?token=[redacted]');
		expect(json.headers['x-forwarded-uri']).toBe('/webhook/abc/mavi?token=[redacted]');
		expect(json.headers.referer).toBe('https://proxy.example/mavi?token=[redacted]');
		expect(json.headers['x-upstream-authorization']).toContain('[redacted]');
		expect(json.query).toEqual({ next: '[redacted]' });
		expect(json.raw_payload.note).toBe('token=[redacted]');
		expect(outcome.items[0].json.text).toBe('see [redacted]');
		const all = JSON.stringify(outcome.items);
		for (const form of [base64Like, encoded, lowerHex, basic.slice(8, 28)]) {
			expect(all).not.toContain(form);
		}
	});

	it('a task_id that holds the token is redacted before it is cut in the log line', async () => {
		const taskId = `${'0'.repeat(70)}${CONFIGURED_VALUE}`;
		const outcome = await withToken({
			query: { token: CONFIGURED_VALUE },
			body: { ...documentedCallback(), task_id: taskId },
			parameters: { taskIds: 'someothertask' },
		});
		expect(outcome.logLines).toHaveLength(1);
		expect(outcome.logLines[0]).toContain('[redacted]');
		expect(outcome.logLines[0]).not.toContain(CONFIGURED_VALUE.slice(0, 8));
	});

	it.each([
		['verbatim', (value: string) => value],
		[
			'through a JSON escape',
			(value: string) => `\\u${value.charCodeAt(0).toString(16).padStart(4, '0')}${value.slice(1)}`,
		],
	])("with n8n's raw bytes, a token in the body %s is still scrubbed", async (_name, encode) => {
		const text = JSON.stringify({ ...documentedCallback(), note: 'TOKEN' }).replace(
			'TOKEN',
			encode(CONFIGURED_VALUE),
		);
		const body = JSON.parse(text) as Record<string, unknown>;
		expect(body.note).toBe(CONFIGURED_VALUE);
		const outcome = await withToken({
			query: { token: CONFIGURED_VALUE },
			body,
			rawBody: Buffer.from(text),
			parameters: { options: { includeRawPayload: true } },
		});
		expect(JSON.stringify(outcome.items)).not.toContain(CONFIGURED_VALUE);
	});

	it('a segment text holding the token is scrubbed too', async () => {
		const body = documentedCallback() as { data: { data: { data: Array<{ text: string }> } } };
		body.data.data.data[0].text = `say ${CONFIGURED_VALUE} twice ${CONFIGURED_VALUE}`;
		const outcome = await withToken({ query: { token: CONFIGURED_VALUE }, body });
		expect(outcome.items[0].json.text).toBe('say [redacted] twice [redacted]');
	});

	it('surrounding whitespace in the credential field is ignored', async () => {
		const outcome = await withToken({
			credentials: { apiKey: 'k', webhookToken: `  ${CONFIGURED_VALUE}\n` },
			query: { token: CONFIGURED_VALUE },
		});
		expect(outcome.items).toHaveLength(1);
	});

	it('a credential that cannot be loaded gives a JSON 500, no execution, and is logged', async () => {
		const { context, sent, errors } = fakeWebhookFunctions({
			body: documentedCallback(),
			credentials: null,
		});
		const result = await trigger.webhook.call(context);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(sent.status).toBe(500);
		expect(sent.body).toEqual({ error: expect.any(String) });
		expect(errors).toHaveLength(1);
	});

	it('compares with crypto.timingSafeEqual', async () => {
		const spy = jest.spyOn(crypto, 'timingSafeEqual');
		try {
			await withToken({ query: { token: 'wrong-and-much-longer-than-the-secret-itself' } });
			expect(spy).toHaveBeenCalled();
			for (const [a, b] of spy.mock.calls) {
				expect((a as Buffer).length).toBe(32);
				expect((b as Buffer).length).toBe(32);
			}
		} finally {
			spy.mockRestore();
		}
	});
});

describe('the node description', () => {
	it('keeps the token in the credential, never in a node parameter', () => {
		const names = trigger.description.properties.map((property) => property.name);
		expect(names.some((name) => /token|secret/i.test(name) && name !== 'tokenNotice')).toBe(false);
		expect(trigger.description.credentials).toEqual([{ name: 'maviApi', required: true }]);
	});
});
