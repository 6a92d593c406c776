'use strict';
// PostgreSQL and Redis come from Debian's packages. scripts/system-packages.js installs what is
// missing (as root with apt) or names it in one line; until it exists, check the binaries only.
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('../../e2e/support/n8n');
const { findBinDir } = require('./postgres');

const PACKAGES = ['postgresql', 'redis-server'];

function ensureSystemPackages() {
	const script = path.join(ROOT, 'scripts/system-packages.js');
	if (fs.existsSync(script)) require(script).ensure?.(PACKAGES);
	findBinDir();
}

module.exports = { ensureSystemPackages, PACKAGES };
