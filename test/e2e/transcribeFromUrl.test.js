'use strict';
// In a real n8n: Transcribe from URL, one Output vocabulary in the action node and the
// trigger (one transcript feeds both), and subtitle files written by Write Files to Disk.
const fs = require('node:fs');

const { startMediaServer } = require('../support/mediaServer');
const { SEGMENT_ITEM_KEYS } = require('../support/segmentKeys');
const { nodeItems } = require('../../tools/n8n-harness/client');
const { publishTrigger, uploadReadyAsset, useMaviEnvironment } = require('./support/environment');
const { E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');
const { makeWav } = require('../../tools/mavi-simulator/wav');
const wf = require('../../tools/n8n-harness/workflows');

jest.setTimeout(180000);

const TRANSCRIBE = 'n8n-nodes-mavi.maviTranscribe';
const OUTPUTS = ['segments', 'speakerTurns', 'transcript'];

let n8n;
let client;
let simulator;
let credential;
let media;
let mediaUrl;
let assetId;

/** Manual Trigger feeding every given node in parallel (each runs once). */
function fanOut(name, steps) {
	const manual = wf.node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {});
	const nodes = steps.map((step, i) =>
		wf.node(step.name, TRANSCRIBE, 1, 220, step.parameters, {
			credentials: { maviApi: { id: credential.id, name: credential.name } },
		}),
	);
	nodes.forEach((node, i) => (node.position = [220, i * 200]));
	return {
		name,
		nodes: [manual, ...nodes],
		connections: {
			[manual.name]: {
				main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))],
			},
		},
		settings: { executionOrder: 'v1' },
	};
}

async function run(workflow) {
	const created = await client.createWorkflow(workflow);
	const execution = await client.runManual(created.id);
	// Once on n8n 1.x an execution came back without data: show what it was if that recurs.
	expect(execution).toHaveProperty('data.resultData');
	const error = execution.data.resultData.error;
	expect({ status: execution.status, error: error && error.message }).toEqual({
		status: 'success',
		error: undefined,
	});
	return execution;
}

const fromUrl = (name, extra) => ({
	name,
	parameters: {
		resource: 'transcription',
		operation: 'transcribeFromUrl',
		source: 'url',
		url: mediaUrl,
		provider: 'elevenlabs',
		speaker: true,
		output: 'segments',
		options: {},
		...extra,
	},
});

beforeAll(async () => {
	({ n8n, client, simulator, credential } = await useMaviEnvironment({
		label: 'transcribe-from-url',
		credentialName: 'Mavi e2e (from URL)',
		simulatorOptions: { segments: 5, speakers: 2 },
	}));
	media = await startMediaServer();
	const wav = makeWav({ seconds: 8 });
	mediaUrl = media.add('standup.wav', wav);
	assetId = await uploadReadyAsset(simulator, { wav, fileName: 'standup.wav' });
});

afterAll(async () => {
	if (media) await media.stop();
	if (simulator) await simulator.stop();
	if (n8n) await n8n.close();
});

test('Transcribe from URL, both providers: segments in seconds with speakers and language_code', async () => {
	const execution = await run(
		fanOut('e2e: transcribe from URL', [
			fromUrl('ElevenLabs', {}),
			fromUrl('AssemblyAI', { provider: 'assemblyai', languageCode: 'de' }),
			fromUrl('No speakers', { provider: 'assemblyai', speaker: false }),
		]),
	);
	const eleven = nodeItems(execution, 'ElevenLabs');
	const assembly = nodeItems(execution, 'AssemblyAI');
	expect(eleven).toHaveLength(5);
	const timeline = (items) => items.map((i) => [i.start_time, i.end_time, i.text, i.speaker]);
	// Seconds from both (AssemblyAI sends milliseconds), and the same sentences.
	expect(timeline(assembly)).toEqual(timeline(eleven));
	expect(eleven[4].end_time).toBe(8);
	for (const item of eleven) {
		expect(Object.keys(item).sort()).toEqual([...SEGMENT_ITEM_KEYS, 'language_code'].sort());
		expect(item).toMatchObject({
			language_code: 'en',
			speaker: expect.stringMatching(/^SPEAKER_0[01]$/),
		});
	}
	expect(assembly.every((item) => item.language_code === 'de')).toBe(true);
	expect(nodeItems(execution, 'No speakers').every((item) => item.speaker === null)).toBe(true);
	const calls = simulator.stats().speechToText.slice(-3);
	expect(calls.map((call) => [call.provider, call.url, call.speakers]).sort()).toEqual(
		[
			['elevenlabs', mediaUrl, true],
			['assemblyai', mediaUrl, true],
			['assemblyai', mediaUrl, false],
		].sort(),
	);
});

