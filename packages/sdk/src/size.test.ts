// @vitest-environment node
// The script-tag budget: p.js, built here as `rollup -c` builds it, stays within 3,072 bytes min+gzip (-9).
import { expect, test } from 'vitest';
import { gzipSync } from 'node:zlib';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';
// @ts-expect-error: the rollup config is plain JavaScript, without types.
import { scriptTag } from '../rollup.config.mjs';

const budget = 3072;

test(`p.js is at most ${budget} bytes min+gzip, persistent queue and idb-keyval included`, async () => {
  const { output, ...input } = scriptTag as RollupOptions & { output: OutputOptions };
  const bundle = await rollup({ ...input, onwarn: (warning) => { throw new Error(String(warning.message)); } });
  const { output: chunks } = await bundle.generate(output);
  await bundle.close();
  const code = chunks[0].code;
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(`p.js: ${code.length} bytes minified, ${gzipped} bytes gzip -9 (budget ${budget})`);
  expect(code).toContain('indexedDB');
  expect(gzipped).toBeLessThanOrEqual(budget);
}, 120_000);
