// Unit and integration tests beside the code, browser tests under e2e/; the PostgreSQL backend's tests in a project of their own, with one cluster for the run.
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The engine's tests that run again on PostgreSQL (testing/backend.ts picks the database): every test
 * that goes through the store rather than a SQLite file of its own.
 */
const onBothBackends = [
  'src/seed/personalization.test.ts',
  'src/jobs/delivery.test.ts',
  'src/server.test.ts',
  'src/stats/auth/auth.test.ts',
  'src/funnels/advance.test.ts',
  'src/profiles/dimensions.test.ts',
  'src/engine/*.test.ts',
  'src/http/personalization.test.ts',
  'src/segments/*.test.ts',
  'src/api/*.test.ts',
  'src/clusters/clusters.test.ts',
  'src/traffic/tally.test.ts',
  'src/reports/*.test.ts',
];

const shared = {
  setupFiles: ['src/testing/cleanup.ts'],
  testTimeout: 30_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'src/storage/postgres/**', 'src/scale-out*.test.ts'],
        },
      },
      {
        test: {
          ...shared,
          name: 'postgres',
          include: ['src/storage/postgres/**/*.test.ts', 'src/scale-out*.test.ts', ...onBothBackends],
          globalSetup: ['src/testing/postgres-setup.ts'],
          env: { PULSE_TEST_BACKEND: 'postgres' },
        },
      },
    ],
  },
});
