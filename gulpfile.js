// `npm run build`: clean dist/, compile with tsc, then copy what tsc does not emit:
// the SVG icons and the codex files (<Node>.node.json) next to the compiled nodes.
const { src, dest, series } = require('gulp');
const { rmSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

function clean(done) {
	rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
	rmSync(path.join(__dirname, 'tsconfig.tsbuildinfo'), { force: true });
	done();
}

function compile(done) {
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
		cwd: __dirname,
		stdio: 'inherit',
	});
	done();
}

function copyAssets() {
	return src(['nodes/**/*.{svg,png,node.json}', 'credentials/**/*.{svg,png}', 'icons/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports.build = series(clean, compile, copyAssets);
exports.default = exports.build;
