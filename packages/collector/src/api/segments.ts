// Segments with their sizes, and each segment's members a page at a time.
import { InputError } from '../validation.js';
import { createRoute, z } from '@hono/zod-openapi';
import { decayedScore } from '../score/decay.js';
import { memberPageSchema, segmentSchema } from './schemas.js';
import { badInput, json, refusals, security } from './responses.js';
import type { ApiApp, ApiDeps } from './app.js';

const site = z.string().openapi({ param: { name: 'site', in: 'path' }, example: 'demo' });

const list = createRoute({
  method: 'get',
  path: '/api/v1/sites/{site}/segments',
  summary: 'The segments with their rules and sizes now',
  security: security('read'),
  request: { params: z.object({ site }) },
  responses: { 200: json(z.array(segmentSchema), 'the segments'), ...refusals },
});

const members = createRoute({
  method: 'get',
  path: '/api/v1/sites/{site}/segments/{id}/members',
  summary: "A page of a segment's members, in profile id order",
  security: security('read'),
  request: {
    params: z.object({ site, id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, type: 'integer' }) }),
    query: z.object({
      after: z.coerce.number().int().min(0).default(0).openapi({ description: 'the `next` of the page before', type: 'integer' }),
      limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ type: 'integer' }),
    }),
  },
  responses: { 200: json(memberPageSchema, 'a page of members'), ...badInput, ...refusals },
});

export function segmentRoutes(app: ApiApp, { store, now, profileRules }: ApiDeps) {
  app.openapi(list, (c) => {
    const segments = store.segments.list(c.get('site').id).map(({ id, name, rules, createdAt, updatedAt }) => ({
      id,
      name,
      rules: rules as Record<string, unknown>,
      size: store.segments.size(id),
      createdAt,
      updatedAt,
    }));
    return c.json(segments, 200);
  });

  app.openapi(members, (c) => {
    const { id } = c.req.valid('param');
    const { after, limit } = c.req.valid('query');
    const segment = store.segments.find(c.get('site').id, id);
    if (!segment) throw new InputError(404, 'id', `id: no segment ${id} on this site`);
    const rows = store.segments.members(segment.id, after, limit);
    const at = now();
    return c.json(
      {
        // Stored scores hold for their scoreAt; a reader sees them decayed to now, as everywhere else.
        members: rows.map(({ scoreAt, ...row }) => ({ ...row, score: Math.round(decayedScore(row.score, scoreAt, at, profileRules.scoring.decay) * 100) / 100 })),
        next: rows.length === limit ? rows.at(-1)!.profileId : null,
      },
      200,
    );
  });
}
