'use strict';
// A scripted OpenAI-compatible model server on loopback for the AI Agent test. It answers both
// APIs n8n's OpenAI Chat Model may call: POST /v1/responses (the default since node version
// 1.3) and POST /v1/chat/completions. Turn 1: a call of the offered tool with the first URL in
// the prompt. Turn 2 (a tool result is in the conversation): a final answer quoting the
// transcript text from that result. Every request is recorded for the test to inspect.
const crypto = require('node:crypto');
const http = require('node:http');

const URL_PATTERN = /https?:\/\/[^\s"'\\<>]+/;

/** The transcript text inside a tool result: n8n hands the tool's items over as JSON. */
function quoteToolResult(output) {
	const text = typeof output === 'string' ? output : JSON.stringify(output);
	try {
		const parsed = JSON.parse(text);
		const first = Array.isArray(parsed) ? parsed[0] : parsed;
		const inner = first && typeof first === 'object' && 'json' in first ? first.json : first;
		if (inner && typeof inner.text === 'string') return inner.text;
		// The compact tool answer: the transcript as one line per speaker turn.
		if (inner && typeof inner.text_with_timestamps === 'string') return inner.text_with_timestamps;
	} catch {
		// Not JSON: quote it as it is.
	}
	return text;
}

const finalAnswer = (quote) => `The recording says: "${quote}"`;

/** { toolName, url } for turn 1, or { quote } once a tool result is present. */
function nextStep(promptText, toolNames, toolOutput) {
	if (toolOutput !== undefined) return { quote: quoteToolResult(toolOutput) };
	const url = (URL_PATTERN.exec(promptText) || [])[0];
	const toolName = toolNames.find((name) => /mavi/i.test(name)) || toolNames[0];
	if (!url || !toolName) throw new Error(`no URL or no tool in the request (tools: ${toolNames})`);
	return { toolName, url };
}

function responsesApi(body) {
	const input = Array.isArray(body.input) ? body.input : [{ role: 'user', content: body.input }];
	const toolOutput = input.find((item) => item && item.type === 'function_call_output');
	const toolNames = (body.tools || []).map((tool) => tool.name || (tool.function || {}).name);
	const step = nextStep(JSON.stringify(input), toolNames, toolOutput && toolOutput.output);
	const id = () => crypto.randomBytes(8).toString('hex');
	const output = step.quote
		? [
				{
					type: 'message',
					id: `msg_${id()}`,
					role: 'assistant',
					status: 'completed',
					content: [{ type: 'output_text', text: finalAnswer(step.quote), annotations: [] }],
				},
			]
		: [
				{
					type: 'function_call',
					id: `fc_${id()}`,
					call_id: `call_${id()}`,
					name: step.toolName,
					arguments: JSON.stringify({ url: step.url }),
					status: 'completed',
				},
			];
	return {
		id: `resp_${id()}`,
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status: 'completed',
		error: null,
		incomplete_details: null,
		model: body.model,
		output,
		usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20 },
	};
}

function chatCompletions(body) {
	const messages = body.messages || [];
	const toolMessage = messages.find((message) => message.role === 'tool');
	const toolNames = (body.tools || []).map((tool) => (tool.function || {}).name);
	const step = nextStep(JSON.stringify(messages), toolNames, toolMessage && toolMessage.content);
	const message = step.quote
		? { role: 'assistant', content: finalAnswer(step.quote) }
		: {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: `call_${crypto.randomBytes(8).toString('hex')}`,
						type: 'function',
						function: { name: step.toolName, arguments: JSON.stringify({ url: step.url }) },
					},
				],
			};
	return {
		id: `chatcmpl-${crypto.randomBytes(8).toString('hex')}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: body.model,
		choices: [{ index: 0, message, finish_reason: step.quote ? 'stop' : 'tool_calls' }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

const ROUTES = { '/v1/responses': responsesApi, '/v1/chat/completions': chatCompletions };

async function startFakeOpenAi() {
	const requests = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const path = new URL(req.url, 'http://x').pathname;
			let body = null;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {
				// Recorded as null; answered below.
			}
			requests.push({ method: req.method, path, headers: req.headers, body });
			const route = ROUTES[path];
			let status = 200;
			let answer;
			try {
				if (!route || req.method !== 'POST' || !body)
					throw new Error(`unexpected ${req.method} ${path}`);
				// Streaming is not scripted: a clear 400 instead of a hang tells the test why.
				if (body.stream) throw new Error('streaming requests are not supported by this fake');
				answer = route(body);
			} catch (error) {
				status = 400;
				answer = { error: { message: error.message, type: 'invalid_request_error', code: null } };
			}
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(answer));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		/** The credential's Base URL. */
		baseUrl: `http://127.0.0.1:${server.address().port}/v1`,
		requests,
		stop() {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = { startFakeOpenAi, quoteToolResult };
