import { describe, expect, it } from 'vitest';
import { fitModel, nearestCluster, normalize, silhouette } from './model.js';
import { describeCentroid } from './describe.js';
import { featureNames, rawVector, noCounts, countFeatures } from './features.js';

const day = 86_400_000;
const now = Date.UTC(2026, 5, 1);

/** Adjusted Rand index (Hubert & Arabie) of two labellings: 1 for the same partition, about 0 for chance. */
function adjustedRand(a: readonly number[], b: readonly number[]): number {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  a.forEach((x, i) => {
    const y = b[i]!;
    table.set(`${x}:${y}`, (table.get(`${x}:${y}`) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  });
  const index = [...table.values()].reduce((s, n) => s + pairs(n), 0);
  const sumRows = [...rows.values()].reduce((s, n) => s + pairs(n), 0);
  const sumCols = [...cols.values()].reduce((s, n) => s + pairs(n), 0);
  const expected = (sumRows * sumCols) / pairs(a.length);
  return (index - expected) / ((sumRows + sumCols) / 2 - expected);
}

// A seeded generator, so a failure can be replayed.
function random(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
}

/** Synthetic shoppers of known kinds, as the raw vectors ingest would give them. */
function shoppers(perGroup: number, seed = 7) {
  const rnd = random(seed);
  const jitter = (x: number, by: number) => x * (1 + (rnd() - 0.5) * by);
  const categories = ['electronics', 'books', 'garden'];
  const kinds = [
    // Phone-using, frequent electronics buyers in Business communities.
    { device: 'phone', events: 120, lastDays: 1, score: 300, spend: 4_000, category: 'electronics', community: 'business', lifecycle: 'active' },
    // Desktop book readers who rarely buy, lapsed.
    { device: 'desktop', events: 12, lastDays: 60, score: 2, spend: 0, category: 'books', community: 'interest_group', lifecycle: 'passive' },
    // New tablet visitors browsing the garden section.
    { device: 'tablet', events: 4, lastDays: 0, score: 5, spend: 0, category: 'garden', community: 'event', lifecycle: 'new' },
  ] as const;
  const vectors: number[][] = [];
  const truth: number[] = [];
  kinds.forEach((kind, label) => {
    for (let i = 0; i < perGroup; i++) {
      const counts = noCounts();
      const events = Math.round(jitter(kind.events, 0.6));
      for (let e = 0; e < events; e++) {
        const device = rnd() < 0.85 ? kind.device : 'desktop';
        const category = rnd() < 0.8 ? kind.category : categories[Math.floor(rnd() * 3)]!;
        countFeatures(counts, { name: 'product_view', device, props: { category } });
      }
      if (kind.spend) countFeatures(counts, { name: 'purchase', device: kind.device, props: { value: jitter(kind.spend, 0.8), items: [{ category: kind.category }] } });
      const profile = {
        lastSeen: now - jitter(kind.lastDays + 0.5, 0.8) * day,
        events,
        scoreNow: jitter(kind.score, 0.6),
        lifecycle: kind.lifecycle,
        dimensions: { own: { [kind.community]: 2, ...(rnd() < 0.5 ? { public_page: 1 } : { [kind.community]: 3 }) }, circle: {}, circleAt: null, ageStatedAt: null },
      };
      vectors.push(rawVector(profile, counts, categories, now));
      truth.push(label);
    }
  });
  return { vectors, truth, categories };
}

describe('fitModel', () => {
  it('recovers known groups of shoppers (adjusted Rand index ≥ 0.8), with k picked by silhouette', async () => {
    const { vectors, truth, categories } = shoppers(150);
    const model = await fitModel(vectors, featureNames(categories), categories);
    expect(model.centroids).toHaveLength(3);
    const found = vectors.map((v) => nearestCluster(model.centroids, normalize(model, v)));
    expect(adjustedRand(truth, found)).toBeGreaterThanOrEqual(0.8);
  });

  it('picks the true k on clear data, for other k too', async () => {
    const rnd = random(3);
    for (const k of [2, 4, 5]) {
      const points: number[][] = [];
      for (let c = 0; c < k; c++) for (let i = 0; i < 60; i++) points.push([c * 10 + rnd(), (c % 2) * 10 + rnd()]);
      const model = await fitModel(points, ['a', 'b'], []);
      expect(model.centroids.length, `true k ${k}`).toBe(k);
    }
  });

  it('honours a fixed k and starts from the previous centroids', async () => {
    const { vectors, categories } = shoppers(40, 11);
    const names = featureNames(categories);
    const first = await fitModel(vectors, names, categories, { k: 3 });
    const again = await fitModel(vectors, names, categories, { k: 3, previous: first });
    // Same data, started from its own centroids: the clusters keep their numbers.
    again.centroids.forEach((c, i) => c.forEach((x, j) => expect(x).toBeCloseTo(first.centroids[i]![j]!, 6)));
    expect((await fitModel(vectors, names, categories, { k: 5 })).centroids).toHaveLength(5);
  });
});

describe('silhouette', () => {
  it('is high for separated clusters and low for a bad split', () => {
    const points = [[0], [0.1], [10], [10.1]];
    expect(silhouette(points, [0, 0, 1, 1])).toBeGreaterThan(0.9);
    expect(silhouette(points, [0, 1, 0, 1])).toBeLessThan(0);
  });
});

describe('describeCentroid', () => {
  it('puts the centroid in words that follow its values', async () => {
    const { vectors, categories } = shoppers(60);
    const model = await fitModel(vectors, featureNames(categories), categories, { k: 3 });
    const words = model.centroids.map((c) => describeCentroid(model, c));
    const phone = words.find((w) => w.includes('phone'))!;
    expect(phone).toEqual(expect.arrayContaining(['active', 'frequent', 'recent', 'big spenders', 'high score', 'electronics', 'mostly Business communities']));
    const desktop = words.find((w) => w.includes('desktop'))!;
    expect(desktop).toEqual(expect.arrayContaining(['passive', 'lapsed', 'few purchases', 'books', 'mostly Interest group communities']));
    const tablet = words.find((w) => w.includes('tablet'))!;
    expect(tablet).toEqual(expect.arrayContaining(['new', 'occasional', 'garden', 'mostly Event communities']));
    // Moving one centroid moves its words: the phone cluster made to look like book readers.
    const phoneAt = words.indexOf(phone);
    const moved = [...model.centroids[phoneAt]!];
    const names = model.features;
    moved[names.indexOf('category:electronics')] = 0;
    moved[names.indexOf('category:books')] = 1;
    moved[names.indexOf('device:phone')] = 0;
    moved[names.indexOf('device:desktop')] = 1;
    const changed = describeCentroid(model, moved);
    expect(changed).toContain('books');
    expect(changed).toContain('desktop');
    expect(changed).not.toContain('electronics');
  });
});
