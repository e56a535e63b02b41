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
