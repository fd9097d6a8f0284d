const base = require('./jest.base.config');

/** Integration and e2e tests share one set of real servers, started once by the global setup. */
module.exports = {
  ...base,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60_000,
  projects: [
    {
      ...base,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'],
    },
    {
      ...base,
      // they restart servers, load the whole stack or hold a shared server's capacity (upload places), so
      // scripts/test.sh runs them alone, one at a time
      displayName: 'serial',
      testMatch: [
        '<rootDir>/test/**/*.serial.spec.ts',
        '<rootDir>/test/**/*.fuzz.spec.ts',
        '<rootDir>/test/**/*.fault.spec.ts',
        '<rootDir>/test/**/*.upgrade.spec.ts',
      ],
    },
  ],
};
