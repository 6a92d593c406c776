import { NodeApiError } from 'n8n-workflow';

import { startRawServer, TEST_KEY } from '../support/maviSim';
import { runTranscribe, transcriptionStart } from '../support/runMavi';

// Mavi's task IDs are 32 hex characters, live-stream ones 36-character UUIDs; an answer with a
// task_id far longer is a broken envelope, not a task.
jest.setTimeout(30_000);

async function startAnsweredWith(taskId: string) {
	const server = await startRawServer(() => ({
		status: 200,
		body: { code: '0000', msg: 'success', data: { task_id: taskId } },
	}));
	try {
		return await runTranscribe(transcriptionStart('re_1'), {
			apiKey: TEST_KEY,
			baseUrl: server.baseUrl,
		});
	} finally {
		await server.stop();
	}
}

it.each([
	['32 hex characters', 'a1'.repeat(16)],
	['a 36-character UUID with hyphens', '123e4567-e89b-12d3-a456-426614174000'],
	['128 characters', 'b'.repeat(128)],
])('a task_id of %s is a task', async (_name, taskId) => {
	const result = await startAnsweredWith(taskId);
	expect(result.thrownError).toBeUndefined();
	expect(result.items[0].json.task_id).toBe(taskId);
});

it('a task_id longer than 128 characters is a broken envelope, named as such', async () => {
	const result = await startAnsweredWith('c'.repeat(129));
	expect(result.thrownError).toBeInstanceOf(NodeApiError);
	expect(result.thrownError?.message).toMatch(
		/unexpected response .*data\.task_id: must be at most 128 characters/,
	);
	expect(result.thrownError?.description).toMatch(/Mavi may have started this transcription/);
	expect(JSON.stringify(result.items)).not.toContain('c'.repeat(129));
});
