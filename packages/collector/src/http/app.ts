// The collector's HTTP surface: one Hono app composed from a route module per capability.
import { InputError } from '../validation.js';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { eventsRoute, type EventsRouteDeps } from './events.js';
import { sdkScriptRoute } from './sdk-script.js';
import { adminRoute, type AdminDeps } from './admin.js';
import { statsRoute } from '../stats/routes.js';
import { apiRoute } from '../api/app.js';

export interface AppDeps extends Omit<EventsRouteDeps, 'store'>, AdminDeps {
  sdkBundlePath: string;
  /** A folder of static pages served at /demo/, or null. */
  demoDir: string | null;
  log: (message: string) => void;
}

export function createApp(deps: AppDeps) {
  const app = new Hono<{ Bindings: HttpBindings }>();

  app.route('/v1/events', eventsRoute(deps));
  app.route('/p.js', sdkScriptRoute(deps.sdkBundlePath));
  app.route('/v1/admin', adminRoute(deps));
  // The REST API under /api/v1 and its document at /openapi.json.
  app.route('/', apiRoute(deps));
  app.route(
    '/stats',
    statsRoute({ ...deps, clientAddress: (c) => (c.env.incoming ? deps.clientIp(c.env.incoming) : undefined) ?? 'unknown' }),
  );
  app.get('/health', (c) => c.json({ ok: true }));
  if (deps.demoDir) {
    const root = deps.demoDir;
    app.get('/', (c) => c.redirect('/demo/'));
    app.get('/demo', (c) => c.redirect('/demo/'));
    app.use('/demo/*', serveStatic({ root, rewriteRequestPath: (path) => path.slice('/demo'.length) }));
  }

  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof InputError) return c.json({ error: error.message, field: error.field }, error.status);
    // Hono's own middleware (bearer auth) refuses with an HTTPException that carries its answer.
    if (error instanceof HTTPException) return error.getResponse();
    deps.log(`error: ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    // Not the client's fault: a 5xx tells the SDK to keep its events and retry.
    return c.json({ error: 'internal error; the request was not stored, retry later' }, 500);
  });
  return app;
}
