// The admin JSON API behind a bearer token: profiles, the top of the score ranking, event definitions.
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import type { Store } from '../storage/store.js';
import { InputError } from '../ingest/ingest.js';
import { defaultPoints, definitionChangesSchema } from '../score/definition.js';
import { profileSummary, profileView } from '../profiles/view.js';
import type { ProfileRules } from '../profiles/rules.js';
import { firstIssue } from '../validation.js';

export interface AdminDeps {
  store: Store;
  adminToken: string;
  profileRules: ProfileRules;
  now: () => number;
}

export function adminRoute({ store, adminToken, profileRules, now }: AdminDeps) {
  const app = new Hono();
  app.use('*', bearerAuth({ token: adminToken }));

  const siteOf = (key: string) => {
    const site = store.findSiteByKey(key);
    if (!site) throw new InputError(404, 'site', `site: no site has the key '${key}'`);
    return site;
  };
  const limitOf = (value: string | undefined, fallback: number) => {
    const limit = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) throw new InputError(400, 'limit', 'limit: must be a whole number from 1 to 1000');
    return limit;
  };

  app.get('/sites/:site/definitions', (c) => c.json(store.listDefinitions(siteOf(c.req.param('site')).id)));

  app.patch('/sites/:site/definitions/:name', async (c) => {
    const site = siteOf(c.req.param('site'));
    const name = c.req.param('name');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new InputError(400, 'body', 'body: not valid JSON');
    }
    const changes = definitionChangesSchema.strict().safeParse(body);
    if (!changes.success) {
      const { field, message } = firstIssue(changes.error);
      throw new InputError(400, field, message);
    }
    return c.json(store.saveDefinition(site.id, name, changes.data, defaultPoints[name] ?? 0, now()));
  });

  app.get('/sites/:site/profiles/top', (c) => {
    const site = siteOf(c.req.param('site'));
    const at = now();
    return c.json(store.topProfiles(site.id, limitOf(c.req.query('limit'), 50)).map((p) => profileSummary(p, at, profileRules)));
  });

  app.get('/sites/:site/profiles/:by{visitor|user}/:id', (c) => {
    const site = siteOf(c.req.param('site'));
    const id = c.req.param('id');
    const profile = c.req.param('by') === 'visitor' ? store.findProfileOfVisitor(site.id, id) : store.findProfileOfUser(site.id, id);
    if (!profile) throw new InputError(404, 'id', `id: no profile for ${c.req.param('by')} '${id}'`);
    return c.json(profileView(store, profile, now(), profileRules));
  });
  return app;
}
