// The Overview and Audience sections: the traffic and the specification's metrics for a range.
import { Hono } from 'hono';
import { pageContext, type StatsApp, type StatsDeps, type StatsEnv } from './env.js';
import { OverviewPage } from './pages/overview.js';
import { AudiencePage } from './pages/audience.js';
import { overviewOf } from '../reports/overview.js';
import { audienceOf } from '../reports/audience.js';

export function trafficPages(deps: StatsDeps): StatsApp {
  const { store, now } = deps;
  const app = new Hono<StatsEnv>();
  const contextOf = pageContext(deps);
  app.get('/overview', async (c) => {
    const ctx = await contextOf(c, 'overview');
    if (ctx instanceof Response) return ctx;
    return c.html(<OverviewPage ctx={ctx} overview={await overviewOf(store, ctx.site.id, ctx.range, now())} />);
  });
  app.get('/audience', async (c) => {
    const ctx = await contextOf(c, 'audience');
    if (ctx instanceof Response) return ctx;
    return c.html(<AudiencePage ctx={ctx} audience={await audienceOf(store, ctx.site.id, ctx.range)} />);
  });
  return app;
}
