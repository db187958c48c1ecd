// A person's stored feature counts and cluster placement, on either backend, and how their rows become the counts.
import type { FeatureCounts, Placement } from '../model/cluster.js';

/** A person's stored counts and placement, as read back. */
export type FeatureRow = Omit<FeatureCounts, 'categories'> & Placement;
export type Counted = { counts: FeatureCounts; placed: Placement };

/** A person with no row yet has counted nothing and is in no cluster. */
export const countedFromRow = (row: FeatureRow | undefined, categories: Iterable<readonly [string, number]>): Counted => ({
  counts: {
    purchases: row?.purchases ?? 0,
    purchaseValue: row?.purchaseValue ?? 0,
    desktop: row?.desktop ?? 0,
    tablet: row?.tablet ?? 0,
    phone: row?.phone ?? 0,
    catalog: row?.catalog ?? 0,
    categories: new Map(categories),
  },
  placed: { cluster: row?.cluster ?? null, clusterScore: row?.clusterScore ?? 0, clusterBuyer: row?.clusterBuyer ?? 0 },
});
