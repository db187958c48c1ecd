// The Calls section's routes: the report with pool health, and the forms that add and change pools, static numbers and call settings.
import { Hono, type Context } from 'hono';
import { firstIssue, type Refusal } from '../validation.js';
import { query, type PageContext } from './layout.js';
import { pageContext, type StatsApp, type StatsDeps, type StatsEnv } from './env.js';
import { callReport, poolHealth, staticNumbers } from '../reports/calls.js';
import { CallsPage, type CallsPageData } from './pages/calls.js';
import { parseCallSettingsForm, parsePoolForm, parseStaticForm, parseWidgetForm } from './call-form.js';
import { widgetOrDefaults } from '../calls/callback.js';

const done = { added: 'Pool added.', saved: 'Pool saved.', deleted: 'Pool deleted.', static: 'Static number added.', unstatic: 'Static number deleted.', settings: 'Settings saved.', widget: 'Callback widget saved.' } as const;

export function callPages(deps: StatsDeps): StatsApp {
  const { store, writer, now } = deps;
  const app = new Hono<StatsEnv>();
  const contextOf = pageContext(deps);

  const page = async (c: Context<StatsEnv>, ctx: PageContext, extra: Pick<CallsPageData, 'notice' | 'draft'> = {}, status: 200 | 400 = 200) => {
    const { range } = ctx;
    const report = await callReport(store, ctx.site.id, range);
    const previous = (await callReport(store, ctx.site.id, range.previous, 0)).totals;
    const settings = await writer.run('callSettings', { siteId: ctx.site.id });
    const data: CallsPageData = {
      report,
      previous,
      pools: await poolHealth(store, ctx.site.id, now()),
      statics: await staticNumbers(store, ctx.site.id),
      settings: { signingSecret: settings.signingSecret, storeCallers: settings.storeCallers },
      widget: widgetOrDefaults(settings),
      segments: (await store.segments.list(ctx.site.id)).map(({ id, name }) => ({ id, name })),
      origin: new URL(c.req.url).origin,
      ...extra,
    };
    return c.html(<CallsPage ctx={ctx} data={data} />, status);
  };
  const back = (ctx: PageContext, key: keyof typeof done, anchor = '') => `/stats/calls${query(ctx, { done: key })}${anchor}`;
  const refused = (c: Context<StatsEnv>, ctx: PageContext, what: string, refusal: Refusal, draft?: CallsPageData['draft']) =>
    page(c, ctx, { notice: { text: `${what} ${refusal.message}`, error: true }, draft }, 400);
  const formOf = async (c: Context<StatsEnv>) => Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === 'string' ? v : '']));

  app.get('/calls', async (c) => {
    const ctx = await contextOf(c, 'calls');
    if (ctx instanceof Response) return ctx;
    const key = c.req.query('done');
    return page(c, ctx, key && key in done ? { notice: { text: done[key as keyof typeof done] } } : {});
  });

  // One handler adds a pool (no id) or saves one.
  const savePool = async (c: Context<StatsEnv>, id?: number) => {
    const ctx = await contextOf(c, 'calls');
    if (ctx instanceof Response) return ctx;
    if (id !== undefined && !(await store.calls.pools(ctx.site.id)).some((pool) => pool.id === id)) return c.text(`id: no pool ${id} on this site`, 404);
    const fields = await formOf(c);
    const draft = { poolId: id ?? ('new' as const), fields };
    const form = parsePoolForm(fields);
    if (!form.success) return refused(c, ctx, 'The pool was not saved.', firstIssue(form.error), draft);
    const saved = await writer.run('savePool', { siteId: ctx.site.id, id, input: form.data, now: now() });
    if ('field' in saved) return refused(c, ctx, 'The pool was not saved.', saved, draft);
    return c.redirect(back(ctx, id === undefined ? 'added' : 'saved', `#pool-${saved.id}`), 303);
  };
  app.post('/calls/pools', (c) => savePool(c));
  app.post('/calls/pools/:id{[0-9]{1,15}}', (c) => savePool(c, Number(c.req.param('id'))));
  app.post('/calls/pools/:id{[0-9]{1,15}}/delete', async (c) => {
    const ctx = await contextOf(c, 'calls');
    if (ctx instanceof Response) return ctx;
    if (!(await writer.run('deletePool', { siteId: ctx.site.id, id: Number(c.req.param('id')) }))) return c.text(`id: no pool ${c.req.param('id')} on this site`, 404);
    return c.redirect(back(ctx, 'deleted'), 303);
  });

  app.post('/calls/numbers', async (c) => {
    const ctx = await contextOf(c, 'calls');
    if (ctx instanceof Response) return ctx;
    const form = parseStaticForm(await formOf(c));
    if (!form.success) return refused(c, ctx, 'The number was not added.', firstIssue(form.error));
    const added = await writer.run('addStaticNumber', { siteId: ctx.site.id, input: form.data });
    if ('field' in added) return refused(c, ctx, 'The number was not added.', added);
    return c.redirect(back(ctx, 'static', '#static-numbers'), 303);
  });
  app.post('/calls/numbers/:id{[0-9]{1,15}}/delete', async (c) => {
    const ctx = await contextOf(c, 'calls');
    if (ctx instanceof Response) return ctx;
    const id = Number(c.req.param('id'));
    if (!(await staticNumbers(store, ctx.site.id)).some((n) => n.id === id)) return c.text(`id: no static number ${id} on this site`, 404);
    await writer.run('deleteNumber', { siteId: ctx.site.id, id });
    return c.redirect(back(ctx, 'unstatic', '#static-numbers'), 303);
  });

  app.post('/calls/widget', async (c) => {
    const ctx = await contextOf(c, 'calls');
    if (ctx instanceof Response) return ctx;
    const form = parseWidgetForm(await c.req.parseBody({ all: true }));
    if (!form.success) return refused(c, ctx, 'The widget was not saved.', firstIssue(form.error));
    const segments = new Set((await store.segments.list(ctx.site.id)).map((s) => s.id));
    if (form.data.segments.some((id) => !segments.has(id))) return c.text('segments: a chosen segment is not on this site', 400);
    await writer.run('saveWidget', { siteId: ctx.site.id, widget: form.data });
    return c.redirect(back(ctx, 'widget', '#callback-widget'), 303);
  });

  app.post('/calls/settings', async (c) => {
    const ctx = await contextOf(c, 'calls');
    if (ctx instanceof Response) return ctx;
    const form = parseCallSettingsForm(await formOf(c));
    if (!form.success) return refused(c, ctx, 'The settings were not saved.', firstIssue(form.error));
    await writer.run('setStoreCallers', { siteId: ctx.site.id, on: form.data.store_callers });
    return c.redirect(back(ctx, 'settings', '#call-settings'), 303);
  });
  return app;
}
