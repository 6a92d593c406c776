'use strict';
// In a real n8n, against the simulator answering in Mavi's documented shapes: Recognize Named
// Speakers and Summarize reach the trigger, Speaker Names rename every output, and Transcribe
// From URL sends the provider options (PII redaction, Additional Provider Fields) and spaces
// Japanese as the provider does.
const { startMediaServer } = require('../support/mediaServer');
const { nodeItems } = require('../../tools/n8n-harness/client');
const { publishTrigger, uploadReadyAsset, useMaviEnvironment } = require('./support/environment');
const { E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const { makeWav } = require('../../tools/mavi-simulator/wav');
const wf = require('../../tools/n8n-harness/workflows');

jest.setTimeout(180000);

const TRANSCRIBE = 'n8n-nodes-mavi.maviTranscribe';
const NAMES = 'SPEAKER_00=Alice, SPEAKER_01=Bob';

let n8n;
let client;
let simulator;
let credential;
let media;
let assetId;
let trigger; // version 1.2 as the editor adds it now: Include Summaries not set, so on
let namedTrigger; // Output Transcript with Speaker Names

const triggerItems = (execution) => nodeItems(execution, wf.TRIGGER_NAME);

/** Manual Trigger -> one Mavi Transcribe node; returns the successful execution. */
async function runOne(parameters) {
	const manual = wf.node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {});
	const mavi = wf.node('Mavi', TRANSCRIBE, 1, 220, parameters, {
		credentials: { maviApi: { id: credential.id, name: credential.name } },
	});
	const created = await client.createWorkflow(
		wf.linearWorkflow(`e2e: ${parameters.operation}`, [manual, mavi]),
	);
	const execution = await client.runManual(created.id);
	const error = execution.data.resultData.error;
	expect({ status: execution.status, error: error && error.message }).toEqual({
		status: 'success',
		error: undefined,
	});
	return nodeItems(execution, 'Mavi');
}

/** Starts an async task whose callback goes to `target`; returns the trigger's items. */
async function startAndReceive(target, parameters) {
	simulator.setWebhookUrl(
		`${n8n.state.url}/webhook/${target.webhookPath}?token=${E2E_WEBHOOK_TOKEN}`,
	);
	const [started] = await runOne(parameters);
	const execution = await client.waitForExecutionWhere(
		target.id,
		(e) => (triggerItems(e) || [])[0]?.task_id === started.task_id,
	);
	return { started, items: triggerItems(execution) };
}

const lastSpeechToTextBody = () => simulator.stats().speechToText.at(-1).body;

beforeAll(async () => {
	({ n8n, client, simulator, credential } = await useMaviEnvironment({
		label: 'names-summaries',
		credentialName: 'Mavi e2e (names, summaries)',
		simulatorOptions: { segments: 6, speakers: 2 },
	}));
	media = await startMediaServer();
	const wav = makeWav({ seconds: 12 });
	assetId = await uploadReadyAsset(simulator, { wav, fileName: 'panel.wav' });
	trigger = await publishTrigger(client, {
		name: 'e2e: trigger 1.2',
		credential,
		typeVersion: 1.2,
	});
	namedTrigger = await publishTrigger(client, {
		name: 'e2e: trigger with Speaker Names',
		credential,
		parameters: { output: 'transcript', options: { speakerNames: NAMES } },
	});
});

afterAll(async () => {
	if (media) await media.stop();
	if (simulator) await simulator.stop();
	if (n8n) await n8n.close();
});

test('Recognize Named Speakers sends exactly {asset_id}; its callback reaches the trigger with the names', async () => {
	const { started, items } = await startAndReceive(trigger, {
		resource: 'speaker',
		operation: 'recognizeNamedSpeakers',
		assetId,
	});
	expect(started).toEqual({ task_id: expect.stringMatching(/^[0-9a-f]{32}$/), asset_id: assetId });
	const task = simulator.stats().tasks.find((t) => t.task_id === started.task_id);
	expect(task).toMatchObject({ kind: 'multi-speaker', body: { asset_id: assetId } });
	expect(Object.keys(task.body)).toEqual(['asset_id']);
	expect(new Set(items.map((item) => item.speaker))).toEqual(new Set(['Alice', 'Bob']));
	expect(items[0].faces.map((face) => face.name).sort()).toEqual(['Alice', 'Bob']);
});

test('Summarize -> summary callback -> one trigger item with kind "summary" (trigger 1.2 default)', async () => {
	const { started, items } = await startAndReceive(trigger, {
		resource: 'transcription',
		operation: 'summarize',
		assetId,
	});
	expect(items).toEqual([
		{
			task_id: started.task_id,
			kind: 'summary',
			summary: expect.stringMatching(/recording with 2 speaker/),
			usage: expect.objectContaining({ model: 'gemini-2.5-flash' }),
		},
	]);
});

/** Every place a transcript item shows a speaker says Alice or Bob. */
function expectNamedEverywhere(item) {
	expect([...item.speakers].sort()).toEqual(['Alice', 'Bob']);
	expect(item.srt).toMatch(/\n(Alice|Bob): /);
	expect(item.vtt).toMatch(/<v (Alice|Bob)>/);
	expect(item.text_with_timestamps).toMatch(/^\[00:00:00\] (Alice|Bob): /);
	expect(JSON.stringify(item)).not.toContain('SPEAKER_0');
}

test('Speaker Names on Transcribe and Wait (Output Transcript) and on the trigger', async () => {
	const [transcript] = await runOne({
		resource: 'transcription',
		operation: 'transcribeAndWait',
		assetId,
		model: 'whisper-1',
		speaker: true,
		output: 'transcript',
		options: { speakerNames: NAMES },
	});
	expectNamedEverywhere(transcript);

	const { items } = await startAndReceive(
		namedTrigger,
		wf.startStep({ assetId, speaker: true }).parameters,
	);
	expect(items).toHaveLength(1);
	expectNamedEverywhere(items[0]);
});

test('Transcribe From URL: AssemblyAI PII redaction and Additional Provider Fields reach the request; en_us is accepted', async () => {
	const url = media.add('call.wav', makeWav({ seconds: 8 }));
	const [item] = await runOne({
		resource: 'transcription',
		operation: 'transcribeFromUrl',
		source: 'url',
		url,
		provider: 'assemblyai',
		languageCode: 'en_us',
		speaker: false,
		output: 'transcript',
		options: { redactPii: true, autoChapters: true, additionalFields: '{"foo": 1}' },
	});
	expect(lastSpeechToTextBody()).toMatchObject({
		provider: 'assemblyai',
		language_code: 'en_us',
		redact_pii: true,
		redact_pii_policies: ['email_address', 'person_name', 'phone_number'],
		auto_chapters: true,
		foo: 1,
	});
	expect(item).toMatchObject({ language_code: 'en_us', chapters: expect.any(Array) });
});

test('Transcribe From URL: a Japanese ElevenLabs answer gives segments without inserted spaces, split at 。', async () => {
	const url = media.add('nihongo.wav', makeWav({ seconds: 8, frequency: 330 }));
	const items = await runOne({
		resource: 'transcription',
		operation: 'transcribeFromUrl',
		source: 'url',
		url,
		provider: 'elevenlabs',
		languageCode: 'ja',
		speaker: false,
		output: 'segments',
		options: {},
	});
	expect(items.length).toBeGreaterThan(1);
	expect(items[0].text).toBe('今日はいい天気ですね。');
	for (const item of items) expect(item.text).toMatch(/^[^\s。]+。$/);
});
