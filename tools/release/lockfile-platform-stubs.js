#!/usr/bin/env node
// Our registry lacks some other-platform builds of optional native packages (e.g.
// @unrs/resolver-binding-darwin-arm64@1.13.0), so `npm install` leaves them out of the lockfile
// and `npm ci` then refuses the lock as out of sync. This adds a lock entry with the package's
// os/cpu for each such optional dependency; npm ci skips them on this platform without a fetch.
// Usage: node tools/release/lockfile-platform-stubs.js [package-lock.json ...]
'use strict';
const fs = require('node:fs');

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32', 'netbsd', 'openbsd', 'sunos', 'aix'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32'];

function platformOf(name) {
	const tokens = name.split('/').pop().split(/[-_.]/);
	const os = OS.find((o) => tokens.includes(o)) ?? (tokens.includes('win') ? 'win32' : undefined);
	const cpu = CPU.find((c) => tokens.includes(c) || tokens.includes(c === 'arm' ? 'armv7' : c));
	return { os, cpu };
}

for (const file of process.argv.slice(2).length ? process.argv.slice(2) : ['package-lock.json']) {
	const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
	const added = [];
	for (const [location, entry] of Object.entries(lock.packages)) {
		for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
			const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
			if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
			const { os, cpu } = platformOf(name);
			if (!os && !cpu) continue; // not a platform build: leave it for npm to report
			const stub = { version: version.replace(/^[\^~=]/, ''), optional: true };
			if (entry.dev) stub.dev = true;
			if (os) stub.os = [os];
			if (cpu) stub.cpu = [cpu];
			lock.packages[`node_modules/${name}`] = stub;
			added.push(`${name}@${stub.version}`);
		}
	}
	lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
	fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
	console.log(`${file}: ${added.length} platform stubs added${added.length ? `: ${added.join(', ')}` : ''}`);
}
