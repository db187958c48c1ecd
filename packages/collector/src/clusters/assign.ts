// Places one person in the nearest cluster of their site's model, as soon as their profile changes.
import type { Profile, Store } from '../storage/store.js';
import { rawVector } from './features.js';
import { nearestCluster, normalize } from './model.js';

/**
 * Runs wherever a profile is settled (ingest, sweeper, re-evaluation), before its segments are: k × dims
 * work and two reads of the person's counts, and nothing at all while the site has no model.
 */
export function assignCluster(store: Store, profile: Profile, now: number): void {
  const stored = store.clusterModel(profile.siteId);
  if (!stored) return;
  const { model } = stored;
  const { counts, placed } = store.featureCountsOf(profile.id);
  const cluster = nearestCluster(model.centroids, normalize(model, rawVector(profile, counts, model.categories, now)));
  store.placeInCluster(profile.id, profile.siteId, placed, cluster, profile.scoreNow, counts.purchases > 0);
}
