import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	beginTry,
	createOnce,
	endTry,
	rememberedRuns,
} from '../../nodes/Mavi/transport/answerRecord';

// The record of creating requests' answers, driven the way the router drives it, with a stand-in
// for n8n's execute context. The real n8n retry loop is in retryOnFail.test.ts.
const node = { id: 'n1', name: 'Mavi', retryOnFail: true, maxTries: 3 };

/** A fresh context per try, as n8n builds one per run of the node. */
function context(executionId: string, settings: object = {}): IExecuteFunctions {
	return {
		getNode: () => ({ ...node, ...settings }),
		getExecutionId: () => executionId,
		getWorkflowDataProxy: () => ({ $runIndex: 0 }),
	} as unknown as IExecuteFunctions;
}

const lostAnswer = () =>
	new NodeApiError(
		{ id: 'n1', name: 'Mavi' } as never,
		{ message: 'lost', kind: 'lost' },
		{ itemIndex: 0 },
	);
const turnedAway = () =>
	new NodeApiError(
		{ id: 'n1', name: 'Mavi' } as never,
		{ message: 'limit', kind: 'limited' },
		{ itemIndex: 0 },
	);
const errorItem: INodeExecutionData[] = [{ json: { error: 'x' } }];

/** One try of one item: how many times `send` ran, and what the item got. */
async function tryOnce(ctx: IExecuteFunctions, send: () => Promise<unknown>) {
	beginTry.call(ctx);
	let sent = 0;
	const outcome = await createOnce
		.call(ctx, 0, 'POST /x', async () => {
			sent++;
			return await send();
		})
		.then(
			(data) => ({ data }),
			(error: unknown) => ({ error }),
		);
	endTry.call(ctx, 'error' in outcome ? undefined : errorItem);
	return { sent, outcome };
}

let now = 1_000_000;
beforeEach(() => {
	jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

it('a maybe-processed error is replayed, the same instance; a not-processed one is sent again', async () => {
	const lost = lostAnswer();
	const first = await tryOnce(context('e-lost'), async () => await Promise.reject(lost));
	const second = await tryOnce(context('e-lost'), async () => 'sent again');
	expect([first.sent, second.sent]).toEqual([1, 0]);
	expect(second.outcome).toEqual({ error: lost });

	await tryOnce(context('e-limit'), async () => await Promise.reject(turnedAway()));
	const resent = await tryOnce(context('e-limit'), async () => 'ok');
	expect(resent).toEqual({ sent: 1, outcome: { data: 'ok' } });
});

it('a replayed answer is a copy: what the node does with it cannot change the next replay', async () => {
	const first = await tryOnce(context('e-copy'), async () => ({ task_id: 't1' }));
	(first.outcome as { data: { task_id: string } }).data.task_id = 'changed';
	const second = await tryOnce(context('e-copy'), async () => ({ task_id: 't2' }));
	expect(second).toEqual({ sent: 0, outcome: { data: { task_id: 't1' } } });
});

it('forgets a run after its last try, and keeps nothing without Retry On Fail or an execution ID', async () => {
	const before = rememberedRuns();
	for (let i = 0; i < 3; i++) await tryOnce(context('e-last'), async () => 'x');
	await tryOnce(context('e-off', { retryOnFail: false }), async () => 'x');
	await tryOnce(context(''), async () => 'x');
	expect(rememberedRuns()).toBe(before);
});

it('forgets a run idle for more than 6 hours, and keeps at most 1000 runs', async () => {
	await tryOnce(context('e-idle'), async () => 'first');
	now += 6 * 3600_000 + 1;
	for (let i = 0; i < 1001; i++) beginTry.call(context(`e-many-${i}`));
	expect(rememberedRuns()).toBe(1000);
	const again = await tryOnce(context('e-idle'), async () => 'sent again');
	expect(again.sent).toBe(1);
});
