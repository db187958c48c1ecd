// The Events section's routes: the table of event definitions, edited in place, hidden and shown again.
import { Hono, type Context } from 'hono';
import { firstIssue } from '../validation.js';
import { query, type PageContext } from './layout.js';
import { pageContext, type StatsApp, type StatsDeps, type StatsEnv } from './env.js';
import { eventFormSchema } from '../reports/events.js';
import type { Notice } from './pages/events.js';
import { eventsView, ruleNotices } from './events-view.js';
import type { DefinitionChanges } from '../model/definition.js';

export function eventPages(deps: StatsDeps): StatsApp {
  const { store, writer, now } = deps;
  const app = new Hono<StatsEnv>();
  const contextOf = pageContext(deps);
  const view = eventsView(deps);
  const eventsPage = (c: Context<StatsEnv>, ctx: PageContext, notice?: Notice, status: 200 | 400 = 200) => view(c, ctx, { notice }, status);
  const doneText = { saved: (name: string) => `Saved “${name}”.`, hide: (name: string) => `Hid “${name}”: it is in the archive below.`, show: (name: string) => `“${name}” is shown again.` };
  app.get('/events', async (c) => {
    const ctx = await contextOf(c, 'events');
    if (ctx instanceof Response) return ctx;
    const [, id, done] = /^(\d+)\.(saved|hide|show)$/.exec(c.req.query('done') ?? '') ?? [];
    const definition = id ? (await store.definitions.list(ctx.site.id)).find((d) => d.id === Number(id)) : undefined;
    const rules = c.req.query('rules');
    if (rules && rules in ruleNotices) return eventsPage(c, ctx, { kind: 'done', text: ruleNotices[rules as keyof typeof ruleNotices] });
    return eventsPage(c, ctx, definition && { kind: 'done', text: doneText[done as keyof typeof doneText](definition.name) });
  });
  // One handler for the row's form (points, daily cap) and its hide / unhide buttons.
  const changeEvent = async (c: Context<StatsEnv>, change: 'saved' | 'hide' | 'show') => {
    const ctx = await contextOf(c, 'events');
    if (ctx instanceof Response) return ctx;
    const id = Number(c.req.param('id'));
    const definition = (await store.definitions.list(ctx.site.id)).find((d) => d.id === id);
    if (!definition) return c.text(`id: no event ${c.req.param('id')} on this site`, 404);
    let changes: DefinitionChanges = { shown: change === 'show' };
    if (change === 'saved') {
      const form = eventFormSchema.safeParse(await c.req.parseBody());
      if (!form.success) return eventsPage(c, ctx, { kind: 'error', id, text: `“${definition.name}” was not saved. ${firstIssue(form.error).message}` }, 400);
      changes = form.data;
    }
    await writer.run('saveDefinition', { siteId: ctx.site.id, name: definition.name, changes, defaultPoints: definition.points, now: now() });
    return c.redirect(`/stats/events${query(ctx, { done: `${id}.${change}` })}#row-${id}`, 303);
  };
  app.post('/events/:id{[0-9]+}', (c) => changeEvent(c, 'saved'));
  app.post('/events/:id{[0-9]+}/:change{hide|show}', (c) => changeEvent(c, c.req.param('change') as 'hide' | 'show'));
  return app;
}
