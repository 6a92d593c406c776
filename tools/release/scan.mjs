#!/usr/bin/env node
// `npm run scan`: the lint gate of n8n's verification scanner (@n8n/scan-community-package),
// run locally. Its provenance step needs a publish from GitHub, so we run the two lint passes it
// makes after that step, with its own config and `allowInlineConfig: false`:
//   (a) the source: package.json and {nodes,credentials}/**/*.{js,ts,json}
//   (b) the tarball `npm pack` produces: its **/*.js and package.json
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
	'@n8n/scan-community-package/scanner/scanner.mjs'
);

function report(label, result) {
	if (result.passed) {
		console.log(`✅ ${label}: no errors${result.message ? ` (${result.message})` : ''}`);
		return true;
	}
	console.log(`❌ ${label}: ${result.message}`);
	if (result.details) console.log(result.details);
	return false;
}

const work = mkdtempSync(path.join(tmpdir(), 'mavi-scan-'));
let ok = true;
try {
	ok = report('Source pass (package.json, nodes/, credentials/)', await analyzePackage(root, SOURCE_FILE_PATTERNS)) && ok;

	// The scanner lints what users download, so lint the real tarball of the current build.
	execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work]);
	const files = readdirSync(unpacked, { recursive: true }).filter((f) => f.endsWith('.js')).length;
	ok = report(`Tarball pass (${tarball}: ${files} .js files + package.json)`, await analyzePackage(unpacked, ['**/*.js', 'package.json'])) && ok;
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
