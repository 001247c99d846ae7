/**
 * Two projects: `unit` (domain tables, no database) and `integration` (one
 * PostgreSQL per run, one database per file). Only the integration project has
 * the global setup, so `jest --selectProjects unit` starts no PostgreSQL.
 */
const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/test/unit'] },
    {
      ...shared,
      displayName: 'integration',
      // client/test: the client package against a real server and database.
      roots: ['<rootDir>/test/integration', '<rootDir>/client/test'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
