// GET /p.js: the SDK's script-tag bundle, cached by browsers and revalidated by its ETag.
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { Hono } from 'hono';

export function sdkScriptApp(bundlePath: string) {
  const app = new Hono();
  // Read once at start: the bundle changes only when the collector is redeployed.
  const bundle = existsSync(bundlePath) ? readFileSync(bundlePath) : null;
  const etag = bundle && `"${createHash('sha256').update(bundle).digest('base64url').slice(0, 22)}"`;

  app.get('/', (c) => {
    if (!bundle || !etag) {
      return c.json({ error: `the SDK bundle is not built (${bundlePath}); run npm run build` }, 404);
    }
    c.header('Cache-Control', 'public, max-age=3600, stale-while-revalidate=86400');
    c.header('ETag', etag);
    c.header('Access-Control-Allow-Origin', '*');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    c.header('Content-Type', 'application/javascript; charset=utf-8');
    return c.body(new Uint8Array(bundle));
  });
  return app;
}
