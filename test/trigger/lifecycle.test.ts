import { NodeOperationError } from 'n8n-workflow';

import { scopeCount } from '../../nodes/Mavi/trigger/dedupe';

import type { MaviTranscriptionTrigger } from '../../nodes/Mavi/MaviTranscriptionTrigger.node';

import {
	callWebhook,
	FAKE_WEBHOOK_VALUE,
	fakeHookFunctions,
	fakeWebhookFunctions,
	freshWorkflowId,
	trigger,
} from './fakeWebhook';
import { documentedCallback, speakerSegments, transcriptionCallback } from './fixtures';

const taskId = (n: number): string => n.toString(16).padStart(32, '0');

const methods = trigger.webhookMethods.default;
const ROTATED_VALUE = 'rotated-value-0123456789';
const url = 'http://localhost:5678/webhook/abc/mavi';

describe('rule 5: activation refuses a trigger that would accept anyone', () => {
	it('no Webhook Token and no opt-in: create() throws a NodeOperationError saying what to set', async () => {
		const hook = fakeHookFunctions({
			workflowId: freshWorkflowId(),
			mode: 'trigger',
			url,
			credentials: { apiKey: 'k', webhookToken: ' ' },
		});
		const attempt = methods.create.call(hook);
		await expect(attempt).rejects.toBeInstanceOf(NodeOperationError);
		await expect(methods.create.call(hook)).rejects.toThrow(/no Webhook Token/);
		expect(await methods.checkExists.call(hook)).toBe(false);
	});

	it('with "Allow Callbacks Without Token" on, or with a token, it activates', async () => {
		const optIn = fakeHookFunctions({
			workflowId: freshWorkflowId(),
			mode: 'trigger',
			url,
			credentials: { apiKey: 'k', webhookToken: '' },
			parameters: { allowUnauthenticated: true },
		});
		await expect(methods.create.call(optIn)).resolves.toBe(true);
		const withToken = fakeHookFunctions({ workflowId: freshWorkflowId(), mode: 'trigger', url });
		await expect(methods.create.call(withToken)).resolves.toBe(true);
	});
});

describe('activation refuses a Webhook Token short enough to guess', () => {
	const activate = (webhookToken: string, parameters = {}) =>
		methods.create.call(
			fakeHookFunctions({
				workflowId: freshWorkflowId(),
				mode: 'trigger',
				url,
				credentials: { apiKey: 'k', webhookToken },
				parameters,
			}),
		);

	it.each([['abc'], ['0123456789abcde'], ['  0123456789abcde  ']])(
		'%j: create() throws, saying how to make a good one',
		async (webhookToken) => {
			const attempt = activate(webhookToken);
			await expect(attempt).rejects.toBeInstanceOf(NodeOperationError);
			await expect(activate(webhookToken)).rejects.toThrow(/shorter than 16 characters/);
			const error = (await activate(webhookToken).catch((e: unknown) => e)) as NodeOperationError;
			expect(error.description).toContain('openssl rand -hex 32');
			expect(`${error.message} ${error.description}`).not.toContain(webhookToken.trim());
		},
	);

	it('"Allow Callbacks Without Token" does not let a short token through', async () => {
		await expect(activate('abc', { allowUnauthenticated: true })).rejects.toThrow(
			/shorter than 16/,
		);
	});

	it('16 characters activate', async () => {
		await expect(activate('0123456789abcdef')).resolves.toBe(true);
	});
});

describe('rule 8: the Webhook Token is read once per TOKEN_CACHE_MS per credential', () => {
	it('a second callback reuses the token; publishing again reads it afresh', async () => {
		const credentialId = `cred-${freshWorkflowId()}`;
		// The workflow's static data, as n8n saves it on activation and loads it for each callback.
		const staticData = {};
		const request = { body: documentedCallback(), credentialId, staticData };
		const first = await callWebhook({ ...request, workflowId: freshWorkflowId() });
		expect(first.executionStarted).toBe(true);
		// The credential changed: within the cache lifetime the old token still counts...
		const rotated = { apiKey: 'k', webhookToken: ROTATED_VALUE };
		const second = await callWebhook({
			...request,
			credentials: rotated,
			workflowId: freshWorkflowId(),
		});
		expect(second.executionStarted).toBe(true);
		// ...until the workflow is published again.
		const hook = fakeHookFunctions({
			workflowId: freshWorkflowId(),
			mode: 'trigger',
			url,
			credentials: rotated,
			credentialId,
			staticData,
		});
		await methods.create.call(hook);
		const third = await callWebhook({
			...request,
			credentials: rotated,
			workflowId: freshWorkflowId(),
		});
		expect(third.status).toBe(401);
		const fourth = await callWebhook({
			...request,
			credentials: rotated,
			query: { token: ROTATED_VALUE },
			workflowId: freshWorkflowId(),
		});
		expect(fourth.executionStarted).toBe(true);
		expect(FAKE_WEBHOOK_VALUE).not.toBe(ROTATED_VALUE);
	});
});

