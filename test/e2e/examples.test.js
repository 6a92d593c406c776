'use strict';
// Every examples/*.json imports into the real n8n with known node types and versions;
// the action examples run and the trigger examples publish and process callbacks.
const fs = require('node:fs');

const { nodeItems } = require('../../tools/n8n-harness/client');
const { loadExamples, prepareExample, triggerWebhookPath } = require('../../tools/n8n-harness/examples');
const { useMaviEnvironment } = require('./support/environment');
const { secretLeaks } = require('./support/leaks');
const { E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const { makeWav } = require('../../tools/mavi-simulator/wav');
const { transcriptionCallback, randomTaskId } = require('../../tools/n8n-harness/workflows');

jest.setTimeout(120000);

const examples = loadExamples();
const byFile = (file) => examples.find((example) => example.file === file).workflow;

let n8n;
let client;
let simulator;
let credential;
let simulatorLog;
let nodeTypes; // name -> supported versions
const workflowIds = [];

async function create(workflow) {
	const created = await client.createWorkflow(workflow);
	workflowIds.push(created.id);
	return created.id;
}

function prepared(file) {
	return prepareExample(byFile(file), { credential, filesDir: n8n.state.filesDir });
}

beforeAll(async () => {
	({ n8n, client, simulator, simulatorLog, credential } = await useMaviEnvironment({
		label: 'examples',
		credentialName: 'Mavi e2e (examples)',
	}));
	const types = await client.request('GET', '/types/nodes.json', {
		headers: { cookie: client.cookie },
	});
	nodeTypes = new Map();
	for (const type of types.body) {
		const versions = Array.isArray(type.version) ? type.version : [type.version];
		nodeTypes.set(type.name, [...(nodeTypes.get(type.name) || []), ...versions]);
	}
	fs.writeFileSync(n8n.filePath('meeting.wav'), makeWav({ seconds: 6 }));
});

afterAll(async () => {
	if (simulator) await simulator.stop();
	if (n8n) await n8n.close();
});

test('there are at least the four documented examples', () => {
	expect(examples.map((example) => example.file)).toEqual(
		expect.arrayContaining([
			'upload-and-start-transcription.json',
			'transcribe-and-wait-srt.json',
			'trigger-segments-filter-speaker.json',
			'trigger-remove-duplicates.json',
		]),
	);
});

test.each(examples.map((example) => [example.file]))(
	'%s imports as is, with known node types',
	async (file) => {
		const id = await create(byFile(file));
		const stored = await client.getWorkflow(id);
		expect(stored.nodes).toHaveLength(byFile(file).nodes.length);
		for (const node of stored.nodes) {
			expect({ node: node.name, versions: nodeTypes.get(node.type) }).toEqual({
				node: node.name,
				versions: expect.arrayContaining([node.typeVersion]),
			});
		}
	},
);

test('"upload and start" runs: asset_id and task_id', async () => {
	simulator.setWebhookUrl(`${n8n.state.url}/webhook/not-listening/mavi`);
	const execution = await client.runManual(
		await create(prepared('upload-and-start-transcription.json')),
	);
	expect(execution.status).toBe('success');
	expect(nodeItems(execution, 'Upload to Mavi')[0].asset_id).toMatch(/^re_\d+$/);
	expect(nodeItems(execution, 'Start transcription')[0].task_id).toMatch(/^[0-9a-f]{32}$/);
});

test('"transcribe and wait" runs and writes the SRT and WebVTT files', async () => {
	const srtPath = n8n.filePath('meeting.srt');
	fs.rmSync(srtPath, { force: true });
	fs.rmSync(n8n.filePath('meeting.vtt'), { force: true });
	const execution = await client.runManual(await create(prepared('transcribe-and-wait-srt.json')));
	expect(execution.status).toBe('success');
	expect(nodeItems(execution, 'Transcribe and wait')[0].srt).toEqual(expect.any(String));
	expect(fs.readFileSync(srtPath, 'utf8')).toMatch(
		/^1\r?\n\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}\r?\n/,
	);
	// Attach Subtitle Files: the WebVTT file is written too, no Convert to File step.
	expect(fs.readFileSync(n8n.filePath('meeting.vtt'), 'utf8')).toMatch(
		/^WEBVTT\n\n\d\d:\d\d:\d\d\.\d{3} --> /,
	);
});

test('"filter by speaker" publishes and keeps only SPEAKER_00 segments', async () => {
	const workflow = prepared('trigger-segments-filter-speaker.json');
	const id = await create(workflow);
	await client.publish(id);
	const segments = ['SPEAKER_00', 'SPEAKER_01', 'SPEAKER_00'].map((speaker, i) => ({
		start_time: i * 2,
		end_time: i * 2 + 2,
		text: ` line ${i}`,
		speaker,
	}));
	const res = await client.postWebhook(
		triggerWebhookPath(workflow),
		transcriptionCallback(randomTaskId(), segments),
		{
			query: { token: E2E_WEBHOOK_TOKEN },
		},
	);
	expect(res.status).toBe(200);
	const [execution] = await client.waitForExecutions(id, 1);
	expect(nodeItems(execution, 'Mavi Transcription Trigger')).toHaveLength(3);
	expect(nodeItems(execution, 'Only SPEAKER_00').map((item) => item.text)).toEqual([
		'line 0',
		'line 2',
	]);
	await client.unpublish(id);
});

test('"remove duplicates" publishes and splits one transcript into its segments', async () => {
	const workflow = prepared('trigger-remove-duplicates.json');
	const id = await create(workflow);
	await client.publish(id);
	const taskId = randomTaskId();
	const segments = [0, 1].map((i) => ({
		start_time: i,
		end_time: i + 1,
		text: `part ${i}`,
		speaker: null,
	}));
	const res = await client.postWebhook(
		triggerWebhookPath(workflow),
		transcriptionCallback(taskId, segments),
		{
			query: { token: E2E_WEBHOOK_TOKEN },
		},
	);
	expect(res.status).toBe(200);
	const [execution] = await client.waitForExecutions(id, 1);
	expect(nodeItems(execution, 'Remove Duplicates')).toEqual([
		expect.objectContaining({ task_id: taskId }),
	]);
	expect(nodeItems(execution, 'One item per segment')).toHaveLength(2);
	await client.unpublish(id);
});

test('no API key or webhook token in n8n log, simulator log or these executions', async () => {
	const otherLogs = [simulatorLog];
	expect(await secretLeaks(client, { logFile: n8n.state.logFile, workflowIds, otherLogs })).toEqual(
		[],
	);
});
