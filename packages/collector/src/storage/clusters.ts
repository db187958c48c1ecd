// Clusters: each person's feature counts and place, the site's fitted model and k, and each cluster's totals.
import type { FeatureCounts, Placement, StoredClusterModel, ClusterModel, ClusterTotals } from '../model/cluster.js';

export interface ClusterStore {
  /** Adds a batch's counts for one person. */
  addCounts(profileId: number, siteId: number, c: FeatureCounts): void;
  /** A person's counts (zeros without any), and where they are placed. */
  countsOf(profileId: number, siteId: number): Promise<{ counts: FeatureCounts; placed: Placement }>;
  /** countsOf for each of these people. */
  countsOfPeople(profileIds: readonly number[], siteId: number): Promise<Map<number, { counts: FeatureCounts; placed: Placement }>>;
  /**
   * Moves a person from where they were placed (`before`) to `after`, with the score and buying they
   * now add: the totals of the cluster they leave lose what they added, the new one's gain it.
   */
  place(profileId: number, siteId: number, before: Placement, after: Placement): void;
  clusterOf(profileId: number, siteId: number): Promise<number | null>;
  /** A deleted person: out of their cluster's totals, their counts gone. */
  forgetProfile(profileId: number, siteId: number): void;
  /** Moves `from`'s counts onto `into` and takes `from` out of its cluster, as identity merges them. */
  absorb(into: number, from: number, siteId: number): void;
  model(siteId: number): Promise<StoredClusterModel | null>;
  saveModel(siteId: number, fitted: ClusterModel, fittedAt: number, sampleSize: number): void;
  totals(siteId: number): Promise<ClusterTotals[]>;
  /** The site's fixed k, or null when silhouette picks it. */
  fixedK(siteId: number): Promise<number | null>;
  setFixedK(siteId: number, k: number | null): void;
}
