// The REST API under /api/v1 and its OpenAPI 3.1 document at /openapi.json, both from the zod schemas of each route.
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { Store } from '../storage/store.js';
import type { IngestDeps } from '../ingest/ingest.js';
import type { ProfileRules } from '../profiles/rules.js';
import { InputError, firstIssue } from '../validation.js';
import { tokenOf } from './tokens.js';
import { profileRoutes } from './profiles.js';
import { segmentRoutes } from './segments.js';
import { eventRoutes } from './events.js';
import { statsRoutes } from './stats.js';
import type { ApiToken } from '../model/access.js';
import type { Site } from '../model/site.js';

export interface ApiDeps extends IngestDeps {
  store: Store;
  profileRules: ProfileRules;
  now: () => number;
  log: (message: string) => void;
}

export type ApiEnv = { Variables: { site: Site; token: ApiToken } };
export type ApiApp = OpenAPIHono<ApiEnv>;

/** How often a token's last use is written: a busy integration should not cost a commit per request. */
const touchEveryMs = 60_000;

export function apiRoute(deps: ApiDeps) {
  const { store, writer, now, log } = deps;
  const app: ApiApp = new OpenAPIHono<ApiEnv>({
    // Bad parameters and bodies are answered like the rest of the collector: 400 naming the field.
    defaultHook: (result, c) => {
      if (!result.success) {
        const { field, message } = firstIssue(result.error);
        return c.json({ error: message, field }, 400);
      }
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token of the site in the path, made with `pulse token add --site KEY --name NAME --scope read,write`. GET routes need the read scope, POST routes the write scope.',
  });

  // The token must belong to the site in the path (any other site is answered as unknown, so keys
  // cannot be probed) and carry the scope the method needs.
  app.use('/api/v1/sites/:site/*', async (c, next) => {
    const token = tokenOf(store, c.req.header('authorization'));
    if ('problem' in token) return c.json({ error: token.problem, field: 'authorization' }, 401);
    const site = store.sites.byKey(c.req.param('site'));
    if (!site || site.id !== token.siteId) {
      return c.json({ error: `site: no site '${c.req.param('site')}' for this token`, field: 'site' }, 404);
    }
    const scope = c.req.method === 'GET' || c.req.method === 'HEAD' ? 'read' : 'write';
    if (!token.scopes.includes(scope)) {
      return c.json({ error: `authorization: this token lacks the ${scope} scope`, field: 'authorization' }, 403);
    }
    const at = now();
    if (token.lastUsedAt === null || at - token.lastUsedAt >= touchEveryMs) {
      writer.run('touchToken', { id: token.id, at }).catch((error: Error) => log(`error: recording a token's use: ${error.message}`));
    }
    c.set('site', site);
    c.set('token', token);
    await next();
  });

  profileRoutes(app, deps);
  segmentRoutes(app, deps);
  eventRoutes(app, deps);
  statsRoutes(app, deps);

  app.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: {
      title: 'Pulse REST API',
      version: '1',
      description: 'Profiles, segments, the event log and the stats of one site, read and written with an API token of that site.',
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));

  app.onError((error, c) => {
    if (error instanceof InputError) return c.json({ error: error.message, field: error.field }, error.status);
    // The JSON validator refuses a body it cannot parse before any handler runs.
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: `body: ${error.message}`, field: 'body' }, error.status);
    }
    throw error;
  });
  return app;
}
