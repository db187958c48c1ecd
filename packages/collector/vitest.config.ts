// Unit and integration tests beside the code, browser tests under e2e/; the PostgreSQL backend's tests in a project of their own, with one cluster for the run.
import { configDefaults, defineConfig } from 'vitest/config';

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
          exclude: [...configDefaults.exclude, 'src/storage/postgres/**'],
        },
      },
      {
        test: {
          ...shared,
          name: 'postgres',
          include: ['src/storage/postgres/**/*.test.ts'],
          globalSetup: ['src/testing/postgres-setup.ts'],
        },
      },
    ],
  },
});
