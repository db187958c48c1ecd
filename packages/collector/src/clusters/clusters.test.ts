import { describe, expect, it } from 'vitest';
import { scoringSetup, start, day } from '../testing/scoring.js';
import { localWriter } from '../engine/commands.js';
import { refitClusters, refitEvery } from '../jobs/refit.js';
import { summarizeClusters } from './describe.js';

const kinds = {
  // Frequent electronics buyers.
  buyer: (v: string, at: number) => [
    ...Array.from({ length: 8 }, () => ({ name: 'product_view', visitor: v, props: { category: 'electronics' }, ts: at })),
    { name: 'purchase', visitor: v, props: { value: 2_000, items: [{ category: 'electronics' }] }, ts: at },
  ],
  // One look at a book.
  reader: (v: string, at: number) => [{ name: 'product_view', visitor: v, props: { category: 'books' }, ts: at }],
  // Garden browsers in Business communities.
  gardener: (v: string, at: number) => [
    ...Array.from({ length: 4 }, () => ({ name: 'product_view', visitor: v, props: { category: 'garden' }, ts: at })),
    { name: 'identify', visitor: v, user: `${v}@example.com`, traits: { communities: [{ id: 'club-1', type: 'Business' }, { id: 'club-2', type: 'business' }] }, ts: at },
  ],
} as const;

async function shop() {
  const setup = await scoringSetup();
  const at = start + 10 * day;
  const people: { visitor: string; kind: keyof typeof kinds }[] = [];
  for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
    for (let i = 0; i < 12; i++) {
      const visitor = `${kind}-${i}`;
      people.push({ visitor, kind });
      await setup.send(at + i * 60_000, ...kinds[kind](visitor, at + i * 60_000));
    }
  }
  const writer = localWriter(setup.store);
  const now = at + day;
  const deps = { store: setup.store, writer, now: () => now };
  const clusterOf = async (visitor: string) => setup.store.clusters.clusterOf((await setup.profile(visitor)).id, setup.site.id);
  return { ...setup, people, deps, now, clusterOf };
}