// One test feeds both: the same recording transcribed synchronously by the action node and
// delivered by Mavi's callback to the trigger gives the same items for every Output option.
// Only task_id (null for synchronous calls) and audio_duration (not in the sync response)
// may differ in value, never in presence.
test.each(OUTPUTS)(
	'Output "%s": the action node and the trigger emit the same items',
	async (output) => {
		const trigger = await publishTrigger(client, {
			name: `e2e: trigger output ${output}`,
			credential,
			parameters: { output },
		});
		simulator.setWebhookUrl(
			`${n8n.state.url}/webhook/${trigger.webhookPath}?token=${E2E_WEBHOOK_TOKEN}`,
		);
		const common = { resource: 'transcription', assetId, model: 'whisper-1', speaker: true };
		const execution = await run(
			fanOut(`e2e: action output ${output}`, [
				{
					name: 'Transcribe and Wait',
					parameters: { ...common, operation: 'transcribeAndWait', output },
				},
				{ name: 'Start', parameters: { ...common, operation: 'start' } },
				fromUrl('From URL', { source: 'assetId', assetId, output }),
			]),
		);
		const taskId = nodeItems(execution, 'Start')[0].task_id;
		const triggered = await client.waitForExecutionWhere(
			trigger.id,
			(e) => (nodeItems(e, wf.TRIGGER_NAME) || [])[0]?.task_id === taskId,
		);
		const fromTrigger = nodeItems(triggered, wf.TRIGGER_NAME);
		const fromAction = nodeItems(execution, 'Transcribe and Wait');
		const comparable = (items) => items.map(({ task_id, audio_duration, ...rest }) => rest);
		expect(fromAction.length).toBe(output === 'transcript' ? 1 : fromTrigger.length);
		expect(comparable(fromAction)).toEqual(comparable(fromTrigger));
		expect(fromAction.map((item) => Object.keys(item).sort())).toEqual(
			fromTrigger.map((item) => Object.keys(item).sort()),
		);
		expect(fromTrigger.every((item) => item.task_id === taskId)).toBe(true);
		expect(fromAction.every((item) => item.task_id === null)).toBe(true);
		// Transcribe from URL on the same asset: the same shape plus language_code; the transcript
		// item also keeps what the provider returned beyond the words (ElevenLabs:
		// language_probability).
		const viaUrl = nodeItems(execution, 'From URL');
		const providerExtras = output === 'transcript' ? ['language_probability'] : [];
		expect(viaUrl.map((item) => Object.keys(item).sort())).toEqual(
			fromAction.map((item) => [...Object.keys(item), 'language_code', ...providerExtras].sort()),
		);
		if (output === 'transcript') {
			expect(fromTrigger[0].text_with_timestamps).toBe(fromAction[0].text_with_timestamps);
			expect(viaUrl[0].text_with_timestamps).toBe(fromAction[0].text_with_timestamps);
			expect(fromAction[0].text_with_timestamps).toMatch(/^\[00:00:00\] SPEAKER_0\d: \S/);
		} else {
			const texts = (items) => items.map((item) => [item.start_time, item.end_time, item.text]);
			expect(texts(viaUrl)).toEqual(texts(fromAction));
		}
		await client.unpublish(trigger.id);
	},
);

