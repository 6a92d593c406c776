// P4: require() time of the built node and credential files in fresh Node processes, the
// npm pack tarball size, and the number of runtime dependencies.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { median, round } from './stats.mjs';

// Inside n8n, n8n-workflow (and the zod it ships) are loaded long before any community node, so
// "ours" is timed with them preloaded; the cold total is reported for reference.
const PROBE = `
const { performance } = require('node:perf_hooks');
const files = JSON.parse(process.argv[1]);
const t0 = performance.now();
require('n8n-workflow');
require('zod');
const t1 = performance.now();
for (const file of files) {
	const exported = require(file);
	for (const Type of Object.values(exported)) if (typeof Type === 'function') new Type();
}
const t2 = performance.now();
process.stdout.write(JSON.stringify({ depsMs: t1 - t0, oursMs: t2 - t1 }));
`;

export function builtFiles(root, dist) {
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	return [...pkg.n8n.credentials, ...pkg.n8n.nodes].map((file) =>
		path.join(dist, path.relative('dist', file)),
	);
}

export function measureRequire(root, dist, runs = 10) {
	const files = builtFiles(root, dist);
	const ours = [];
	const deps = [];
	for (let i = 0; i < runs; i++) {
		const result = spawnSync(process.execPath, ['-e', PROBE, JSON.stringify(files)], {
			cwd: root,
			encoding: 'utf8',
		});
		if (result.status !== 0)
			throw new Error(`require probe failed: ${result.stderr.slice(0, 500)}`);
		const sample = JSON.parse(result.stdout);
		ours.push(sample.oursMs);
		deps.push(sample.depsMs);
	}
	return {
		files: files.map((file) => path.relative(root, file)),
		runs,
		oursMsMedian: round(median(ours), 1),
		depsMsMedian: round(median(deps), 1),
		coldTotalMsMedian: round(median(ours.map((v, i) => v + deps[i])), 1),
		oursMs: ours.map((v) => round(v, 1)),
	};
}

export function measurePack(root) {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [info] = JSON.parse(out);
	return { tarballBytes: info.size, unpackedBytes: info.unpackedSize, files: info.entryCount };
}

export function countRuntimeDependencies(root) {
	const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
	return {
		dependencies: Object.keys(pkg.dependencies || {}).length,
		peerDependencies: pkg.peerDependencies || {},
	};
}
