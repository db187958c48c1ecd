// The Clusters section's routes: the clusters of the site's model, and the refit button.
import { Hono, type Context } from 'hono';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import type { ProfileRules } from '../profiles/rules.js';
import { firstIssue } from '../validation.js';
import { query } from './layout.js';
import { pageContext, type StatsApp, type StatsDeps, type StatsEnv } from './env.js';
import { clustersOf, refitFormSchema } from '../reports/clusters.js';
import { ClustersPage } from './pages/clusters.js';
import { ClusterFitError, refitClusters } from '../jobs/refit.js';


export function clusterPages(deps: StatsDeps): StatsApp {
  const { store, writer, profileRules, now, log } = deps;
  const app = new Hono<StatsEnv>();
  const contextOf = pageContext(deps);
  // Why the last refit started from this page failed, per site, until the next one starts.
  const failures = new Map<number, string>();
  const page = async (c: Context<StatsEnv>, notice?: { kind: 'done' | 'error'; text: string }, status: 200 | 400 = 200) => {
    const ctx = await contextOf(c, 'clusters');
    if (ctx instanceof Response) return ctx;
    const failed = failures.get(ctx.site.id);
    return c.html(<ClustersPage ctx={ctx} clusters={await clustersOf(store, ctx.site.id)} notice={notice ?? (failed ? { kind: 'error', text: failed } : undefined)} />, status);
  };
  app.get('/clusters', (c) => page(c, c.req.query('done') === 'started' ? { kind: 'done', text: 'Refit started: the clusters below change when it is done.' } : undefined));
  app.post('/clusters/fit', async (c) => {
    const ctx = await contextOf(c, 'clusters');
    if (ctx instanceof Response) return ctx;
    const form = refitFormSchema.safeParse(await c.req.parseBody());
    if (!form.success) return page(c, { kind: 'error', text: `Not refitted. ${firstIssue(form.error).message}` }, 400);
    await writer.run('setClusterCount', { siteId: ctx.site.id, k: form.data.k });
    failures.delete(ctx.site.id);
    // Not awaited: a refit of a large site takes a while, and the page says when one is running.
    refitClusters({ store, writer, now }, ctx.site.id).catch((error: Error) => {
      if (error instanceof ClusterFitError) failures.set(ctx.site.id, `Not refitted: ${error.message}.`);
      else log(`clusters: ${error.message}`);
    });
    return c.redirect(`/stats/clusters${query(ctx, { done: 'started' })}`, 303);
  });
  return app;
}
