// The AWS SDK warns once per process under Node.js 20 that its releases after January 2027 need Node.js 22 (the
// lock file pins this release; the Lambda runs 22). Its own switch turns that off for the test run: jest's workers
// and every process a test starts with the inherited environment (the CLI, `npm start`, `cdk synth`) read it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  collectCoverageFrom: ['lambda/**/*.ts'],
  coverageReporters: ['text-summary', 'text'],
  coverageThreshold: { global: { lines: 90 } },
  testTimeout: 120000,
};
