// The stats page's personal-data routes: a person's export and delete (with a confirmation step), and the retention setting.
import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import type { ProfileRules } from '../profiles/rules.js';
import { forgetPerson } from '../jobs/forget.js';
import { personExport } from '../reports/person-export.js';
import { retentionSchema } from '../jobs/retention.js';
import { exportFileName } from '../reports/person-export.js';
import { firstIssue } from '../validation.js';
import { query } from './layout.js';
import { pageContext, type StatsApp, type StatsDeps, type StatsEnv } from './env.js';
import { personOf } from '../reports/person.js';
import { PersonNotFoundPage } from './pages/person.js';
import { DeletePersonPage, PersonDeletedPage, personHref } from './pages/privacy.js';


// A blank field keeps raw events for ever.
export const retentionFormSchema = z.object({
  days: z.preprocess((v) => (v === '' || v === undefined ? null : Number(v)), retentionSchema.shape.days),
});

export function privacyPages(deps: StatsDeps): StatsApp {
  const { store, writer, profileRules, now } = deps;
  const app = new Hono<StatsEnv>();
  const contextOf = pageContext(deps);
  const personIn = async (c: Context<StatsEnv>) => {
    const ctx = await contextOf(c, 'leads');
    if (ctx instanceof Response) return ctx;
    const id = c.req.param('id')!;
    const person = await personOf(store, ctx.site.id, Number(id), now(), profileRules);
    return person ? { ctx, person } : c.html(<PersonNotFoundPage ctx={ctx} id={id} />, 404);
  };

  app.get('/leads/:id{[0-9]{1,15}}/export', async (c) => {
    const found = await personIn(c);
    if (!('person' in found)) return found;
    const { ctx, person } = found;
    const pieces = personExport(store, ctx.site, (await store.profiles.find(ctx.site.id, person.id))!, now(), profileRules);
    c.header('content-type', 'application/json; charset=utf-8');
    c.header('content-disposition', `attachment; filename="${exportFileName(ctx.site.key, person.id)}"`);
    c.header('cache-control', 'no-store');
    return stream(c, async (out) => {
      for await (const piece of pieces) await out.write(piece);
    });
  });

  app.get('/leads/:id{[0-9]{1,15}}/delete', async (c) => {
    const found = await personIn(c);
    if (!('person' in found)) return found;
    return c.html(<DeletePersonPage ctx={found.ctx} person={found.person} />);
  });

  app.post('/leads/:id{[0-9]{1,15}}/delete', async (c) => {
    const found = await personIn(c);
    if (!('person' in found)) return found;
    const { ctx, person } = found;
    if ((await c.req.parseBody()).confirm !== 'yes') return c.redirect(personHref(ctx, person.id, '/delete'), 303);
    const forgotten = await forgetPerson({ store, writer, now }, ctx.site.id, person.id);
    const counts = forgotten ? `&events=${forgotten.events}&sessions=${forgotten.sessions}&browsers=${forgotten.visitors}&calls=${forgotten.calls}` : '';
    return c.redirect(`${personHref(ctx, person.id, '/deleted')}${counts}`, 303);
  });

  // Only for a person who is gone: the counts come from the delete's redirect and are shown as numbers.
  app.get('/leads/:id{[0-9]{1,15}}/deleted', async (c) => {
    const ctx = await contextOf(c, 'leads');
    if (ctx instanceof Response) return ctx;
    const id = Number(c.req.param('id'));
    if (await store.profiles.find(ctx.site.id, id)) return c.redirect(personHref(ctx, id), 303);
    const count = (name: string) => Math.max(0, Math.trunc(Number(c.req.query(name)))) || 0;
    const forgotten = c.req.query('events') === undefined ? undefined : { profileId: id, events: count('events'), sessions: count('sessions'), visitors: count('browsers'), calls: count('calls') };
    return c.html(<PersonDeletedPage ctx={ctx} id={id} forgotten={forgotten} />);
  });

  app.post('/events/retention', async (c) => {
    const ctx = await contextOf(c, 'events');
    if (ctx instanceof Response) return ctx;
    const form = retentionFormSchema.safeParse(await c.req.parseBody());
    if (!form.success) return c.text(firstIssue(form.error).message, 400);
    await writer.run('setRetention', { days: form.data.days });
    return c.redirect(`/stats/events${query(ctx, {})}#retention`, 303);
  });
  return app;
}
