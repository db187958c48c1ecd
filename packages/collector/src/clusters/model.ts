// Fitting a site's cluster model: min-max normalization, k-means (ml-kmeans), k picked by silhouette, nearest centroid.
import type { ClusterModel } from '../model/cluster.js';
import { kmeansGenerator } from 'ml-kmeans';
import { setImmediate as yieldToIngest } from 'node:timers/promises';

export const kRange = { min: 2, max: 8 } as const;
/** Silhouette is quadratic in points: it is measured on at most this many of the sample. */
const silhouettePoints = 1_000;
const seed = 42;
/** A larger k must beat a smaller one's silhouette by this much: splitting a group in two often scores about the same. */
const parsimony = 0.02;

export function normalize(model: Pick<ClusterModel, 'min' | 'max'>, raw: readonly number[]): number[] {
  return raw.map((x, i) => {
    const span = model.max[i]! - model.min[i]!;
    return span > 0 ? (x - model.min[i]!) / span : 0;
  });
}

const squared = (a: readonly number[], b: readonly number[]) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return sum;
};

/** The cluster (1..k) whose centroid is nearest the normalized vector: k × dims work. */
export function nearestCluster(centroids: readonly number[][], vector: readonly number[]): number {
  let best = 0;
  let bestDistance = Infinity;
  centroids.forEach((centroid, i) => {
    const d = squared(centroid, vector);
    if (d < bestDistance) (best = i), (bestDistance = d);
  });
  return best + 1;
}

/** k-means by ml-kmeans, yielding to the event loop between iterations so ingest keeps flowing. */
async function kmeans(points: number[][], k: number, initialization: number[][] | 'kmeans++') {
  let last: { clusters: number[]; centroids: number[][] } | undefined;
  for (const step of kmeansGenerator(points, k, { initialization, seed, maxIterations: 100 })) {
    last = step;
    await yieldToIngest();
  }
  return last!;
}

/** The mean silhouette of a labelling (1 is compact and well apart, near 0 overlapping). */
export function silhouette(points: readonly number[][], labels: readonly number[]): number {
  const k = Math.max(...labels) + 1;
  let total = 0;
  points.forEach((p, i) => {
    const sums = new Array<number>(k).fill(0);
    const sizes = new Array<number>(k).fill(0);
    points.forEach((q, j) => {
      if (i === j) return;
      sums[labels[j]!]! += Math.sqrt(squared(p, q));
      sizes[labels[j]!]! += 1;
    });
    const own = labels[i]!;
    if (sizes[own] === 0) return; // a point alone in its cluster scores 0
    const a = sums[own]! / sizes[own]!;
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    if (b === Infinity) return;
    total += (b - a) / Math.max(a, b) || 0;
  });
  return total / points.length;
}

/** An evenly spread subset of at most n points (the sample is already random). */
const spread = <T>(items: readonly T[], n: number): T[] => (items.length <= n ? [...items] : Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!));

export interface FitOptions {
  /** A fixed k; without it k is the best silhouette within kRange. */
  k?: number;
  /** The model in use: when it has the same features and k, the fit starts from its centroids (mapped to the new normalization). */
  previous?: ClusterModel | null;
}

/** Fits a model to raw vectors (features named `features`); k is at most the number of distinct points. */
export async function fitModel(raw: number[][], features: string[], categories: string[], options: FitOptions = {}): Promise<ClusterModel> {
  const min = features.map((_, i) => Math.min(...raw.map((v) => v[i]!)));
  const max = features.map((_, i) => Math.max(...raw.map((v) => v[i]!)));
  const scale = { min, max };
  const points = raw.map((v) => normalize(scale, v));
  const distinct = new Set(points.map((p) => p.join(','))).size;
  const pickedK = options.k ?? (await bestK(points, Math.min(kRange.max, distinct - 1)));
  const k = Math.max(1, Math.min(pickedK, distinct));
  const previous = options.previous;
  const start =
    previous && previous.centroids.length === k && previous.features.join('\n') === features.join('\n')
      ? previous.centroids.map((c) => normalize(scale, c.map((x, i) => previous.min[i]! + x * (previous.max[i]! - previous.min[i]!))))
      : 'kmeans++';
  const { centroids } = await kmeans(points, k, start);
  const mean = features.map((_, i) => points.reduce((sum, p) => sum + p[i]!, 0) / points.length);
  return { features, categories, min, max, mean, centroids };
}

async function bestK(points: number[][], largest: number): Promise<number> {
  const measured = spread(points, silhouettePoints);
  let best = { k: kRange.min, score: -Infinity };
  for (let k = kRange.min; k <= largest; k++) {
    const { centroids } = await kmeans(points, k, 'kmeans++');
    const labels = measured.map((p) => nearestCluster(centroids, p) - 1);
    // A k that leaves clusters empty (centroids on top of each other) found no more groups than a smaller one.
    if (new Set(labels).size < k) continue;
    const score = silhouette(measured, labels);
    await yieldToIngest();
    if (score > best.score + parsimony) best = { k, score };
  }
  return best.k;
}
