// Personal data of one person, named by profile id, browser or user id: their data exported as JSON, or the person deleted.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { InputError } from '../validation.js';
import { forgetPerson } from '../jobs/forget.js';
import { personExport, exportFileName } from '../reports/person-export.js';
import { findPerson, personKinds } from '../reports/person-ref.js';
import type { Site } from '../model/site.js';
import { deletedSchema } from './schemas.js';
import { badInput, json, refusals, security } from './responses.js';
import { apiArea } from './area.js';
import { siteParams } from './params.js';
import type { ApiDeps, ApiEnv } from './env.js';

const personParams = siteParams({
  by: z.enum(personKinds).openapi({ param: { name: 'by', in: 'path' }, description: 'how the person is named: profile id, a browser\'s visitor id, or the site\'s user id' }),
  id: z.string().trim().min(1, 'must not be empty').max(200).openapi({ param: { name: 'id', in: 'path' }, example: 'ada@example.com' }),
});

const remove = createRoute({
  method: 'delete',
  path: '/people/{by}/{id}',
  summary: "Delete a person: every browser's events, sessions and visitor rows, the profile and everything keyed by it",
  description: 'Events go in chunks between which ingest goes on; the profile goes last, so a delete cut short leaves the person visible and is finished by asking again. Leaving their segments sends no exit webhooks.',
  security: security('write'),
  request: { params: personParams },
  responses: { 200: json(deletedSchema, 'what was deleted'), ...badInput, ...refusals },
});

const exported = createRoute({
  method: 'get',
  path: '/people/{by}/{id}/export',
  summary: "A person's data as one JSON document, streamed as it is read: profile, traits, identities, browsers, sessions, segments, histories, funnel attempts and every event",
  security: security('read'),
  request: { params: personParams },
  responses: { 200: json(z.record(z.string(), z.unknown()), 'the document, as a download'), ...badInput, ...refusals },
});

export function peopleApi({ store, writer, now, profileRules }: ApiDeps) {
  const app = apiArea();
  const personOf = async (c: Context<ApiEnv>, site: Site, ref: z.infer<typeof personParams>) => {
    const profile = await findPerson(store, site.id, ref);
    if (!profile) throw new InputError(404, 'id', `id: no person with ${ref.by} '${ref.id}' on this site`);
    return profile;
  };

  app.openapi(remove, async (c) => {
    const site = c.get('site');
    const profile = await personOf(c, site, c.req.valid('param'));
    const forgotten = await forgetPerson({ store, writer, now }, site.id, profile.id);
    if (!forgotten) throw new InputError(404, 'id', `id: person ${profile.id} was deleted or merged into another meanwhile`);
    return c.json({ deleted: forgotten }, 200);
  });

  app.openapi(exported, async (c) => {
    const site = c.get('site');
    const profile = await personOf(c, site, c.req.valid('param'));
    const pieces = personExport(store, site, profile, now(), profileRules);
    c.header('content-type', 'application/json; charset=utf-8');
    c.header('content-disposition', `attachment; filename="${exportFileName(site.key, profile.id)}"`);
    c.header('cache-control', 'no-store');
    return stream(c, async (out) => {
      for await (const piece of pieces) await out.write(piece);
    }) as never;
  });
  return app;
}
