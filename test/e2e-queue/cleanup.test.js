'use strict';
// Nothing the harness starts outlives it, also after a failure. The
// suite's own teardown checks its cluster (globalTeardown.js); here a process that started
// PostgreSQL and Redis the same way dies badly, and both must still go away.
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { sleep } = require('../../tools/n8n-harness/processes');
const { livingMembers } = require('../../tools/n8n-harness/queue/ownership');

jest.setTimeout(120000);

/** Runs the fixture until it printed its group IDs; resolves { child, groups }. */
function startFixture(mode) {
	const child = spawn(process.execPath, [path.join(__dirname, 'support/crashFixture.js'), mode], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return new Promise((resolve, reject) => {
		let out = '';
		let err = '';
		child.stderr.on('data', (chunk) => (err += chunk));
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const line = out.split('\n').find((l) => l.startsWith('{'));
			if (line) resolve({ child, ...JSON.parse(line) });
		});
		child.on('exit', (code) => {
			if (!out.includes('{')) reject(new Error(`fixture exited ${code}: ${err}`));
		});
	});
}

/** Waits for every member of the groups to end; removes the fixture's temp folders after. */
async function waitUntilGone({ groups, dirs }, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (livingMembers(groups).length > 0 && Date.now() < deadline) await sleep(200);
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
	return livingMembers(groups);
}

test('an uncaught error: the exit guard kills PostgreSQL and Redis at once', async () => {
	const fixture = await startFixture('throw');
	expect(fixture.groups).toHaveLength(2);
	await new Promise((resolve) => fixture.child.on('exit', resolve));
	expect(await waitUntilGone(fixture, 5000)).toEqual([]);
});

test('the harness process is SIGKILLed: the watchdogs stop PostgreSQL and Redis', async () => {
	const fixture = await startFixture('hang');
	expect(livingMembers(fixture.groups).length).toBeGreaterThanOrEqual(2);
	fixture.child.kill('SIGKILL');
	expect(await waitUntilGone(fixture, 20000)).toEqual([]);
});
