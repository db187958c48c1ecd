// Bundles the account app, which uses the SDK as an npm package, into the demo shop's account page.
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: 'account/main.ts',
  plugins: [nodeResolve(), typescript({ tsconfig: './tsconfig.json', noEmit: false })],
  // One file for the demo page: the SDK's personalization module (a dynamic import) is inlined.
  output: { file: 'shop/account/app.js', format: 'es', inlineDynamicImports: true },
};
