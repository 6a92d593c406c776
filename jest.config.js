// Projects: `unit` (pure logic, and node code against the local simulator over real HTTP),
// `e2e` and `e2e-1x` (the built package inside a real n8n 2.x and 1.x: the same test files),
// `e2e-queue` (n8n 2.x in queue mode), `dev` (`npm run dev` for real) and `stress`. `npm test` runs
// `unit` first and stops there on a failure, then all the others.
//
//   MAVI_N8N_LINES=2x npm test      only the given n8n lines' e2e projects (comma-separated)
//   npx jest --runInBand test/e2e/trigger.test.js --selectProjects e2e-1x   one file on n8n 1.x
const tsTransform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }],
};

// The n8n lines the e2e suite runs against (tools/n8n-harness/runtime.sh installs each once).
const N8N_LINES = { '2x': 'e2e', '1x': 'e2e-1x' };
const selectedLines = (process.env.MAVI_N8N_LINES || Object.keys(N8N_LINES).join(','))
	.split(',')
	.map((line) => line.trim())
	.filter((line) => N8N_LINES[line]);

/**
 * An e2e project: tests that need a real n8n. The n8n line reaches globalSetup (projectConfig)
 * and the test files (globalThis.MAVI_N8N_LINE) through `globals`. A project with its own
 * set-up (e.g. queue mode) passes its own testMatch/globalSetup/globalTeardown and excludes its
 * files from the default projects with `ignore`.
 */
function e2eProject({ displayName, line = '2x', ignore = [], ...overrides }) {
	return {
		displayName,
		testEnvironment: 'node',
		transform: tsTransform,
		testMatch: ['<rootDir>/test/e2e/**/*.test.{ts,js}'],
		testPathIgnorePatterns: ['/node_modules/', ...ignore],
		// One real n8n for all files of the project, started once and stopped by PID even when
		// tests fail.
		globalSetup: '<rootDir>/test/e2e/support/globalSetup.js',
		globalTeardown: '<rootDir>/test/e2e/support/globalTeardown.js',
		modulePathIgnorePatterns: ['<rootDir>/dist/'],
		globals: { MAVI_N8N_LINE: line },
		...overrides,
	};
}

module.exports = {
	// A ceiling for a hung test, not a measure: tests synchronise on events, never on time.
	testTimeout: 120_000,
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: tsTransform,
			testMatch: ['<rootDir>/test/**/*.test.{ts,js}'],
			testPathIgnorePatterns: [
				'<rootDir>/test/e2e/',
				'<rootDir>/test/e2e-queue/',
				'<rootDir>/test/dev/',
				'<rootDir>/test/stress/',
			],
			modulePathIgnorePatterns: ['<rootDir>/dist/'],
		},
		...selectedLines.map((line) => e2eProject({ displayName: N8N_LINES[line], line })),
		{
			displayName: 'dev',
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/dev/**/*.test.js'],
			modulePathIgnorePatterns: ['<rootDir>/dist/'],
		},
		// Hostile callbacks, fault batches and huge transcripts against a private n8n of its own.
		{
			displayName: 'stress',
			testEnvironment: 'node',
			transform: tsTransform,
			testMatch: ['<rootDir>/test/stress/**/*.test.js'],
			modulePathIgnorePatterns: ['<rootDir>/dist/'],
		},
		// n8n 2.x in queue mode (PostgreSQL, Redis, main, 2 webhook processes, 2 workers), own cluster.
		e2eProject({
			displayName: 'e2e-queue',
			testMatch: ['<rootDir>/test/e2e-queue/**/*.test.js'],
			globalSetup: '<rootDir>/test/e2e-queue/support/globalSetup.js',
			globalTeardown: '<rootDir>/test/e2e-queue/support/globalTeardown.js',
		}),
	],
};
