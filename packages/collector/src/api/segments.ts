// Segments: the list with their sizes, one segment's members a page at a time, and creating, changing and deleting them.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { accepted, deepestIssue, InputError } from '../validation.js';
import { saveSegment } from '../jobs/segments.js';
import { membersPage } from '../reports/segments.js';
import { ruleSchema, type Rule } from '../model/rule.js';
import type { Segment } from '../model/segment.js';
import { memberPageSchema, segmentSchema } from './schemas.js';
import { browserKeyBodySchema } from './personalization-schemas.js';
import { badInput, json, jsonBody, noContent, refusals, security } from './responses.js';
import { apiArea } from './area.js';
import { idParam, siteParams } from './params.js';
import type { ApiDeps, ApiEnv } from './env.js';

/** A segment as written: its name and its rule (README, Rule segments). */
export const segmentBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    rules: z.record(z.string(), z.unknown()).openapi({ description: 'the rule: all / any / not over conditions, as the README describes them', example: { all: [{ score: { gte: 15 } }, { lastSeen: { withinDays: 7 } }] } }),
  })
  .strict()
  .openapi('SegmentInput');

const list = createRoute({
  method: 'get',
  path: '/segments',
  summary: 'The segments with their rules and sizes now',
  security: security('read'),
  request: { params: siteParams() },
  responses: { 200: json(z.array(segmentSchema), 'the segments'), ...refusals },
});

const members = createRoute({
  method: 'get',
  path: '/segments/{id}/members',
  summary: "A page of a segment's members, in profile id order",
  security: security('read'),
  request: {
    params: siteParams({ id: idParam }),
    query: z.object({
      after: z.coerce.number().int().min(0).default(0).openapi({ description: 'the `next` of the page before', type: 'integer' }),
      limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ type: 'integer' }),
    }),
  },
  responses: { 200: json(memberPageSchema, 'a page of members'), ...badInput, ...refusals },
});

const create = createRoute({
  method: 'post',
  path: '/segments',
  summary: 'Create a segment; answered once every person of the site has been evaluated against it',
  security: security('write'),
  request: { params: siteParams(), body: jsonBody(segmentBodySchema) },
  responses: { 201: json(segmentSchema, 'the segment, with its size'), ...badInput, ...refusals },
});

const replace = createRoute({
  method: 'put',
  path: '/segments/{id}',
  summary: "Change a segment's name and rule; answered once every person has been evaluated again",
  security: security('write'),
  request: { params: siteParams({ id: idParam }), body: jsonBody(segmentBodySchema) },
  responses: { 200: json(segmentSchema, 'the segment, with its size'), ...badInput, ...refusals },
});

const expose = createRoute({
  method: 'put',
  path: '/segments/{id}/browser-key',
  summary: "Show the segment to its members' pages under a key, for placements to target and pulse.profile() to list; null stops",
  description: 'Only segments with a key are ever named to a browser, and only to the pages of the visitor who is in them. A key is one segment\'s on the site.',
  security: security('write'),
  request: { params: siteParams({ id: idParam }), body: jsonBody(browserKeyBodySchema) },
  responses: { 200: json(segmentSchema, 'the segment, with its key'), ...badInput, ...refusals },
});

const remove = createRoute({
  method: 'delete',
  path: '/segments/{id}',
  summary: 'Delete a segment with its members and history',
  security: security('write'),
  request: { params: siteParams({ id: idParam }) },
  responses: { 204: noContent('deleted'), ...badInput, ...refusals },
});

/** The rule of a body: its union of conditions is refused by the part that is wrong, not "invalid input". */
export function ruleOf(value: unknown): Rule {
  const parsed = ruleSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { field, message } = deepestIssue(parsed.error, ['rules']);
  throw new InputError(400, field, message);
}

export function segmentsApi({ store, writer, now, profileRules }: ApiDeps) {
  const app = apiArea();
  const withSize = async ({ id, siteId, name, rules, browserKey, createdAt, updatedAt }: Segment) => ({
    id,
    name,
    rules: rules as Record<string, unknown>,
    size: await store.segments.size(siteId, id),
    browserKey,
    createdAt,
    updatedAt,
  });
  const segmentOf = async (c: Context<ApiEnv>, id: number) => {
    const segment = await store.segments.find(c.get('site').id, id);
    if (!segment) throw new InputError(404, 'id', `id: no segment ${id} on this site`);
    return segment;
  };
  /** Saves through the job that evaluates everyone; a name taken or an id gone is answered as such. */
  const save = async (c: Context<ApiEnv>, segment: { id?: number; name: string; rules: Rule }) => {
    const saved = await saveSegment({ writer, now }, c.get('site').id, segment);
    if (!saved) throw new InputError(404, 'id', `id: no segment ${segment.id} on this site`);
    return withSize(accepted(saved));
  };

  app.openapi(list, async (c) => c.json(await Promise.all((await store.segments.list(c.get('site').id)).map(withSize)), 200));

  app.openapi(members, async (c) => {
    const { id } = c.req.valid('param');
    const { after, limit } = c.req.valid('query');
    return c.json(await membersPage(store, await segmentOf(c, id), after, limit, profileRules, now()), 200);
  });

  app.openapi(create, async (c) => {
    const { name, rules } = c.req.valid('json');
    return c.json(await save(c, { name, rules: ruleOf(rules) }), 201);
  });

  app.openapi(replace, async (c) => {
    const { id } = c.req.valid('param');
    const { name, rules } = c.req.valid('json');
    return c.json(await save(c, { id: (await segmentOf(c, id)).id, name, rules: ruleOf(rules) }), 200);
  });

  app.openapi(expose, async (c) => {
    const { id } = c.req.valid('param');
    const siteId = c.get('site').id;
    accepted(await writer.run('exposeSegment', { siteId, segmentId: (await segmentOf(c, id)).id, key: c.req.valid('json').browser_key }));
    return c.json(await withSize(await segmentOf(c, id)), 200);
  });

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    await writer.run('deleteSegment', { siteId: c.get('site').id, id: (await segmentOf(c, id)).id });
    return c.body(null, 204);
  });
  return app;
}
