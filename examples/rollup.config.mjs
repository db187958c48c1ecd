// Bundles the account app, which uses the SDK as an npm package, into the demo shop's account page.
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: 'account/main.ts',
  plugins: [nodeResolve(), typescript({ tsconfig: './tsconfig.json', noEmit: false })],
  output: { file: 'shop/account/app.js', format: 'es' },
};
