// The Webhooks section's route: the endpoints of the site and how their deliveries go.
import type { Hono } from 'hono';
import type { Store } from '../storage/store.js';
import type { ContextOf, Env } from './routes.js';
import { webhooksOf } from './webhooks.js';
import { WebhooksPage } from './pages/webhooks.js';

export function webhookRoutes(app: Hono<Env>, { store, now }: { store: Store; now: () => number }, contextOf: ContextOf) {
  app.get('/webhooks', (c) => {
    const ctx = contextOf(c, 'webhooks');
    if (ctx instanceof Response) return ctx;
    return c.html(<WebhooksPage ctx={ctx} reports={webhooksOf(store, ctx.site.id, now())} />);
  });
}
