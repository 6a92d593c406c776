// `npm run bench`: P1-P8 side by side in one run. Prints the table and writes
// bench/results/latest.{md,json} (`--dated` also writes bench/results/<date>.md).
// A benchmark never fails CI: exit 0 unless the bench itself crashed.
// Env: BENCH_DIST (snapshot of dist/ for P2/P4), BENCH_PROFILE=1 (--cpu-prof on n8n),
// BENCH_QUICK=1 (fewer rounds, for trying the bench out), BENCH_SKIP=P1,P3.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startEnvironment } from './lib/harness.mjs';
import { runP1 } from './lib/triggerLatency.mjs';
import { runP3 } from './lib/startBatch.mjs';
import { countRuntimeDependencies, measurePack, measureRequire } from './lib/footprint.mjs';
import { runP5 } from './lib/uploadMemory.mjs';
import { runP6 } from './lib/queueBatches.mjs';
import { runP7 } from './lib/uploadSpeed.mjs';
import { runP8 } from './lib/toolAnswerSize.mjs';
import { analyzeProfiles, profileText } from './lib/profile.mjs';
import { buildRows, markdownTable, writeResults } from './lib/report.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const TMP_DIR = path.join(RESULTS_DIR, 'tmp'); // git-ignored: n8n log, CPU profiles
const DIST = process.env.BENCH_DIST || path.join(ROOT, 'dist');
const QUICK = process.env.BENCH_QUICK === '1';
const SKIP = new Set((process.env.BENCH_SKIP || '').toUpperCase().split(',').filter(Boolean));
const started = Date.now();

const log = (line) =>
	process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);

/** Runs one part; a failure is recorded in the results instead of ending the bench. */
async function part(name, fn) {
	if (SKIP.has(name)) return { error: 'skipped (BENCH_SKIP)' };
	const t0 = Date.now();
	try {
		const result = await fn();
		log(`${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		return { ...result, seconds: Math.round((Date.now() - t0) / 1000) };
	} catch (error) {
		log(`${name} FAILED: ${error.stack || error}`);
		return { error: String(error.message || error).slice(0, 300) };
	}
}

function runP2() {
	const result = spawnSync(
		process.execPath,
		['--expose-gc', path.join(BENCH_DIR, 'lib/mappingCost.mjs')],
		{
			cwd: ROOT,
			encoding: 'utf8',
			env: { ...process.env, BENCH_DIST: DIST, ...(QUICK ? { BENCH_P2_RUNS: '3' } : {}) },
			stdio: ['ignore', 'pipe', 'inherit'],
			timeout: 5 * 60_000,
		},
	);
	if (result.status !== 0) throw new Error(`the mapping-cost run exited ${result.status ?? result.signal}`);
	return JSON.parse(result.stdout.trim().split('\n').pop());
}

function machineInfo() {
	let n8nVersion = '2.41.1';
	try {
		n8nVersion = readFileSync(path.join(ROOT, 'n8n-runtime/package.json'), 'utf8').match(
			/"n8n":\s*"([^"]+)"/,
		)[1];
	} catch {
		// The pinned version above is the fallback.
	}
	return {
		date: new Date().toISOString(),
		nproc: execFileSync('nproc', { encoding: 'utf8' }).trim(),
		cpu: os.cpus()[0] ? os.cpus()[0].model.trim() : 'unknown CPU',
		memGiB: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		n8nVersion,
	};
}

async function main() {
	mkdirSync(TMP_DIR, { recursive: true });
	rmSync(path.join(TMP_DIR, 'n8n.log'), { force: true });
	const results = { machine: machineInfo(), quick: QUICK };
	log(`nproc ${results.machine.nproc}, ${results.machine.cpu}${QUICK ? ' (BENCH_QUICK)' : ''}`);

	// In-process parts first, while no n8n competes for the two cores.
	results.p4 = await part('P4', () => ({
		require: measureRequire(ROOT, DIST, 10),
		pack: measurePack(ROOT),
		dependencies: countRuntimeDependencies(ROOT),
	}));
	results.p2 = await part('P2', runP2);
	results.p8 = await part('P8', () => runP8(ROOT, DIST));

	let env;
	const profileDir =
		process.env.BENCH_PROFILE === '1' ? path.join(TMP_DIR, 'cpu-profiles') : undefined;
	const onSignal = async (signal) => {
		log(`${signal}: stopping n8n and the simulator`);
		if (env) await env.stop();
		process.exit(signal === 'SIGINT' ? 130 : 143);
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		if (['P1', 'P3', 'P5', 'P7'].some((name) => !SKIP.has(name))) {
			if (profileDir) {
				rmSync(profileDir, { recursive: true, force: true });
				mkdirSync(profileDir, { recursive: true });
			}
			env = await startEnvironment({ logDir: TMP_DIR, profileDir, log });
		}
		results.p1 = await part('P1', () =>
			runP1({ ...env, log, rounds: QUICK ? 4 : 20, warmup: QUICK ? 1 : 2 }),
		);
		results.p3 = await part('P3', () => runP3({ ...env, log, items: QUICK ? 5 : 30 }));
		results.p5 = await part('P5', () => runP5({ ...env, log }));
		results.p7 = await part('P7', () => runP7({ ...env, log, rounds: QUICK ? 1 : 3 }));
	} catch (error) {
		log(`n8n environment FAILED: ${error.stack || error}`);
		const reason = {
			error: `n8n environment failed: ${String(error.message || error).slice(0, 300)}`,
		};
		results.p1 ??= reason;
		results.p3 ??= reason;
		results.p5 ??= reason;
		results.p7 ??= reason;
	} finally {
		if (env) await env.stop();
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	}
	// Queue mode last, on its own cluster, once the single n8n is gone.
	results.p6 = await part('P6', () => runP6({ log }));
	// With BENCH_PROFILE=1: where n8n's main thread spent P1's deliveries and P7's uploads.
	const profiled = [
		['P1', 'p1-profile.txt', results.p1 && results.p1.windowsUs],
		['P7', 'p7-profile.txt', results.p7 && results.p7.windowsUs],
	];
	for (const [name, file, windowsUs] of profiled) {
		if (!profileDir || !windowsUs) continue;
		try {
			const analysis = analyzeProfiles(profileDir, windowsUs);
			writeFileSync(path.join(TMP_DIR, file), `${profileText(analysis)}\n`);
			log(`${name} CPU profile summary: bench/results/tmp/${file}`);
		} catch (error) {
			log(`${name} profile analysis failed: ${error.message}`);
		}
	}
	// Only the profile analysis needs the windows.
	if (results.p1) delete results.p1.windowsUs;
	if (results.p7) delete results.p7.windowsUs;

	results.machine.totalSeconds = Math.round((Date.now() - started) / 1000);
	const rows = buildRows(results);
	writeResults(RESULTS_DIR, results, rows, { datedCopy: process.argv.includes('--dated') });
	process.stdout.write(
		`\n${markdownTable(rows)}\n\nWritten to bench/results/latest.md and latest.json\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`bench crashed: ${error.stack || error}\n`);
	process.exit(1);
});
