// The Leads section: people ranked by score, and one person's page.
import { Hono } from 'hono';
import { pageContext, type StatsApp, type StatsDeps, type StatsEnv } from './env.js';
import { LeadsPage } from './pages/leads.js';
import { PersonNotFoundPage, PersonPage } from './pages/person.js';
import { leadsOf, leadsQueryOf } from '../reports/leads.js';
import { personOf } from '../reports/person.js';

export function leadPages(deps: StatsDeps): StatsApp {
  const { store, now, profileRules } = deps;
  const app = new Hono<StatsEnv>();
  const contextOf = pageContext(deps);
  app.get('/leads', async (c) => {
    const ctx = await contextOf(c, 'leads');
    if (ctx instanceof Response) return ctx;
    const asked = leadsQueryOf(c.req.query());
    if ('problem' in asked) return c.text(asked.problem, 400);
    const at = now();
    const leads = await leadsOf(store, ctx.site.id, asked.query, at, profileRules);
    if ('problem' in leads) return c.text(leads.problem, 400);
    return c.html(<LeadsPage ctx={ctx} leads={leads} query={asked.query} now={at} rules={profileRules} />);
  });
  app.get('/leads/:id', async (c) => {
    const ctx = await contextOf(c, 'leads');
    if (ctx instanceof Response) return ctx;
    const id = c.req.param('id');
    const at = now();
    const person = /^\d{1,15}$/.test(id) ? await personOf(store, ctx.site.id, Number(id), at, profileRules) : undefined;
    if (!person) return c.html(<PersonNotFoundPage ctx={ctx} id={id} />, 404);
    return c.html(<PersonPage ctx={ctx} person={person} now={at} />);
  });
  return app;
}
