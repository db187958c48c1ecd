// @vitest-environment node
// The script-tag budgets: p.js and each lazy chunk, built here as `rollup -c` builds them, stay within their bytes min+gzip (-9).
import { expect, test } from 'vitest';
import { gzipSync } from 'node:zlib';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';
// @ts-expect-error: the rollup config is plain JavaScript, without types.
import { callbackChunk, callsChunk, scriptTag, siteChunk } from '../rollup.config.mjs';

/** The bundle's minified code, and its size gzipped at level 9, printed beside its budget. */
async function measure(config: RollupOptions & { output: OutputOptions }, budget: number) {
  const { output, ...input } = config;
  const bundle = await rollup({ ...input, onwarn: (warning) => { throw new Error(String(warning.message)); } });
  const { output: chunks } = await bundle.generate(output);
  await bundle.close();
  const code = chunks[0].code;
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`${output.file}: ${code.length} bytes minified, ${gzipped} bytes gzip -9 (budget ${budget})`);
  return { code, gzipped };
}

test('p.js is at most 3,072 bytes min+gzip, persistent queue and idb-keyval included', async () => {
  const { code, gzipped } = await measure(scriptTag, 3072);
  expect(code).toContain('indexedDB');
  expect(gzipped).toBeLessThanOrEqual(3072);
}, 120_000);

test('p-calls.js is at most 2,048 bytes min+gzip, and stands alone', async () => {
  const { code, gzipped } = await measure(callsChunk, 2048);
  // It talks to p.js only through window.pulse: none of p.js's queue comes with it.
  expect(code).not.toContain('indexedDB');
  expect(gzipped).toBeLessThanOrEqual(2048);
}, 120_000);

test('p-callback.js is at most 2,560 bytes min+gzip: the dialog, its styles and its form', async () => {
  const { code, gzipped } = await measure(callbackChunk, 2560);
  expect(code).not.toContain('indexedDB');
  expect(gzipped).toBeLessThanOrEqual(2560);
}, 120_000);

test('p-site.js is at most 3,072 bytes min+gzip: event rules, slots, the profile, and stands alone', async () => {
  const { code, gzipped } = await measure(siteChunk, 3072);
  expect(code).not.toContain('indexedDB');
  // Wire types only: zod never comes with it.
  expect(code).not.toContain('ZodError');
  expect(gzipped).toBeLessThanOrEqual(3072);
}, 120_000);
