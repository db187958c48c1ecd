// The admin JSON API behind a bearer token: profiles, the top of the score ranking, event definitions, segments, webhooks.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { bearerAuth } from 'hono/bearer-auth';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { saveSegment } from '../jobs/segments.js';
import { presetKinds, presets, presetSegment, type PresetKind } from '../segments/presets.js';
import { defaultPoints } from '../score/definition.js';
import { profileSummary, profileView } from '../profiles/view.js';
import type { ProfileRules } from '../profiles/rules.js';
import { InputError, firstIssue } from '../validation.js';
import { endpointChangesSchema, newEndpointSchema } from '../webhooks/endpoints.js';
import { privacyRoutes } from './privacy.js';
import type { Segment } from '../model/segment.js';
import { ruleSchema } from '../model/rule.js';
import { definitionChangesSchema } from '../model/definition.js';

export interface AdminDeps {
  store: Store;
  writer: EngineWriter;
  adminToken: string;
  profileRules: ProfileRules;
  now: () => number;
}

export function adminRoute({ store, writer, adminToken, profileRules, now }: AdminDeps) {
  const app = new Hono();
  app.use('*', bearerAuth({ token: adminToken }));

  const siteOf = (key: string) => {
    const site = store.sites.byKey(key);
    if (!site) throw new InputError(404, 'site', `site: no site has the key '${key}'`);
    return site;
  };
  const limitOf = (value: string | undefined, fallback: number) => {
    const limit = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) throw new InputError(400, 'limit', 'limit: must be a whole number from 1 to 1000');
    return limit;
  };

  const bodyOf = async <T>(c: Context, schema: z.ZodType<T>): Promise<T> => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new InputError(400, 'body', 'body: not valid JSON');
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      throw new InputError(400, field, message);
    }
    return parsed.data;
  };
  const segmentOf = (siteId: number, id: string) => {
    const segment = store.segments.find(siteId, Number(id));
    if (!segment) throw new InputError(404, 'id', `id: no segment ${id} on this site`);
    return segment;
  };
  const segmentOrError = (saved: Awaited<ReturnType<typeof saveSegment>>, id: number) => {
    if (!saved) throw new InputError(404, 'id', `id: no segment ${id} on this site`);
    if ('field' in saved) throw new InputError(400, saved.field, saved.message);
    return saved;
  };
  const withSize = (segment: Segment) => ({ ...segment, size: store.segments.size(segment.id) });
  const presetOf = (kind: string) => {
    if (!presetKinds.includes(kind as PresetKind)) throw new InputError(404, 'kind', `kind: no preset '${kind}' (there are ${presetKinds.join(', ')})`);
    return kind as PresetKind;
  };
  const presetSegmentOrError = (kind: PresetKind, params: unknown) => {
    try {
      return presetSegment(kind, params);
    } catch (error) {
      if (!(error instanceof z.ZodError)) throw error;
      const { field, message } = firstIssue(error);
      throw new InputError(400, field, message);
    }
  };

  app.get('/sites/:site/definitions', (c) => c.json(store.definitions.list(siteOf(c.req.param('site')).id)));

  app.patch('/sites/:site/definitions/:name', async (c) => {
    const site = siteOf(c.req.param('site'));
    const name = c.req.param('name');
    const changes = await bodyOf(c, definitionChangesSchema.strict());
    return c.json(await writer.run('saveDefinition', { siteId: site.id, name, changes, defaultPoints: defaultPoints[name] ?? 0, now: now() }));
  });

  app.get('/sites/:site/profiles/top', (c) => {
    const site = siteOf(c.req.param('site'));
    const at = now();
    return c.json(store.profiles.top(site.id, limitOf(c.req.query('limit'), 50)).map((p) => profileSummary(p, at, profileRules)));
  });

  app.get('/sites/:site/profiles/:by{visitor|user}/:id', (c) => {
    const site = siteOf(c.req.param('site'));
    const id = c.req.param('id');
    const profile = c.req.param('by') === 'visitor' ? store.profiles.ofVisitor(site.id, id) : store.profiles.ofUser(site.id, id);
    if (!profile) throw new InputError(404, 'id', `id: no profile for ${c.req.param('by')} '${id}'`);
    return c.json(profileView(store, profile, now(), profileRules));
  });
  app.get('/sites/:site/segments', (c) => c.json(store.segments.list(siteOf(c.req.param('site')).id).map(withSize)));

  app.post('/sites/:site/segments', async (c) => {
    const site = siteOf(c.req.param('site'));
    const { name, rules } = await bodyOf(c, segmentBodySchema);
    const segment = segmentOrError(await saveSegment({ writer, now }, site.id, { name, rules }), 0);
    return c.json(withSize(segment), 201);
  });

  app.put('/sites/:site/segments/:id', async (c) => {
    const site = siteOf(c.req.param('site'));
    const existing = segmentOf(site.id, c.req.param('id'));
    const { name, rules } = await bodyOf(c, segmentBodySchema);
    const segment = segmentOrError(await saveSegment({ writer, now }, site.id, { id: existing.id, name, rules }), existing.id);
    return c.json(withSize(segment));
  });

  app.delete('/sites/:site/segments/:id', async (c) => {
    const site = siteOf(c.req.param('site'));
    const segment = segmentOf(site.id, c.req.param('id'));
    await writer.run('deleteSegment', { siteId: site.id, id: segment.id });
    return c.body(null, 204);
  });

  app.get('/presets', (c) => c.json(presetKinds.map((kind) => ({ kind, label: presets[kind].label, about: presets[kind].about }))));

  // Turning a preset on (or tuning it) writes its rule segment; one per category or brand it is aimed at.
  app.put('/sites/:site/presets/:kind', async (c) => {
    const site = siteOf(c.req.param('site'));
    const kind = presetOf(c.req.param('kind'));
    const { name, rules } = presetSegmentOrError(kind, await bodyOf(c, z.record(z.string(), z.unknown())));
    const existing = store.segments.list(site.id).find((s) => s.name === name);
    const segment = segmentOrError(await saveSegment({ writer, now }, site.id, { id: existing?.id, name, rules }), existing?.id ?? 0);
    return c.json(withSize(segment), existing ? 200 : 201);
  });

  app.delete('/sites/:site/presets/:kind', async (c) => {
    const site = siteOf(c.req.param('site'));
    const kind = presetOf(c.req.param('kind'));
    const { name } = presetSegmentOrError(kind, c.req.query());
    const segment = store.segments.list(site.id).find((s) => s.name === name);
    if (!segment) throw new InputError(404, 'kind', `kind: the preset '${name}' is not on for this site`);
    await writer.run('deleteSegment', { siteId: site.id, id: segment.id });
    return c.body(null, 204);
  });

  app.get('/sites/:site/segments/:id/members', (c) => {
    const site = siteOf(c.req.param('site'));
    const segment = segmentOf(site.id, c.req.param('id'));
    const after = Number(c.req.query('after') ?? 0);
    if (!Number.isInteger(after) || after < 0) throw new InputError(400, 'after', 'after: must be a profile id');
    const limit = limitOf(c.req.query('limit'), 100);
    const members = store.segments.members(segment.id, after, limit);
    return c.json({ members, next: members.length === limit ? members.at(-1)!.profileId : null });
  });

  const endpointOf = (siteId: number, id: string) => {
    const endpoint = store.webhooks.find(siteId, Number(id));
    if (!endpoint) throw new InputError(404, 'id', `id: no webhook ${id} on this site`);
    return endpoint;
  };
  app.get('/sites/:site/webhooks', (c) => c.json(store.webhooks.list(siteOf(c.req.param('site')).id)));

  app.post('/sites/:site/webhooks', async (c) => {
    const site = siteOf(c.req.param('site'));
    const input = await bodyOf(c, newEndpointSchema);
    return c.json(await writer.run('addEndpoint', { siteId: site.id, input, now: now() }), 201);
  });

  app.patch('/sites/:site/webhooks/:id', async (c) => {
    const site = siteOf(c.req.param('site'));
    const existing = endpointOf(site.id, c.req.param('id'));
    const changes = await bodyOf(c, endpointChangesSchema);
    const endpoint = await writer.run('changeEndpoint', { existing, changes, now: now() });
    if (!endpoint) throw new InputError(404, 'id', `id: no webhook ${existing.id} on this site`);
    return c.json(endpoint);
  });

  app.delete('/sites/:site/webhooks/:id', async (c) => {
    const site = siteOf(c.req.param('site'));
    const endpoint = endpointOf(site.id, c.req.param('id'));
    await writer.run('deleteEndpoint', { siteId: site.id, id: endpoint.id });
    return c.body(null, 204);
  });
  privacyRoutes(app, { store, writer, adminToken, profileRules, now }, { siteOf, bodyOf });
  return app;
}

const segmentBodySchema = z.object({ name: z.string().trim().min(1).max(100), rules: ruleSchema }).strict();
