// The stats page's scripts and styles, served from this package: intranets have no CDN.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { Hono } from 'hono';

const own = join(dirname(fileURLToPath(import.meta.url)), '../../assets');
const uplot = dirname(createRequire(import.meta.url).resolve('uplot'));

const files: Record<string, { path: string; type: string }> = {
  'stats.css': { path: join(own, 'stats.css'), type: 'text/css; charset=utf-8' },
  'charts.js': { path: join(own, 'charts.js'), type: 'text/javascript; charset=utf-8' },
  'funnels.js': { path: join(own, 'funnels.js'), type: 'text/javascript; charset=utf-8' },
  'segments.js': { path: join(own, 'segments.js'), type: 'text/javascript; charset=utf-8' },
  'uPlot.min.css': { path: join(uplot, 'uPlot.min.css'), type: 'text/css; charset=utf-8' },
  'uPlot.iife.min.js': { path: join(uplot, 'uPlot.iife.min.js'), type: 'text/javascript; charset=utf-8' },
};

export function assetsRoute() {
  const app = new Hono();
  const loaded = new Map(
    Object.entries(files).map(([name, file]) => {
      const body = readFileSync(file.path);
      return [name, { body, type: file.type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` }];
    }),
  );
  app.get('/:name', (c) => {
    const asset = loaded.get(c.req.param('name'));
    if (!asset) return c.notFound();
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    return c.body(new Uint8Array(asset.body), 200, { 'content-type': asset.type, etag: asset.etag, 'cache-control': 'no-cache' });
  });
  return app;
}
