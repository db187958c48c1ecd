// Clusters as kept: a site's fitted model, each cluster's totals, and the counts behind a person's feature vector.

/** A fitted model: everything needed to place a person, stored as JSON with the site. */
export interface ClusterModel {
  /** Feature names in vector order (featureNames of `categories`). */
  features: string[];
  categories: string[];
  /** Min-max normalization: per feature, the sample's minimum and maximum of the raw values. */
  min: number[];
  max: number[];
  /** The sample's mean of each normalized feature: what a centroid is described against. */
  mean: number[];
  /** Normalized centroids; cluster i + 1 is centroids[i]. */
  centroids: number[][];
}

export interface StoredClusterModel {
  k: number;
  fittedAt: number;
  sampleSize: number;
  model: ClusterModel;
}

export interface ClusterTotals {
  cluster: number;
  people: number;
  buyers: number;
  scoreSum: number;
}

/** What ingest counts per person for clustering. */
export interface FeatureCounts {
  purchases: number;
  purchaseValue: number;
  desktop: number;
  tablet: number;
  phone: number;
  /** Product views and purchased items in all categories. */
  catalog: number;
  categories: Map<string, number>;
}

/** Where a person is placed, and what they add to that cluster's totals. */
export interface Placement {
  cluster: number | null;
  clusterScore: number;
  clusterBuyer: number;
}
