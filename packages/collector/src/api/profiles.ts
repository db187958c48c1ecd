// Profiles: one by id, user id or visitor id, and the site's people by score, a page at a time.
import { createRoute, z } from '@hono/zod-openapi';
import { profileView } from '../reports/profile.js';
import { InputError, parseInput } from '../validation.js';
import { leadsOf, leadsQuerySchema } from '../reports/leads.js';
import { profilePageSchema, profileSchema } from './schemas.js';
import { badInput, json, refusals, security } from './responses.js';
import { apiArea } from './area.js';
import { siteParams } from './params.js';
import type { ApiDeps } from './env.js';
import type { Profile } from '../model/profile.js';

const list = createRoute({
  method: 'get',
  path: '/profiles',
  summary: 'People by current score, highest first, 50 a page',
  security: security('read'),
  request: {
    params: siteParams(),
    // Described here; checked by the Leads page's own schema in the handler, so both read a query alike.
    query: z.object({
      group: z.enum(['new', 'active', 'passive']).optional().openapi({ description: 'only people in this group' }),
      segment: z.string().optional().openapi({ description: 'only members of the segment with this id', example: '3' }),
      after: z.string().optional().openapi({ description: 'the `next` of the page before', example: '12.5_1042' }),
    }),
  },
  responses: { 200: json(profilePageSchema, 'a page of people'), ...badInput, ...refusals },
});

const one = (by: 'id' | 'user' | 'visitor', path: string, summary: string) =>
  createRoute({
    method: 'get',
    path,
    summary,
    security: security('read'),
    request: {
      params: siteParams({
        id: (by === 'id' ? z.string().regex(/^\d{1,15}$/, 'must be a profile id') : z.string().min(1).max(128)).openapi({ param: { name: 'id', in: 'path' } }),
      }),
    },
    responses: { 200: json(profileSchema, 'the profile with its history, segments and last events'), ...badInput, ...refusals },
  });

const byId = one('id', '/profiles/{id}', 'A profile by its id');
const byUser = one('user', '/profiles/user/{id}', "A profile by the site's own customer id (identify's user id)");
const byVisitor = one('visitor', '/profiles/visitor/{id}', "A profile by one of its visitors' anonymous ids");

export function profilesApi({ store, now, profileRules }: ApiDeps) {
  const app = apiArea();
  const answer = (profile: Profile | undefined, what: string) => {
    if (!profile) throw new InputError(404, 'id', `id: no profile for ${what} on this site`);
    return profileView(store, profile, now(), profileRules);
  };

  app.openapi(list, async (c) => {
    const query = parseInput(leadsQuerySchema, c.req.query());
    const leads = await leadsOf(store, c.get('site').id, query, now(), profileRules);
    if ('problem' in leads) throw new InputError(404, 'segment', leads.problem);
    return c.json({ profiles: leads.rows, next: leads.next }, 200);
  });
  app.openapi(byId, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await answer(await store.profiles.find(c.get('site').id, Number(id)), `id ${id}`), 200);
  });
  app.openapi(byUser, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await answer(await store.profiles.ofUser(c.get('site').id, id), `user '${id}'`), 200);
  });
  app.openapi(byVisitor, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await answer(await store.profiles.ofVisitor(c.get('site').id, id), `visitor '${id}'`), 200);
  });
  return app;
}
