'use strict';
// The Debian packages the test suites need: chromium (the editor test), PostgreSQL and Redis
// (queue mode). `npm test` calls this itself, so a newcomer's `npm install && npm test` is enough:
// as root on Debian a missing package is installed once with apt-get; anywhere else the error
// says in one line what to install.
//
//   const { ensureDebianPackages } = require('./system-packages');
//   const { chromium } = ensureDebianPackages(['chromium'], 'the editor test');
//
//   node tools/n8n-harness/system-packages.js chromium postgresql redis-server   (prints name=path lines)
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

function onPath(command) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const candidate = path.join(dir || '.', command);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			// not in this folder
		}
	}
	return undefined;
}

/** PostgreSQL's server programs are not on PATH on Debian: /usr/lib/postgresql/<major>/bin. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((name) => /^\d+$/.test(name))
		.sort((a, b) => Number(b) - Number(a));
	for (const major of majors) {
		const bin = path.join(root, major, 'bin');
		if (fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'postgres'))) {
			return bin;
		}
	}
	return undefined;
}

// What each name needs installed, and where its program is once it is.
const PACKAGES = {
	chromium: { debian: ['chromium'], locate: () => onPath('chromium') },
	postgresql: {
		debian: ['postgresql'],
		locate: () => {
			const bin = postgresBinDir();
			return bin && path.join(bin, 'postgres');
		},
	},
	'redis-server': { debian: ['redis-server'], locate: () => onPath('redis-server') },
};

function locateAll(names) {
	const found = {};
	for (const name of names) {
		const spec = PACKAGES[name];
		if (!spec) throw new Error(`system-packages: unknown package "${name}"`);
		found[name] = spec.locate();
	}
	return found;
}

function run(command, args) {
	const result = spawnSync(command, args, {
		stdio: ['ignore', 'ignore', 'pipe'],
		encoding: 'utf8',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (result.status !== 0) {
		const detail = (result.stderr || result.error?.message || '').trim().split('\n').slice(-3);
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.status}): ${detail.join(' | ')}`,
		);
	}
}

/**
 * Returns `{ name: absolute path of its program }` for every name, installing what is missing
 * when that is possible (root + apt-get). `purpose` completes the progress line.
 */
function ensureDebianPackages(names, purpose) {
	let found = locateAll(names);
	const missing = names.filter((name) => !found[name]);
	if (missing.length === 0) return found;

	const debian = [...new Set(missing.flatMap((name) => PACKAGES[name].debian))];
	const canInstall =
		typeof process.getuid === 'function' && process.getuid() === 0 && onPath('apt-get');
	if (!canInstall) {
		throw new Error(
			`${missing.join(', ')} not found, needed for ${purpose}: install Debian's ` +
				`${debian.join(' ')} (sudo apt-get install ${debian.join(' ')}), or run the tests as root ` +
				'on Debian so they install it themselves.',
		);
	}
	process.stderr.write(
		`[setup] ${purpose} needs ${debian.join(', ')}: installing from Debian's packages (once)...\n`,
	);
	const t0 = Date.now();
	// Another test process may be installing at the same moment: wait for apt's lock.
	const lock = ['-o', 'DPkg::Lock::Timeout=600'];
	run('apt-get', [...lock, 'update', '-qq']);
	run('apt-get', [...lock, 'install', '-y', '-qq', ...debian]);
	found = locateAll(names);
	const stillMissing = names.filter((name) => !found[name]);
	if (stillMissing.length > 0) {
		throw new Error(
			`apt-get installed ${debian.join(' ')}, but ${stillMissing.join(', ')} is still not found`,
		);
	}
	process.stderr.write(
		`[setup] installed ${debian.join(', ')} in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
	);
	return found;
}

module.exports = { ensureDebianPackages, postgresBinDir };

if (require.main === module) {
	try {
		const found = ensureDebianPackages(process.argv.slice(2), 'this command');
		for (const [name, location] of Object.entries(found)) console.log(`${name}=${location}`);
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
