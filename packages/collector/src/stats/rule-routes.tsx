// The event rules' routes on the Events page: creating a rule, saving a new version, deleting one, and opening the admin's site with the picker.
import { Hono, type Context } from 'hono';
import { wizardParam } from '@pulse/wire/personalization';
import { query, type PageContext } from './layout.js';
import { pageContext, type StatsApp, type StatsDeps, type StatsEnv } from './env.js';
import { eventsView, ruleNotices } from './events-view.js';
import { readRuleForm, type RuleValues } from './rule-form.js';
import { wizardToken } from '../personalization/wizard-token.js';
import { originDomains } from '../sites/domains.js';
import { WizardOpenPage } from './pages/wizard-open.js';


/** The page to open with the picker, when it is an http(s) page of the site: a token must not travel to anyone else's. */
export function pickerPage(input: string, domains: readonly string[]): URL | string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return 'url: a full address, such as https://www.example.com/';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url: an http or https address';
  if (!originDomains(url.origin).some((domain) => domains.includes(domain))) return `url: not a page of this site (its domains: ${domains.join(', ') || 'none'})`;
  return url;
}

export function rulePages(deps: StatsDeps): StatsApp {
  const { store, writer, now } = deps;
  const app = new Hono<StatsEnv>();
  const contextOf = pageContext(deps);
  const view = eventsView(deps);
  const back = (ctx: PageContext, key: keyof typeof ruleNotices, anchor: string) => `/stats/events${query(ctx, { rules: key })}${anchor}`;
  const fieldsOf = async (c: Context<StatsEnv>): Promise<RuleValues> =>
    Object.fromEntries(Object.entries(await c.req.parseBody()).flatMap(([key, value]) => (typeof value === 'string' && key !== '_csrf' ? [[key, value]] : [])));

  // One handler creates a rule (no id) or saves its next version.
  const save = async (c: Context<StatsEnv>, id?: number) => {
    const ctx = await contextOf(c, 'events');
    if (ctx instanceof Response) return ctx;
    if (id !== undefined && !await store.personalization.rule(ctx.site.id, id)) return c.text(`id: no event rule ${id} on this site`, 404);
    const values = await fieldsOf(c);
    const form = readRuleForm(values);
    if (form.refusal) return view(c, ctx, { draft: { id: id ?? 'new', values, refusal: form.refusal } }, 400);
    const saved = await writer.run('saveEventRule', { siteId: ctx.site.id, id, rule: form.rule, now: now() });
    if ('field' in saved) return view(c, ctx, { draft: { id: id ?? 'new', values, refusal: saved } }, 400);
    return c.redirect(back(ctx, id === undefined ? 'created' : 'saved', `#rule-${saved.id}`), 303);
  };
  app.post('/events/rules', (c) => save(c));
  app.post('/events/rules/:id{[0-9]{1,15}}', (c) => save(c, Number(c.req.param('id'))));
  app.post('/events/rules/:id{[0-9]{1,15}}/delete', async (c) => {
    const ctx = await contextOf(c, 'events');
    if (ctx instanceof Response) return ctx;
    if (!(await writer.run('deleteEventRule', { siteId: ctx.site.id, id: Number(c.req.param('id')) }))) return c.text(`id: no event rule ${c.req.param('id')} on this site`, 404);
    return c.redirect(back(ctx, 'deleted', '#rules'), 303);
  });

  app.post('/events/wizard', async (c) => {
    const ctx = await contextOf(c, 'events');
    if (ctx instanceof Response) return ctx;
    const { url: input = '' } = await fieldsOf(c);
    const page = pickerPage(input.trim(), ctx.site.domains);
    if (typeof page === 'string') return view(c, ctx, { wizard: { url: input, refusal: { field: 'url', message: page } } }, 400);
    const secret = await writer.run('ensureWizardSecret', undefined);
    page.searchParams.set(wizardParam, wizardToken(secret, ctx.site.key, now()).token);
    return c.html(<WizardOpenPage url={page.href} site={ctx.site.key} />);
  });
  return app;
}
