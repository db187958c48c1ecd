// The Funnels section's routes: the list, one funnel's report, the form that creates and edits one, deletion.
import type { Context, Hono } from 'hono';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { blankFunnelForm, formOfFunnel, parseFunnelForm, readFunnelForm, type FunnelForm } from '../funnels/form.js';
import { replayProgress, saveFunnel } from '../jobs/funnels.js';
import { query, type PageContext } from './layout.js';
import type { ContextOf, Env } from './routes.js';
import { funnelReport, funnelSummary } from './funnels.js';
import { FunnelPage, FunnelsPage, funnelPath } from './pages/funnels.js';
import { FunnelFormPage } from './pages/funnel-form.js';
import type { Funnel } from '../model/funnel.js';

export interface FunnelRouteDeps {
  store: Store;
  writer: EngineWriter;
  now: () => number;
  log: (message: string) => void;
}

export function funnelRoutes(app: Hono<Env>, { store, writer, now, log }: FunnelRouteDeps, contextOf: ContextOf) {
  const funnelOf = (ctx: PageContext, id: string) => {
    const funnel = store.funnels.find(Number(id));
    return funnel?.siteId === ctx.site.id ? funnel : undefined;
  };
  const noFunnel = (c: Context) => c.text('No such funnel on this site.', 404);
  const eventNames = (siteId: number) => store.definitions.list(siteId).filter((d) => d.shown).map((d) => d.name);
  const formPage = (c: Context, ctx: PageContext, form: FunnelForm, funnel?: Funnel, error?: string) =>
    c.html(<FunnelFormPage ctx={ctx} form={form} funnel={funnel} events={eventNames(ctx.site.id)} error={error} />, error ? 400 : 200);
  /** Saves what the form says, or shows it again with what is wrong: nothing is stored from a refused form. */
  const submitFunnel = async (c: Context<Env>, ctx: PageContext, funnel?: Funnel) => {
    const form = readFunnelForm(await c.req.parseBody({ all: true }));
    const parsed = parseFunnelForm(form);
    if ('message' in parsed) return formPage(c, ctx, form, funnel, parsed.message);
    const answer = await saveFunnel({ store, writer, log, now }, ctx.site.id, funnel?.id, parsed.definition);
    if (!answer) return noFunnel(c);
    if ('message' in answer) return formPage(c, ctx, form, funnel, answer.message);
    return c.redirect(funnelPath(ctx, answer.funnel), 303);
  };

  app.get('/funnels', (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnels = store.funnels.list(ctx.site.id).map((funnel) => ({
      funnel,
      summary: funnelSummary(store, funnel, ctx.range),
      computing: replayProgress(store, funnel, now()),
    }));
    return c.html(<FunnelsPage ctx={ctx} funnels={funnels} />);
  });
  app.get('/funnels/new', (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    return formPage(c, ctx, blankFunnelForm);
  });
  app.post('/funnels', async (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    return submitFunnel(c, ctx);
  });
  app.get('/funnels/:id{[0-9]+}', (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    return c.html(<FunnelPage ctx={ctx} funnel={funnel} report={funnelReport(store, funnel, ctx.range, now())} />);
  });
  app.get('/funnels/:id{[0-9]+}/edit', (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    return formPage(c, ctx, formOfFunnel(funnel), funnel);
  });
  app.post('/funnels/:id{[0-9]+}', async (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    return submitFunnel(c, ctx, funnel);
  });
  app.post('/funnels/:id{[0-9]+}/delete', async (c) => {
    const ctx = contextOf(c, 'funnels');
    if (ctx instanceof Response) return ctx;
    const funnel = funnelOf(ctx, c.req.param('id'));
    if (!funnel) return noFunnel(c);
    await writer.run('deleteFunnel', { siteId: ctx.site.id, id: funnel.id });
    return c.redirect(`/stats/funnels${query(ctx, {})}`, 303);
  });
}
