// Reproduces the P1 analysis (bench/README.md): P1 alone, under n8n settings that isolate
// where the trigger's time goes. Not part of `npm run bench`; needs a built dist/.
//   node bench/triggerLatencyExplained.mjs [--segments 1] [--rounds 6] [--pool 3] [--engine legacy]
//                             [--profile]   (CPU profile of n8n -> bench/results/tmp/)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { startEnvironment } from './lib/harness.mjs';
import { runP1 } from './lib/triggerLatency.mjs';
import { analyzeProfiles, profileText } from './lib/profile.mjs';

const { values } = parseArgs({
	options: {
		segments: { type: 'string', default: '10000' },
		rounds: { type: 'string', default: '6' },
		pool: { type: 'string' },
		engine: { type: 'string' },
		profile: { type: 'boolean', default: false },
	},
});
const TMP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results/tmp');
const profileDir = values.profile ? path.join(TMP_DIR, 'explain-profiles') : undefined;
if (profileDir) {
	rmSync(profileDir, { recursive: true, force: true });
	mkdirSync(profileDir, { recursive: true });
}
const n8nEnv = {
	...(values.pool ? { N8N_EXPRESSION_ENGINE_POOL_SIZE: values.pool } : {}),
	...(values.engine ? { N8N_EXPRESSION_ENGINE: values.engine } : {}),
};
const log = (line) => process.stderr.write(`[trigger latency] ${line}\n`);

let env;
let result;
try {
	mkdirSync(TMP_DIR, { recursive: true });
	env = await startEnvironment({ logDir: TMP_DIR, profileDir, log, n8nEnv });
	result = await runP1({
		...env,
		log,
		segments: Number(values.segments),
		rounds: Number(values.rounds),
		warmup: 1,
	});
} finally {
	if (env) await env.stop();
}
const summary = Object.fromEntries(
	Object.entries(result.variants).map(([name, v]) => [
		name,
		{
			postToFinishedMs: v.postToFinishedMsMedian,
			postMs: v.postMsMedian,
			executionMs: v.executionMsMedian,
		},
	]),
);
process.stdout.write(
	`${JSON.stringify({ n8nEnv, segments: result.segments, ratioOursDiy: result.ratioOursDiy, ratioOursDiyAuth: result.ratioOursDiyAuth, ratioOursDiyAuthNoOp: result.ratioOursDiyAuthNoOp, summary }, null, 1)}\n`,
);
if (profileDir) {
	const file = path.join(TMP_DIR, 'explain-profile.txt');
	writeFileSync(file, `${profileText(analyzeProfiles(profileDir, result.windowsUs, 40))}\n`);
	log(`profile summary: ${file}`);
}
