'use strict';
// An AI Agent in a real n8n calls Mavi Transcribe as a tool. The OpenAI Chat Model
// talks to a scripted OpenAI-compatible server on loopback (support/fakeOpenAi.js); the tool call
// reaches the simulator's speech-to-text endpoint, and the transcript comes back in the answer.
const { startMediaServer } = require('../support/mediaServer');
const { nodeItems } = require('../../tools/n8n-harness/client');
const { startFakeOpenAi } = require('./support/fakeOpenAi');
const { useMaviEnvironment } = require('./support/environment');
const { secretLeaks } = require('./support/leaks');
const { E2E_API_KEY } = require('../../tools/n8n-harness/secrets');
const { makeWav } = require('../../tools/mavi-simulator/wav');
const wf = require('../../tools/n8n-harness/workflows');

jest.setTimeout(180000);

const FAKE_OPENAI_KEY = 'sk-fake-openai-e2e-0000';
const TOOL_NAME = 'Transcribe a recording';

let n8n;
let client;
let simulator;
let simulatorLog;
let credential;
let media;
let model;
let openAi;

beforeAll(async () => {
	({ n8n, client, simulator, simulatorLog, credential } = await useMaviEnvironment({
		label: 'agent',
		credentialName: 'Mavi e2e (agent)',
		simulatorOptions: { segments: 3, speakers: 2 },
	}));
	media = await startMediaServer();
	model = await startFakeOpenAi();
});

afterAll(async () => {
	if (model) await model.stop();
	if (media) await media.stop();
	if (simulator) await simulator.stop();
	if (n8n) await n8n.close();
});

async function createOpenAiCredential() {
	const res = await client.api('POST', '/credentials', {
		name: 'Fake OpenAI (e2e)',
		type: 'openAiApi',
		data: { apiKey: FAKE_OPENAI_KEY, url: model.baseUrl, header: false },
	});
	if (res.status !== 200) throw new Error(`create OpenAI credential: ${res.status} ${res.text}`);
	return res.body;
}

/** Manual Trigger -> AI Agent, with an OpenAI Chat Model and the Mavi tool as sub-nodes. */
function agentWorkflow(openAi, prompt, responsesApiEnabled) {
	const trigger = wf.node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, 0, {});
	const agent = wf.node('AI Agent', '@n8n/n8n-nodes-langchain.agent', 3, 220, {
		promptType: 'define',
		text: prompt,
		options: {},
	});
	const chatModel = wf.node(
		'OpenAI Chat Model',
		'@n8n/n8n-nodes-langchain.lmChatOpenAi',
		1.3,
		120,
		{ model: { __rl: true, mode: 'id', value: 'fake-model' }, responsesApiEnabled, options: {} },
		{ credentials: { openAiApi: { id: openAi.id, name: openAi.name } } },
	);
	const tool = wf.node(
		TOOL_NAME,
		'n8n-nodes-mavi.maviTranscribeTool',
		1,
		320,
		{
			descriptionType: 'auto',
			resource: 'transcription',
			operation: 'transcribeFromUrl',
			source: 'url',
			url: "={{ $fromAI('url', 'Public http(s) URL of the audio or video file to transcribe', 'string') }}",
			provider: 'elevenlabs',
			speaker: true,
			output: 'transcript',
			options: {},
		},
		{ credentials: { maviApi: { id: credential.id, name: credential.name } } },
	);
	return {
		name: 'e2e: AI Agent with the Mavi tool',
		nodes: [trigger, agent, chatModel, tool],
		connections: {
			[trigger.name]: { main: [[{ node: agent.name, type: 'main', index: 0 }]] },
			[chatModel.name]: {
				ai_languageModel: [[{ node: agent.name, type: 'ai_languageModel', index: 0 }]],
			},
			[tool.name]: { ai_tool: [[{ node: agent.name, type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

// OpenAI Chat Model 1.3 uses the Responses API unless "Use Responses API" is turned off.
test.each([
	['Responses API', true, '/v1/responses'],
	['Chat Completions API', false, '/v1/chat/completions'],
])(
	'AI Agent (%s) -> Mavi tool: the transcript reaches the answer',
	async (_api, responsesApi, path) => {
		const file = `customer-call-${path.split('/').pop()}.wav`;
		const url = media.add(file, makeWav({ seconds: 9, frequency: responsesApi ? 440 : 523 })); // other bytes, other words
		openAi ??= await createOpenAiCredential();
		const prompt = `Please transcribe this recording and quote what is said: ${url}`;
		const created = await client.createWorkflow(agentWorkflow(openAi, prompt, responsesApi));
		const before = model.requests.length;
		const execution = await client.runManual(created.id);
		const error = execution.data.resultData.error;
		expect({ status: execution.status, error: error && error.message }).toEqual({
			status: 'success',
			error: undefined,
		});

		// The model was offered the tool with a URL parameter and a description saying what it does.
		// One call per turn: the tool call, then the answer.
		const calls = model.requests.slice(before);
		expect(calls.map((request) => request.path)).toEqual([path, path]);
		const [first, second] = calls;
		const tools = first.body.tools || [];
		const offered = tools.find((t) => /transcribe/i.test(t.name || (t.function || {}).name));
		const schema = offered.parameters || offered.function.parameters;
		expect(schema.properties.url).toMatchObject({ type: 'string' });
		expect(schema.required).toEqual(['url']);
		expect(offered.description || offered.function.description).toMatch(/URL.*transcript/i);
		expect(first.headers.authorization).toBe(`Bearer ${FAKE_OPENAI_KEY}`);

		// The tool call reached the simulator's speech-to-text endpoint with that URL.
		expect(simulator.stats().speechToText.filter((call) => call.url === url)).toEqual([
			expect.objectContaining({ provider: 'elevenlabs', speakers: true }),
		]);
		expect(media.downloads.filter((download) => download === `/media/${file}`)).toHaveLength(1);

		// The transcript the tool returned is what the model got back and what the agent answered.
		const [toolRun] = execution.data.resultData.runData[TOOL_NAME];
		const [transcript] = toolRun.data.ai_tool[0].map((item) => item.json);
		expect(toolRun.inputOverride.ai_tool[0][0].json).toMatchObject({ url });
		const expected = await transcriptTextOf(url);
		expect(transcript).toMatchObject({ text: expected, language_code: 'en' });
		expect(JSON.stringify(second.body)).toContain(expected);
		const [answer] = nodeItems(execution, 'AI Agent');
		expect(answer.output).toBe(`The recording says: "${expected}"`);
		process.stderr.write(`\n[e2e agent, ${path}] final output: ${answer.output}\n`);

		const leaks = await secretLeaks(client, {
			logFile: n8n.state.logFile,
			workflowIds: [created.id],
			otherLogs: [simulatorLog],
		});
		expect(leaks).toEqual([]);
	},
);

/** The text Mavi gives for that URL, asked directly (the simulator is deterministic). */
async function transcriptTextOf(url) {
	for (;;) {
		const res = await fetch(`${simulator.baseUrl}/transcriptions/speech-to-text`, {
			method: 'POST',
			headers: { authorization: E2E_API_KEY, 'content-type': 'application/json' },
			body: JSON.stringify({ url, diarize: true }),
		});
		const body = await res.json();
		if (res.status === 200) return body.data.text;
		if (res.status !== 429) throw new Error(`speech-to-text: ${res.status} ${body.msg}`);
		await new Promise((resolve) => setTimeout(resolve, 1100));
	}
}
