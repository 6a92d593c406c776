'use strict';
// Every item's input is checked before the node's first request, in the real n8n: a batch with
// one malformed item (On Error: Stop) sends Mavi nothing, so no paid result of the items before
// it is thrown away, and the error names the item and the field.
const { useMaviEnvironment } = require('./support/environment');
const wf = require('../../tools/n8n-harness/workflows');

jest.setTimeout(120000);

let env; // { n8n, client, simulator, credential }

beforeAll(async () => {
	env = await useMaviEnvironment({
		label: 'checkedBeforeSending',
		credentialName: 'Mavi e2e (checked before sending)',
	});
});

afterAll(async () => {
	if (env) await env.simulator.stop();
	if (env) await env.n8n.close();
});

test('Start with items [ok, ok, malformed Asset ID], On Error: Stop: no request, the error names item 2 and the field', async () => {
	const ids = ['re_100000000000000001', 're_100000000000000002', 'asset-42'];
	const nodes = [
		wf.node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		wf.node('Items', 'n8n-nodes-base.code', 2, 220, {
			jsCode: `return ${JSON.stringify(ids.map((id) => ({ json: { assetId: id } })))};`,
		}),
		wf.node(
			'Start',
			'n8n-nodes-mavi.maviTranscribe',
			1,
			440,
			{ ...wf.startStep().parameters, assetId: '={{ $json.assetId }}' },
			{ credentials: { maviApi: { id: env.credential.id, name: env.credential.name } } },
		),
	];
	const created = await env.client.createWorkflow(
		wf.linearWorkflow('e2e: a malformed item sends nothing', nodes),
	);
	const before = env.simulator.stats().requests;
	const execution = await env.client.runManual(created.id);

	expect(env.simulator.stats().requests - before).toBe(0);
	const { error } = execution.data.resultData;
	expect(error.message).toMatch(/"Asset ID" field must look like re_123456789/);
	expect(error.context.itemIndex).toBe(2);
});
