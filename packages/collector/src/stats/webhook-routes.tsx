// The Webhooks section's route: the endpoints of the site and how their deliveries go.
import { Hono } from 'hono';
import type { Store } from '../storage/store.js';
import { pageContext, type StatsApp, type StatsDeps, type StatsEnv } from './env.js';
import { webhooksOf } from '../reports/webhooks.js';
import { WebhooksPage } from './pages/webhooks.js';

export function webhookPages(deps: StatsDeps): StatsApp {
  const { store, now } = deps;
  const app = new Hono<StatsEnv>();
  const contextOf = pageContext(deps);
  app.get('/webhooks', async (c) => {
    const ctx = await contextOf(c, 'webhooks');
    if (ctx instanceof Response) return ctx;
    return c.html(<WebhooksPage ctx={ctx} reports={await webhooksOf(store, ctx.site.id, now())} />);
  });
  return app;
}