/** Cues of an SRT file: index, "HH:MM:SS,mmm --> HH:MM:SS,mmm", text; times in seconds. */
function parseSrt(text) {
	return text
		.trim()
		.split(/\r?\n\r?\n/)
		.map((block, i) => {
			const [index, times, ...lines] = block.split(/\r?\n/);
			const match = /^(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})$/.exec(times);
			if (Number(index) !== i + 1 || !match || lines.join('') === '') {
				throw new Error(`invalid SRT cue ${i + 1}: ${JSON.stringify(block)}`);
			}
			const n = match.slice(1).map(Number);
			return {
				start: n[0] * 3600 + n[1] * 60 + n[2] + n[3] / 1000,
				end: n[4] * 3600 + n[5] * 60 + n[6] + n[7] / 1000,
				text: lines.join('\n'),
			};
		});
}

function parseVtt(text) {
	if (!text.startsWith('WEBVTT\n\n')) throw new Error('missing WEBVTT header');
	return text
		.slice('WEBVTT\n\n'.length)
		.trim()
		.split(/\n\n/)
		.map((block) => {
			const [times, ...lines] = block.split('\n');
			const match = /^(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})$/.exec(times);
			if (!match || lines.join('') === '') throw new Error(`invalid WebVTT cue ${block}`);
			const n = match.slice(1).map(Number);
			return {
				start: n[0] * 3600 + n[1] * 60 + n[2] + n[3] / 1000,
				end: n[4] * 3600 + n[5] * 60 + n[6] + n[7] / 1000,
				text: lines.join('\n'),
			};
		});
}

test('Attach Subtitle Files: Write Files to Disk writes a valid .srt and .vtt', async () => {
	const dir = n8n.state.filesDir;
	for (const ext of ['srt', 'vtt']) fs.rmSync(`${dir}/standup.${ext}`, { force: true });
	const credentials = { maviApi: { id: credential.id, name: credential.name } };
	const write = (name, property, x) =>
		wf.node(name, 'n8n-nodes-base.readWriteFile', 1, x, {
			operation: 'write',
			fileName: `=${dir}/{{ $binary.${property}.fileName }}`,
			dataPropertyName: property,
			options: {},
		});
	const workflow = wf.linearWorkflow('e2e: subtitle files to disk', [
		wf.node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		wf.node(
			'Transcribe',
			TRANSCRIBE,
			1,
			220,
			fromUrl('Transcribe', { output: 'transcript', options: { attachSubtitles: true } })
				.parameters,
			{ credentials },
		),
		write('Write SRT', 'subtitles_srt', 440),
		write('Write VTT', 'subtitles_vtt', 660),
	]);
	const execution = await run(workflow);
	const [transcript] = nodeItems(execution, 'Transcribe');
	const srt = parseSrt(fs.readFileSync(`${dir}/standup.srt`, 'utf8'));
	const vtt = parseVtt(fs.readFileSync(`${dir}/standup.vtt`, 'utf8'));
	expect(srt).toHaveLength(transcript.segment_count);
	expect(vtt).toHaveLength(transcript.segment_count);
	transcript.segments.forEach((segment, i) => {
		for (const cue of [srt[i], vtt[i]]) {
			expect(cue.start).toBeCloseTo(segment.start_time, 3);
			expect(cue.end).toBeCloseTo(segment.end_time, 3);
			expect(cue.end).toBeGreaterThan(cue.start);
		}
		expect(srt[i].text).toBe(`${segment.speaker}: ${segment.text}`);
		expect(vtt[i].text).toBe(`<v ${segment.speaker}>${segment.text}`);
	});
	expect(fs.readFileSync(`${dir}/standup.srt`, 'utf8')).toBe(transcript.srt);
});
