// Two projects: `unit` (pure logic, and node code against the local simulator over real HTTP)
// and `e2e` (the built package inside a real n8n). `npm test` runs both.
const tsTransform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }],
};

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: tsTransform,
			testMatch: ['<rootDir>/test/**/*.test.{ts,js}'],
			testPathIgnorePatterns: ['<rootDir>/test/e2e/', '<rootDir>/test/e2e-queue/'],
			modulePathIgnorePatterns: ['<rootDir>/dist/'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform: tsTransform,
			testMatch: ['<rootDir>/test/e2e/**/*.test.{ts,js}'],
			// One real n8n for all e2e files, started once and stopped by PID even when tests fail.
			globalSetup: '<rootDir>/test/e2e/support/globalSetup.js',
			globalTeardown: '<rootDir>/test/e2e/support/globalTeardown.js',
			modulePathIgnorePatterns: ['<rootDir>/dist/'],
		},
		{
			// n8n in queue mode (PostgreSQL, Redis, main, 2 webhook processes, 2 workers), own cluster.
			displayName: 'e2e-queue',
			testEnvironment: 'node',
			testMatch: ['<rootDir>/test/e2e-queue/**/*.test.js'],
			globalSetup: '<rootDir>/test/e2e-queue/support/globalSetup.js',
			globalTeardown: '<rootDir>/test/e2e-queue/support/globalTeardown.js',
			modulePathIgnorePatterns: ['<rootDir>/dist/'],
		},
	],
};