describe('queue mode: a republish on the main process makes a new token count at once in a webhook process', () => {
	// A second copy of the node's modules stands for an `n8n webhook` process: its own token cache,
	// no create() of its own. What it shares with the main process is what n8n shares: the
	// credential and the workflow's static data, both read from the database for each callback.
	function webhookProcess(): MaviTranscriptionTrigger {
		let node: MaviTranscriptionTrigger | undefined;
		jest.isolateModules(() => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const isolated = require('../../nodes/Mavi/MaviTranscriptionTrigger.node') as {
				MaviTranscriptionTrigger: typeof MaviTranscriptionTrigger;
			};
			node = new isolated.MaviTranscriptionTrigger();
		});
		return node as MaviTranscriptionTrigger;
	}

	it('the old token gets 401 and the new one starts the workflow, without waiting for the cache', async () => {
		const webhook = webhookProcess();
		const workflowId = freshWorkflowId();
		const credentialId = `cred-${workflowId}`;
		const staticData = {};
		let stored = { apiKey: 'k', webhookToken: FAKE_WEBHOOK_VALUE };
		const publish = () =>
			methods.create.call(
				fakeHookFunctions({
					workflowId,
					mode: 'trigger',
					url,
					credentials: stored,
					credentialId,
					staticData,
				}),
			);
		const deliver = async (value: string) => {
			const { context, sent } = fakeWebhookFunctions({
				body: documentedCallback(),
				query: { token: value },
				credentials: stored,
				credentialId,
				staticData,
				workflowId: freshWorkflowId(),
			});
			const result = await webhook.webhook.call(context);
			return result.workflowData !== undefined ? 'started' : sent.status;
		};

		await publish();
		expect(await deliver(FAKE_WEBHOOK_VALUE)).toBe('started');
		stored = { apiKey: 'k', webhookToken: ROTATED_VALUE };
		// Changed in the credential only: the webhook process still serves its cached token.
		expect(await deliver(FAKE_WEBHOOK_VALUE)).toBe('started');
		await publish();
		expect(await deliver(FAKE_WEBHOOK_VALUE)).toBe(401);
		expect(await deliver(ROTATED_VALUE)).toBe('started');
	});
});

describe('webhookMethods: local state only', () => {
	const productionUrl = 'http://localhost:5678/webhook/abc/mavi';
	const testUrl = 'http://localhost:5678/webhook-test/abc/mavi';

	it('create registers the webhook; checkExists sees it; delete clears it and the memory', async () => {
		const workflowId = freshWorkflowId();
		const methods = trigger.webhookMethods.default;
		const activate = fakeHookFunctions({ workflowId, mode: 'trigger', url: productionUrl });
		expect(await methods.checkExists.call(activate)).toBe(false);
		expect(await methods.create.call(activate)).toBe(true);
		expect(await methods.checkExists.call(activate)).toBe(true);

		const body = transcriptionCallback(taskId(20), speakerSegments(1));
		await callWebhook({ body, workflowId });
		expect((await callWebhook({ body, workflowId })).response).toMatchObject({ duplicate: true });

		// Stopping a test listen (n8n calls delete with mode 'internal') leaves production alone.
		const listen = fakeHookFunctions({ workflowId, mode: 'manual', url: testUrl });
		await methods.create.call(listen);
		const stopListening = fakeHookFunctions({
			workflowId,
			mode: 'internal',
			url: testUrl,
		});
		expect(await methods.delete.call(stopListening)).toBe(true);
		expect((await callWebhook({ body, workflowId })).response).toMatchObject({ duplicate: true });

		const scopesBefore = scopeCount();
		const deactivate = fakeHookFunctions({
			workflowId,
			mode: 'internal',
			url: productionUrl,
		});
		expect(await methods.delete.call(deactivate)).toBe(true);
		expect(scopeCount()).toBe(scopesBefore - 1);
		expect(await methods.checkExists.call(activate)).toBe(false);
		expect((await callWebhook({ body, workflowId })).executionStarted).toBe(true);
	});

	it('delete of a webhook this process never created changes nothing and does not throw', async () => {
		const hook = fakeHookFunctions({
			workflowId: freshWorkflowId(),
			mode: 'internal',
			url: productionUrl,
		});
		await expect(trigger.webhookMethods.default.delete.call(hook)).resolves.toBe(true);
	});
});
