// Unit tests run beside the code they test, in happy-dom at a shop's URL; flags as in the npm build.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __NPM__: 'true' },
  test: {
    environment: 'happy-dom',
    // Scripts made in tests are never fetched: their src only names the collector.
    environmentOptions: { happyDOM: { url: 'https://shop.example/', settings: { disableJavaScriptFileLoading: true } } },
    include: ['src/**/*.test.ts'],
  },
});
