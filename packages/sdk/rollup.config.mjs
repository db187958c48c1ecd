// Builds dist/p.js and its lazy chunks (script tag: IIFEs, minified, size-budgeted) and dist/index.js + .d.ts (npm: ESM).
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rmSync } from 'node:fs';

/** Compile-time flags (src/globals.d.ts): each build keeps only the code its users need. */
function flags(values) {
  return {
    name: 'flags',
    transform(code) {
      let out = code;
      for (const [name, value] of Object.entries(values)) out = out.replaceAll(name, JSON.stringify(value));
      return out === code ? null : { code: out, map: null };
    },
  };
}

/** A script-tag bundle: an IIFE, minified alike for p.js and every lazy chunk; exported for the size test, which builds them in memory. */
const scriptBundle = (input, file) => ({
  input,
  plugins: [
    nodeResolve(),
    typescript({ tsconfig: './tsconfig.build.json', noEmit: false, noEmitOnError: true }),
    flags({ __NPM__: false }),
  ],
  output: {
    file,
    format: 'iife',
    strict: false,
    plugins: [
      terser({
        ecma: 2020,
        compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, pure_getters: true, booleans_as_integers: true },
        mangle: { properties: { regex: /^_/ } },
        format: { comments: false },
      }),
    ],
  },
});

export const scriptTag = scriptBundle('src/script-tag.ts', 'dist/p.js');
/** Call tracking, loaded by p.js only for sites that have number pools. */
export const callsChunk = scriptBundle('src/calls.ts', 'dist/p-calls.js');
/** The callback widget, loaded by p-calls.js only when the collector offers it to the visitor. */
export const callbackChunk = scriptBundle('src/callback/chunk.ts', 'dist/p-callback.js');
/** Event rules and placements, loaded by p.js for sites that have them, or by profile(), on() and slot(). */
export const siteChunk = scriptBundle('src/site/chunk.ts', 'dist/p-site.js');

const npm = {
  input: 'src/index.ts',
  // idb-keyval stays a dependency: npm users' bundlers dedupe it.
  external: ['idb-keyval'],
  plugins: [
    typescript({
      tsconfig: './tsconfig.build.json',
      noEmit: false,
      noEmitOnError: true,
      declaration: true,
      declarationDir: 'dist',
      rootDir: 'src',
      outDir: 'dist',
    }),
    flags({ __NPM__: true }),
  ],
  // Personalization is imported dynamically (site.js), so the user's bundler splits it off as p.js's
  // chunk is; what both it and index.js use is core.js.
  output: { dir: 'dist', format: 'es', entryFileNames: 'index.js', chunkFileNames: (chunk) => (chunk.isDynamicEntry ? 'site.js' : 'core.js'), sourcemap: false },
};

/** Empties dist/ before a build, so files of removed modules do not linger in the package. */
const clean = { name: 'clean', buildStart: () => rmSync('dist', { recursive: true, force: true }) };

export default [{ ...scriptTag, plugins: [clean, ...scriptTag.plugins] }, callsChunk, callbackChunk, siteChunk, npm];
