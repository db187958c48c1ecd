// The collector's HTTP surface: one Hono app, each area (ingest, the script, the REST API, the stats page, the demo shop) a sub-app mounted here.
import { Hono } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { IncomingMessage } from 'node:http';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import type { GeoLookup } from '../enrich/geo.js';
import type { ProfileRules } from '../profiles/rules.js';
import { answerError } from './errors.js';
import { callbacksApp, ingestApp, numbersApp } from './ingest.js';
import { signedCallsApp } from './calls.js';
import { personalizationApp } from './personalization.js';
import { sdkScriptApp } from './sdk-script.js';
import { retiredAdminApp } from './retired-admin.js';
import { apiApp } from '../api/app.js';
import { statsApp } from '../stats/app.js';

export interface AppDeps {
  /** This thread's connection: it reads; every write goes through the writer. */
  store: Store;
  writer: EngineWriter;
  geo: GeoLookup | null;
  profileRules: ProfileRules;
  adminToken: string;
  clientIp: (request: IncomingMessage) => string | undefined;
  maxBodyBytes: number;
  now: () => number;
  sdkBundlePath: string;
  /** A folder of static pages served at /demo/, or null. */
  demoDir: string | null;
  log: (message: string) => void;
}

export function createApp(deps: AppDeps) {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.route('/v1/events', ingestApp(deps));
  app.route('/v1/numbers', numbersApp(deps));
  app.route('/v1/callbacks', callbacksApp(deps));
  app.route('/v1/calls', signedCallsApp(deps));
  app.route('/v1', personalizationApp(deps));
  app.route('/', sdkScriptApp(deps.sdkBundlePath));
  // The REST API under /api/v1 and its document at /openapi.json.
  app.route('/', apiApp(deps));
  app.route('/v1/admin', retiredAdminApp());
  app.route('/stats', statsApp({ ...deps, clientAddress: (c) => (c.env.incoming ? deps.clientIp(c.env.incoming) : undefined) ?? 'unknown' }));
  app.get('/health', (c) => c.json({ ok: true }));
  if (deps.demoDir) {
    const root = deps.demoDir;
    app.get('/', (c) => c.redirect('/demo/'));
    app.get('/demo', (c) => c.redirect('/demo/'));
    app.use('/demo/*', serveStatic({ root, rewriteRequestPath: (path) => path.slice('/demo'.length) }));
  }
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => answerError(error, c, deps.log));
  return app;
}
