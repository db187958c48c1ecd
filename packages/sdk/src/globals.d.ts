// Compile-time flags, replaced by the bundler (rollup.config.mjs) and by vitest (vitest.config.ts).

/** True in the npm build: parts only developers need (firstTouch(), warnings) are left out of p.js. */
declare const __NPM__: boolean;
