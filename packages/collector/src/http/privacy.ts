// The admin API's personal-data routes: delete a person, export a person's data, and the retention setting.
import type { Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
import type { z } from 'zod';
import { findPerson, personRefSchema } from '../privacy/person-ref.js';
import { forgetPerson } from '../jobs/forget.js';
import { personExport } from '../privacy/export.js';
import { retentionSchema } from '../jobs/retention.js';
import { InputError, firstIssue } from '../validation.js';
import type { AdminDeps } from './admin.js';
import type { Site } from '../model/site.js';

interface Helpers {
  siteOf: (key: string) => Site;
  bodyOf: <T>(c: Context, schema: z.ZodType<T>) => Promise<T>;
}

/** The file name a person's export is saved under: only the profile id, never anything they sent. */
export const exportFileName = (siteKey: string, profileId: number) =>
  `pulse-${siteKey.replace(/[^A-Za-z0-9_-]/g, '') || 'site'}-person-${profileId}.json`;

export function privacyRoutes(app: Hono, { store, writer, profileRules, now }: AdminDeps, { siteOf, bodyOf }: Helpers) {
  const personOf = (c: Context, site: Site) => {
    const parsed = personRefSchema.safeParse({ by: c.req.param('by'), id: c.req.param('id') });
    if (!parsed.success) throw new InputError(400, firstIssue(parsed.error).field, firstIssue(parsed.error).message);
    const profile = findPerson(store, site.id, parsed.data);
    if (!profile) throw new InputError(404, 'id', `id: no person with ${parsed.data.by} '${parsed.data.id}' on this site`);
    return profile;
  };

  app.delete('/sites/:site/people/:by{profile|visitor|user}/:id', async (c) => {
    const site = siteOf(c.req.param('site'));
    const profile = personOf(c, site);
    const forgotten = await forgetPerson({ store, writer, now }, site.id, profile.id);
    if (!forgotten) throw new InputError(404, 'id', `id: person ${profile.id} was deleted or merged into another meanwhile`);
    return c.json({ deleted: forgotten });
  });

  app.get('/sites/:site/people/:by{profile|visitor|user}/:id/export', (c) => {
    const site = siteOf(c.req.param('site'));
    const profile = personOf(c, site);
    const pieces = personExport(store, site, profile, now(), profileRules);
    c.header('content-type', 'application/json; charset=utf-8');
    c.header('content-disposition', `attachment; filename="${exportFileName(site.key, profile.id)}"`);
    c.header('cache-control', 'no-store');
    return stream(c, async (out) => {
      for (const piece of pieces) await out.write(piece);
    });
  });

  app.get('/retention', (c) => c.json({ days: store.settings.retentionDays() }));
  app.put('/retention', async (c) => {
    const { days } = await bodyOf(c, retentionSchema);
    await writer.run('setRetention', { days });
    return c.json({ days });
  });
}
