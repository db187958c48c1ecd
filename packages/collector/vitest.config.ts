// Unit and integration tests beside the code, browser tests under e2e/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    setupFiles: ['src/testing/cleanup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
