// The cluster a person belongs in: the nearest centroid of their site's model to their feature vector now.
import type { ClusterSubject } from './features.js';
import { rawVector } from './features.js';
import { nearestCluster, normalize } from './model.js';
import type { FeatureCounts, StoredClusterModel } from '../model/cluster.js';

/** k × dims work: the vector from the person's counts, normalized as the model was, against each centroid. */
export function clusterFor({ model }: StoredClusterModel, subject: ClusterSubject, counts: FeatureCounts, now: number): number {
  return nearestCluster(model.centroids, normalize(model, rawVector(subject, counts, model.categories, now)));
}