describe('clusters from real ingest', () => {
  it('finds the kinds of shoppers, places everyone, and describes and ranks each cluster', async () => {
    const { store, site, people, deps, clusterOf } = await shop();
    expect(await store.clusters.model(site.id)).toBeNull();
    // Nobody is placed before there is a model.
    expect(await clusterOf('buyer-0')).toBeNull();
    const fitted = await refitClusters(deps, site.id);
    expect(fitted.k).toBe(3);
    for (const kind of Object.keys(kinds)) {
      const clusters = new Set(await Promise.all(people.filter((p) => p.kind === kind).map((p) => clusterOf(p.visitor))));
      expect(clusters.size, kind).toBe(1);
    }
    expect(new Set(await Promise.all(people.map((p) => clusterOf(p.visitor)))).size).toBe(3);
    const summary = summarizeClusters((await store.clusters.model(site.id))!, await store.clusters.totals(site.id));
    const [buyerCluster, gardenerCluster, readerCluster] = await Promise.all(['buyer-0', 'gardener-0', 'reader-0'].map(clusterOf));
    const buyers = summary.find((c) => c.cluster === buyerCluster)!;
    expect(buyers).toMatchObject({ people: 12, conversion: 1, priority: 'High' });
    expect(buyers.words).toEqual(expect.arrayContaining(['frequent', 'big spenders', 'electronics']));
    const gardeners = summary.find((c) => c.cluster === gardenerCluster)!;
    expect(gardeners).toMatchObject({ people: 12, conversion: 0, priority: 'Low' });
    expect(gardeners.words).toEqual(expect.arrayContaining(['garden', 'mostly Business communities', 'few purchases']));
    expect(summary.find((c) => c.cluster === readerCluster)!.words).toContain('books');
    // The average score is the mean of the placed people's current scores.
    const scores = await Promise.all(people.filter((p) => p.kind === 'buyer').map(async (p) => (await store.profiles.ofVisitor(site.id, p.visitor))!.scoreNow));
    expect(buyers.averageScore).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / 12, 6);
  });

  it('moves a person to the nearest cluster with their next event, and a segment on the cluster follows', async () => {
    const { store, site, deps, clusterOf, send, segment, now, profile } = await shop();
    await refitClusters(deps, site.id, 3);
    const buyersCluster = (await clusterOf('buyer-0'))!;
    const readersCluster = (await clusterOf('reader-0'))!;
    const saved = await segment('Electronics cluster', { cluster: [buyersCluster] }, now);
    const members = async () => new Set((await store.segments.members(site.id, saved.id, 0, 100)).map((m) => m.profileId));
    expect((await members()).size).toBe(12);
    expect((await members()).has((await profile('reader-5')).id)).toBe(false);
    const sizes = async () => new Map((await store.clusters.totals(site.id)).map((t) => [t.cluster, t.people]));
    const before = await sizes();

    // The reader turns into an electronics buyer: one batch, no refit.
    await send(now, ...kinds.buyer('reader-5', now), ...kinds.buyer('reader-5', now));
    expect(await clusterOf('reader-5')).toBe(buyersCluster);
    expect((await sizes()).get(buyersCluster)).toBe(before.get(buyersCluster)! + 1);
    expect((await sizes()).get(readersCluster)).toBe(before.get(readersCluster)! - 1);
    expect((await members()).has((await profile('reader-5')).id)).toBe(true);
    expect((await store.clusters.totals(site.id)).find((t) => t.cluster === buyersCluster)!.buyers).toBe(13);

    // Page views (a point each) for people staying in their cluster: each cluster's totals still add up its people's.
    const later = now + 60_000;
    await send(later, { name: 'page', visitor: 'buyer-2', ts: later }, { name: 'page', visitor: 'buyer-2', ts: later }, { name: 'page', visitor: 'reader-1', ts: later });
    await send(later + 60_000, { name: 'page', visitor: 'buyer-2', ts: later + 60_000 });
    expect((await profile('buyer-2')).scoreNow).toBeGreaterThan(2);
    const placed = new Map<number, { people: number; buyers: number; scoreSum: number }>();
    for (const visitor of [...Object.keys(kinds)].flatMap((kind) => Array.from({ length: 12 }, (_, i) => `${kind}-${i}`))) {
      const p = await profile(visitor);
      const { counts } = await store.clusters.countsOf(p.id, p.siteId);
      const at = placed.get((await clusterOf(visitor))!) ?? { people: 0, buyers: 0, scoreSum: 0 };
      placed.set((await clusterOf(visitor))!, { people: at.people + 1, buyers: at.buyers + Number(counts.purchases > 0), scoreSum: at.scoreSum + p.scoreNow });
    }
    for (const t of await store.clusters.totals(site.id)) {
      expect(t.people, `cluster ${t.cluster}`).toBe(placed.get(t.cluster)?.people ?? 0);
      expect(t.buyers, `cluster ${t.cluster}`).toBe(placed.get(t.cluster)?.buyers ?? 0);
      expect(t.scoreSum, `cluster ${t.cluster}`).toBeCloseTo(placed.get(t.cluster)?.scoreSum ?? 0, 6);
    }
  });

  it('fits a site that has no model yet soon after start, and stops cleanly', async () => {
    const { store, site, deps } = await shop();
    const stop = refitEvery(deps, 3_600_000, (message) => expect.fail(message), 10);
    await expect.poll(() => store.clusters.model(site.id), { timeout: 10_000 }).not.toBeNull();
    await stop();
    expect((await store.clusters.totals(site.id)).reduce((sum, t) => sum + t.people, 0)).toBe(36);
  });

  it('refuses to fit a site with too few people', async () => {
    const { store, site, send } = await scoringSetup();
    await send(start, { name: 'page' });
    const writer = localWriter(store);
    await expect(refitClusters({ store, writer, now: () => start }, site.id)).rejects.toThrow(/at least 10 people; the site has 1/);
  });
});

describe('identity merges and clusters', () => {
  it("adds the merged-away person's counts to the merged one and takes them out of their cluster", async () => {
    const { store, site, deps, clusterOf, send, now, profile } = await shop();
    await refitClusters(deps, site.id, 3);
    const people = async () => (await store.clusters.totals(site.id)).reduce((sum, t) => sum + t.people, 0);
    expect(await people()).toBe(36);
    // buyer-1 signs in as gardener-0's customer: the two profiles become one.
    await send(now, { name: 'identify', visitor: 'buyer-1', user: 'gardener-0@example.com' });
    expect((await profile('buyer-1')).id).toBe((await profile('gardener-0')).id);
    expect(await people()).toBe(35);
    const { counts } = await store.clusters.countsOf((await profile('gardener-0')).id, site.id);
    expect(counts).toMatchObject({ purchases: 1, purchaseValue: 2_000, catalog: 8 + 1 + 4 });
    expect(counts.categories).toEqual(new Map([['electronics', 9], ['garden', 4]]));
    expect(await clusterOf('gardener-0')).not.toBeNull();
  });
});
