import { interpretResponse } from '../../nodes/Mavi/transport/envelope';
import { buildApiError, redact } from '../../nodes/Mavi/transport/errors';
import { OTHER_KEYS } from '../support/maviSim';

const node = {
	id: '1',
	name: 'Mavi Transcribe',
	type: 'n8n-nodes-mavi.maviTranscribe',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
};

describe('interpretResponse', () => {
	it.each([
		[{ code: '0000', msg: 'success', data: { a: 1 } }],
		[{ code: 200, msg: 'success', data: { a: 1 }, success: true, failed: false }],
		[{ code: '200', message: 'ok', data: { a: 1 } }],
	])('treats %j as success', (body) => {
		expect(interpretResponse(200, body)).toEqual({ kind: 'success', data: { a: 1 } });
	});

	it('honours success/failed flags and codes inside a 200', () => {
		expect(interpretResponse(200, { code: 200, msg: 'x', success: false })).toMatchObject({
			kind: 'failure',
			status: 400,
		});
		expect(interpretResponse(200, { code: '0000', failed: true })).toMatchObject({
			kind: 'failure',
		});
		expect(interpretResponse(200, { code: 402, msg: 'Insufficient credits' })).toEqual({
			kind: 'failure',
			status: 402,
			message: 'Insufficient credits',
		});
	});

	it('uses the HTTP status and msg of error answers', () => {
		expect(interpretResponse(401, { code: 401, msg: 'Unauthorized', data: null })).toEqual({
			kind: 'failure',
			status: 401,
			message: 'Unauthorized',
		});
		expect(interpretResponse(502, '<html>Bad gateway</html>')).toEqual({
			kind: 'failure',
			status: 502,
			message: '<html>Bad gateway</html>',
			gateway: true,
		});
	});

	it('calls malformed 2xx bodies unexpected, naming what is wrong', () => {
		expect(interpretResponse(200, 'OK')).toEqual({
			kind: 'unexpected',
			problem: 'the body is not a JSON object',
		});
		expect(interpretResponse(200, { msg: 'x' })).toMatchObject({
			kind: 'unexpected',
			problem: expect.stringContaining('body.code'),
		});
		expect(interpretResponse(200, { code: [1] })).toMatchObject({
			kind: 'unexpected',
			problem: expect.stringContaining('body.code'),
		});
	});
});

describe('error building', () => {
	const KEY = OTHER_KEYS.echoed;

	it('redacts every occurrence of a secret', () => {
		expect(redact(`a ${KEY} b ${KEY}`, [KEY])).toBe('a [redacted] b [redacted]');
		expect(redact('short', ['ab'])).toBe('short');
	});

	it.each([
		['auth', 401, /check the API key/],
		['credits', 402, /out of credits/],
		['forbidden', 403, /account is disabled or this IP address is not allowed/],
		['noWebhook', 400, /no webhook/],
		['ambiguous', 400, /Request has exceeded the limit\." 3 times/],
		['rejected', 400, /Mavi rejected the request/],
		['busy', 503, /HTTP 503 after 7 attempts/],
		['lost', 500, /HTTP 500 after 7 attempts/],
	] as const)('%s gives a human message with httpCode and itemIndex', (kind, status, message) => {
		const error = buildApiError(
			node,
			{
				kind,
				status,
				serverMessage: `echo ${KEY}`,
				endpoint: 'GET /x',
				attempts: kind === 'ambiguous' ? 3 : 7,
			},
			4,
			[KEY],
		);
		expect(error.message).toMatch(message);
		expect(error.httpCode).toBe(String(status));
		expect(error.context.itemIndex).toBe(4);
		const everything = JSON.stringify(error, Object.getOwnPropertyNames(error)) + error.description;
		expect(everything).not.toContain(KEY);
	});

	it('keeps errno codes out of the message so n8n does not replace it', () => {
		const error = buildApiError(
			node,
			{ kind: 'lost', serverMessage: 'ECONNRESET', endpoint: 'GET /x', attempts: 7 },
			0,
			[],
		);
		expect(error.message).toBe('The connection to Mavi failed 7 times');
		expect(error.description).toContain('ECONNRESET');
	});
});

describe('maybe-processed errors of creating requests', () => {
	it.each([
		[
			'transcriptionTask',
			/may have started this transcription; if it did, the result still arrives at the Mavi Transcription Trigger/,
		],
		['diarizationTask', /may have started this speaker diarization/],
		['asset', /an asset may have been created/],
		['transcript', /may have transcribed this file/],
		['diarization', /may have diarized this file/],
	] as const)('%s says what may have happened and what to do', (creates, message) => {
		const error = buildApiError(
			node,
			{
				kind: 'lost',
				status: 502,
				serverMessage: 'Bad Gateway',
				endpoint: 'POST /x',
				attempts: 1,
				creates,
			},
			2,
			[],
		);
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(/HTTP 502/);
		expect(error.description).toMatch(/run this item again|Asset → Get Status/i);
		expect(error.context.itemIndex).toBe(2);
	});

	it('names a timeout as such', () => {
		const error = buildApiError(
			node,
			{
				kind: 'lost',
				serverMessage: 'ECONNABORTED',
				endpoint: 'POST /upload',
				attempts: 1,
				creates: 'asset',
			},
			0,
			[],
		);
		expect(error.description).toMatch(/no answer came before the timeout/);
	});

	it('keeps the plain message for failures Mavi surely did not process', () => {
		const error = buildApiError(
			node,
			{
				kind: 'busy',
				status: 429,
				serverMessage: '',
				endpoint: 'POST /x',
				attempts: 7,
				creates: 'asset',
			},
			0,
			[],
		);
		expect(error.message).toBe('Mavi kept failing with HTTP 429 after 7 attempts');
	});
});
