// The Clusters section's data: the site's model, its clusters in words with their totals and priority, and the refit form.
import { z } from 'zod';
import type { Store } from '../storage/store.js';
import { summarizeClusters } from '../clusters/describe.js';
import { clusterCountSchema } from '../clusters/settings.js';
import { refitRunning } from '../jobs/refit.js';

/** The refit button's form: k fixed for the site, or auto. */
export const refitFormSchema = z.object({ k: clusterCountSchema });

/** k rows of totals and one model row: the same work at any number of people. */
export async function clustersOf(store: Pick<Store, 'clusters'>, siteId: number) {
  const stored = await store.clusters.model(siteId);
  return {
    model: stored && { k: stored.k, fittedAt: stored.fittedAt, sampleSize: stored.sampleSize, categories: stored.model.categories },
    clusters: stored ? summarizeClusters(stored, await store.clusters.totals(siteId)) : [],
    fixedK: await store.clusters.fixedK(siteId),
    running: refitRunning(siteId),
  };
}

export type Clusters = Awaited<ReturnType<typeof clustersOf>>;

/** What a cluster condition offers: each cluster of the site's model by number, with its words and size. */
export async function clusterChoices(store: Pick<Store, 'clusters'>, siteId: number) {
  const stored = await store.clusters.model(siteId);
  if (!stored) return [];
  return summarizeClusters(stored, await store.clusters.totals(siteId))
    .map(({ cluster, words, people }) => ({ cluster, words, people }))
    .sort((a, b) => a.cluster - b.cluster);
}
export type ClusterChoice = Awaited<ReturnType<typeof clusterChoices>>[number];
