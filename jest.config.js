// Jest 30 in ESM mode: run through `node --experimental-vm-modules`.
const common = {
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^nestjs-twpay$': '<rootDir>/libs/payments/src/index.ts',
    '^nestjs-twpay/simulator$': '<rootDir>/libs/simulator/src/index.ts',
    '^nestjs-twpay/protocol$': '<rootDir>/libs/payments/src/protocol/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

// Which suites run: `npm test` runs unit + e2e; `test:e2e`, `test:browser` and `test:package` set this.
// (An env variable rather than --selectProjects, which would swallow the path filters after it.)
const suites = (process.env.TWPAY_TEST_SUITES ?? 'unit,e2e').split(',');

/** @type {import('jest').Config} */
export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts'],
    },
    {
      // The same suites run on SQLite by default and on PostgreSQL / MariaDB when
      // TWPAY_TEST_DB says so (see .ci/run and libs/payments/test/support/test-database.ts).
      ...common,
      displayName: 'e2e',
      testMatch: [
        '<rootDir>/libs/**/*.e2e-spec.ts',
        '<rootDir>/test/**/*.e2e-spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/**/*.browser-spec.ts'],
    },
    {
      // `npm run test:reliability`: the PostgreSQL reliability suite (test/reliability).
      ...common,
      displayName: 'reliability',
      testMatch: ['<rootDir>/test/reliability/**/*.rel-spec.ts'],
    },
    {
      // `npm run test:package`: packs the library and installs it into a scratch app.
      ...common,
      displayName: 'package',
      testMatch: ['<rootDir>/test/**/*.package-spec.ts'],
    },
  ].filter((project) => suites.includes(project.displayName)),
};
