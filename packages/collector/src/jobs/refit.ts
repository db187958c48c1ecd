// The background refit: k-means over a random sample of a site's people, then everyone placed again, never blocking ingest.
import { setImmediate as yieldToIngest } from 'node:timers/promises';
import type { Store } from '../storage/store.js';
import type { EngineWriter } from '../engine/commands.js';
import { reevaluateSite } from './segments.js';
import { featureNames, rawVector, topCategories } from '../clusters/features.js';
import { fitModel } from '../clusters/model.js';
import { claimedFor, repeat } from './repeat.js';
import type { Profile } from '../model/profile.js';
import type { StoredClusterModel, FeatureCounts } from '../model/cluster.js';

/** People per fit: the mini-batch each refit learns from. */
export const sampleSize = 10_000;
/** The fewest people worth clustering. */
export const fewestPeople = 10;
/** How soon after a start the sites without a model yet are fitted. */
export const firstRefitAfterMs = 5_000;
/** Profiles read between yields to the event loop. */
const readChunk = 500;

export class ClusterFitError extends Error {}

export interface RefitDeps {
  store: Pick<Store, 'profiles' | 'clusters' | 'sites'>;
  writer: EngineWriter;
  now: () => number;
  /** Ends a refit early at shutdown: whoever is not yet re-placed moves at their next event or sweep. */
  signal?: AbortSignal;
}

const running = new Set<number>();
/** Whether a refit of the site is under way in this process. */
export const refitRunning = (siteId: number) => running.has(siteId);

/**
 * Fits the site's model and places every person with it. The sample is read outside the writer, the fit
 * runs outside any transaction (yielding between k-means iterations), then the model is saved in one small
 * write and people are re-settled in passes through the writer, which re-evaluates their segments too.
 * A fit starts from the current centroids when k and the features stay the same, so clusters keep
 * their numbers and move rather than jump. `k` fixes k for this fit; otherwise the site's fixed k, else silhouette picks.
 */
export async function refitClusters(deps: RefitDeps, siteId: number, k?: number): Promise<StoredClusterModel> {
  if (running.has(siteId)) throw new ClusterFitError('a refit of this site is already running');
  running.add(siteId);
  try {
    const { store } = deps;
    const ids = await store.profiles.idsOfSite(siteId);
    if (ids.length < fewestPeople) throw new ClusterFitError(`clustering needs at least ${fewestPeople} people; the site has ${ids.length}`);
    // A partial Fisher–Yates shuffle: the first n ids become a uniform sample.
    const n = Math.min(sampleSize, ids.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(Math.random() * (ids.length - i));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    const sample: { profile: Profile; counts: FeatureCounts }[] = [];
    for (let from = 0; from < n; from += readChunk) {
      for (const id of ids.slice(from, Math.min(n, from + readChunk))) {
        const profile = await store.profiles.find(siteId, id);
        if (profile) sample.push({ profile, counts: (await store.clusters.countsOf(id, siteId)).counts });
      }
      await yieldToIngest();
    }
    const now = deps.now();
    const categoryTotals = new Map<string, number>();
    for (const { counts } of sample) for (const [c, count] of counts.categories) categoryTotals.set(c, (categoryTotals.get(c) ?? 0) + count);
    const categories = [...categoryTotals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, topCategories).map(([c]) => c);
    const raw = sample.map(({ profile, counts }) => rawVector(profile, counts, categories, now));
    const chosenK = k ?? await store.clusters.fixedK(siteId) ?? undefined;
    const model = await fitModel(raw, featureNames(categories), categories, { k: chosenK, previous: (await store.clusters.model(siteId))?.model });
    const fittedAt = deps.now();
    await deps.writer.run('saveClusterModel', { siteId, model, fittedAt, sampleSize: sample.length });
    await reevaluateSite(deps.writer, siteId, deps.now(), deps.signal);
    return { k: model.centroids.length, fittedAt, sampleSize: sample.length, model };
  } finally {
    running.delete(siteId);
  }
}

/**
 * Refits every site with enough people on a timer (0: never), one site at a time; shortly after start,
 * sites that have no model yet are fitted at once, so a new install (or the demo) has clusters without
 * waiting for the first interval. Returns a function that stops it and waits for a refit under way.
 */
export function refitEvery(deps: RefitDeps, intervalMs: number, log: (message: string) => void, firstAfterMs = firstRefitAfterMs): () => Promise<void> {
  if (intervalMs <= 0) return async () => {};
  const pass = async (signal: AbortSignal, first: boolean) => {
    for (const site of await deps.store.sites.list()) {
      if (signal.aborted) return;
      if (first && await deps.store.clusters.model(site.id) !== null) continue;
      // Of several collectors on a shared database, the one whose claim lands refits the site.
      if (!(await deps.writer.run('claimJob', { job: `refit:${site.id}`, now: deps.now(), everyMs: claimedFor(intervalMs) }))) continue;
      try {
        await refitClusters({ ...deps, signal }, site.id);
      } catch (error) {
        if (!(error instanceof ClusterFitError)) log(`clusters: site ${site.key}: ${(error as Error).message}`);
      }
    }
  };
  return repeat(pass, { everyMs: intervalMs, firstAfterMs }, (error) => log(`clusters: ${error.message}`));
}
