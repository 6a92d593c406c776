// Two projects: `unit` (pure logic, and node code against the local simulator over real HTTP)
// and `e2e` (the built package inside a real n8n). `npm test` runs both.
const tsTransform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }] };

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform: tsTransform,
			testMatch: ['<rootDir>/test/**/*.test.{ts,js}'],
			testPathIgnorePatterns: ['<rootDir>/test/e2e/'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform: tsTransform,
			testMatch: ['<rootDir>/test/e2e/**/*.test.{ts,js}'],
		},
	],
};
