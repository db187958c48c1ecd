// The Funnels section's routes: the list, one funnel's report, the form that creates and edits one, deletion.
import { Hono, type Context } from 'hono';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { blankFunnelForm, formOfFunnel, parseFunnelForm, readFunnelForm, type FunnelForm } from '../funnels/form.js';
import { saveFunnel } from '../jobs/funnels.js';
import { replayProgress } from '../reports/funnels.js';
import { query, type PageContext } from './layout.js';
import { pageContext, type StatsApp, type StatsDeps, type StatsEnv } from './env.js';
import { funnelReport, funnelSummary } from '../reports/funnels.js';
import { FunnelPage, FunnelsPage, funnelPath } from './pages/funnels.js';
import { FunnelFormPage } from './pages/funnel-form.js';
import type { Funnel } from '../model/funnel.js';


export function funnelPages(deps: StatsDeps): StatsApp {
  const { store, writer, now, log } = deps;
  const app = new Hono<StatsEnv>();
  const contextOf = pageContext(deps);
  const funnelOf = async (ctx: PageContext, id: string) => {
    return store.funnels.find(ctx.site.id, Number(id));
  };
  const noFunnel = (c: Context) => c.text('No such funnel on this site.', 404);
  const eventNames = async (siteId: number) => (await store.definitions.list(siteId)).filter((d) => d.shown).map((d) => d.name);
  const formPage = async (c: Context, ctx: PageContext, form: FunnelForm, funnel?: Funnel, error?: string) =>
    c.html(<FunnelFormPage ctx={ctx} form={form} funnel={funnel} events={await eventNames(ctx.site.id)} error={error} />, error ? 400 : 200);
  /** Saves what the form says, or shows it again with what is wrong: nothing is stored from a refused form. */
  const submitFunnel = async (c: Context<StatsEnv>, ctx: PageContext, funnel?: Funnel) => {
    const form = readFunnelForm(await c.req.parseBody({ all: true }));
    const parsed = parseFunnelForm(form);
    if ('message' in parsed) return formPage(c, ctx, form, funnel, parsed.message);
    const answer = await saveFunnel({ store, writer, log, now }, ctx.site.id, funnel?.id, parsed.definition);
    if (!answer) return noFunnel(c);
    if ('message' in answer) return formPage(c, ctx, form, funnel, answer.message);
    return c.redirect(funnelPath(ctx, answer.funnel), 303);
  };

  app.get('/funnels', async (c) => {
    const ctx = await contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnels = await Promise.all((await store.funnels.list(ctx.site.id)).map(async (funnel) => ({
      funnel,
      summary: await funnelSummary(store, funnel, ctx.range),
      computing: await replayProgress(store, funnel, now()),
    })));
    return c.html(<FunnelsPage ctx={ctx} funnels={funnels} />);
  });
  app.get('/funnels/new', async (c) => {
    const ctx = await contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    return formPage(c, ctx, blankFunnelForm);
  });
  app.post('/funnels', async (c) => {
    const ctx = await contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    return submitFunnel(c, ctx);
  });
  app.get('/funnels/:id{[0-9]+}', async (c) => {
    const ctx = await contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = await funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    return c.html(<FunnelPage ctx={ctx} funnel={funnel} report={await funnelReport(store, funnel, ctx.range, now())} />);
  });
  app.get('/funnels/:id{[0-9]+}/edit', async (c) => {
    const ctx = await contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = await funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    return formPage(c, ctx, formOfFunnel(funnel), funnel);
  });
  app.post('/funnels/:id{[0-9]+}', async (c) => {
    const ctx = await contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = await funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    return submitFunnel(c, ctx, funnel);
  });
  app.post('/funnels/:id{[0-9]+}/delete', async (c) => {
    const ctx = await contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = await funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    await writer.run('deleteFunnel', { siteId: ctx.site.id, id: funnel.id });
    return c.redirect(`/stats/funnels${query(ctx, {})}`, 303);
  });
  return app;
}
