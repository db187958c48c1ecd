// `pulse clusters fit|list`: fit a site's clusters now, or print the last fit's.
import type { Config } from './config.js';
import { localWriter } from './engine/commands.js';
import { ClusterFitError, refitClusters } from './jobs/refit.js';
import { summarizeClusters } from './clusters/describe.js';
import { clusterCountSchema } from './clusters/settings.js';
import { UsageError, withStore } from './cli-usage.js';

type Values = { site?: string; k?: string };

/**
 * Fits a site's clusters now and places everyone (`--k N` fixes k for the site, `--k auto` lets silhouette
 * pick again), then prints them; `list` prints the clusters of the last fit.
 */
export async function clusters(settings: Config, values: Values, sub: 'fit' | 'list'): Promise<void> {
  const key = values.site;
  if (!key) throw new UsageError(`clusters ${sub} needs --site KEY`);
  return withStore(settings, async (store) => {
    const site = await store.sites.byKey(key);
    if (!site) throw new UsageError(`no site has the key '${values.site}'`);
    if (sub === 'fit') {
      if (values.k !== undefined) {
        const k = clusterCountSchema.safeParse(values.k);
        if (!k.success) throw new UsageError(`--k: ${k.error.issues[0]!.message}`);
        await store.transaction((tx) => tx.clusters.setFixedK(site.id, k.data));
      }
      const writer = localWriter(store);
      try {
        await refitClusters({ store, writer, now: Date.now }, site.id);
      } catch (error) {
        if (error instanceof ClusterFitError) throw new UsageError(error.message);
        throw error;
      }
    }
    const stored = await store.clusters.model(site.id);
    if (!stored) return void console.error(`no clusters yet: fit them with pulse clusters fit --site ${site.key}`);
    console.log(['Cluster', 'Priority', 'People', 'Avg score', 'Conversion', 'Description'].join('\t'));
    for (const c of summarizeClusters(stored, await store.clusters.totals(site.id))) {
      console.log([c.cluster, c.priority, c.people, c.averageScore.toFixed(1), `${(c.conversion * 100).toFixed(1)}%`, c.words.join(', ')].join('\t'));
    }
    console.error(`k = ${stored.k}, fitted ${new Date(stored.fittedAt).toISOString()} on ${stored.sampleSize} people`);
  });
}
