// GET /p.js and its lazy chunks (/p-calls.js, …): the SDK's script-tag bundles, cached by browsers and revalidated by their ETags.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

/** The script tag's file names: p.js and its chunks p-NAME.js. */
const scriptName = /^p(-[a-z]+)?\.js$/;

/** Serves the p.js bundle at `bundlePath` and the chunks built beside it, each under its own file name. */
export function sdkScriptApp(bundlePath: string) {
  const app = new Hono();
  const dir = dirname(bundlePath);
  // Read once at start: the bundles change only when the collector is redeployed.
  const scripts = new Map(
    (existsSync(dir) ? readdirSync(dir) : [])
      .filter((name) => scriptName.test(name))
      .map((name) => {
        const bundle = readFileSync(join(dir, name));
        return [name, { bundle, etag: `"${createHash('sha256').update(bundle).digest('base64url').slice(0, 22)}"` }] as const;
      }),
  );

  app.get('/:file{p(-[a-z]+)?\\.js}', (c) => {
    const file = c.req.param('file');
    const script = scripts.get(file);
    if (!script) {
      return c.json({ error: `the SDK bundle is not built (${join(dir, file)}); run npm run build` }, 404);
    }
    c.header('Cache-Control', 'public, max-age=3600, stale-while-revalidate=86400');
    c.header('ETag', script.etag);
    // p.js may be served from another origin than the site's, and a chunk may be imported as a module: both need CORS.
    c.header('Access-Control-Allow-Origin', '*');
    if (c.req.header('if-none-match') === script.etag) return c.body(null, 304);
    c.header('Content-Type', 'application/javascript; charset=utf-8');
    return c.body(new Uint8Array(script.bundle));
  });
  return app;
}
