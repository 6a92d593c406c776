'use strict';
// node crashFixture.js <throw|hang>: starts PostgreSQL and Redis the way the cluster does, prints
// their group IDs as one JSON line, then crashes with an uncaught error or hangs until killed.
// cleanup.test.js checks that neither outlives this process.
const path = require('node:path');

const { ensureDebianPackages } = require('../../../tools/n8n-harness/system-packages');
const { startPostgres } = require('../../../tools/n8n-harness/queue/postgres');
const { startRedis } = require('../../../tools/n8n-harness/queue/redis');

(async () => {
	const programs = ensureDebianPackages(['postgresql', 'redis-server'], 'the queue-mode suite');
	const pg = await startPostgres({ bin: path.dirname(programs.postgresql) });
	const redis = await startRedis({ binary: programs['redis-server'] });
	process.stdout.write(
		`${JSON.stringify({ groups: [pg.pid, redis.pid], dirs: [pg.dir, redis.dir] })}\n`,
	);
	if (process.argv[2] === 'throw') throw new Error('a test failed half-way (on purpose)');
	setInterval(() => {}, 1000);
})();
