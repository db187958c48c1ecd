// Placements on PostgreSQL: saved with exactly the variants given (kept ids keep their tallies), read from a copy until one changes, and one placement however many collectors save its slot at once.
import type pg from 'pg';
import type { VariantContent } from '@pulse/wire/personalization';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulsePostgres } from '../../testing/postgres.js';
import { freshGroup, ownCopies, shopAndBlog } from '../../testing/postgres-group.js';
import { openTransaction, someoneWaits } from '../../testing/postgres-transaction.js';
import { pgPersonalization } from './personalization.js';
import type { PlacementFields } from '../personalization.js';

const fields = (slot: string, label = 'Hero'): PlacementFields => ({ slot, label, adaptive: ['desktop', 'phone'], disabled: false, autoReloadS: 0 });
const content = (title: string): VariantContent => ({ kind: 'content', title });
const variant = (name: string, priority = 0, id?: number) => ({ ...(id === undefined ? {} : { id }), name, priority, when: {}, content: content(name) });

const begin = (pool: pg.Pool) => openTransaction(pool, (sql) => pgPersonalization(sql, ownCopies()));

describe('PostgreSQL placements', () => {
  let db: PulsePostgres;
  let store: ReturnType<typeof pgPersonalization>;
  let site: number;
  let other: number;
  beforeEach(async () => {
    ({ db, group: store } = await freshGroup(pgPersonalization));
    [site, other] = await shopAndBlog(db.pool);
  });
  afterEach(() => db.close());

  it('are saved with their variants, highest priority first, then as listed', async () => {
    const saved = await store.savePlacement(site, { ...fields('hero'), disabled: true, autoReloadS: 60 }, [variant('a'), variant('b', 5), variant('c'), variant('d', 5)], 1000);
    expect(saved).toEqual({
      id: 1, siteId: site, slot: 'hero', label: 'Hero', adaptive: ['desktop', 'phone'], disabled: true, autoReloadS: 60, createdAt: 1000, updatedAt: 1000,
      variants: [
        { id: 2, name: 'b', priority: 5, when: {}, content: content('b') },
        { id: 4, name: 'd', priority: 5, when: {}, content: content('d') },
        { id: 1, name: 'a', priority: 0, when: {}, content: content('a') },
        { id: 3, name: 'c', priority: 0, when: {}, content: content('c') },
      ],
    });
    expect(await store.placement(site, 'hero')).toEqual(saved);
    expect(await store.placement(other, 'hero')).toBeUndefined();
  });

  it('keep exactly the variants of a second save: ids kept are updated, others made or dropped', async () => {
    const first = await store.savePlacement(site, fields('hero'), [variant('a'), variant('b'), variant('c')], 1000);
    const elsewhere = await store.savePlacement(site, fields('footer'), [variant('x')], 1000);
    const [a, b] = first.variants;
    store.addVariantDay(site, a!.id, 10, 5, 1);
    store.addVariantDay(site, b!.id, 10, 7, 2);
    const second = await store.savePlacement(site, fields('hero', 'Hero 2'), [variant('new'), variant('a2', 1, a!.id), variant('stolen', 0, elsewhere.variants[0]!.id)], 2000);
    expect(second).toMatchObject({ id: first.id, label: 'Hero 2', createdAt: 1000, updatedAt: 2000 });
    expect(second.variants.map((v) => [v.name, v.priority])).toEqual([['a2', 1], ['new', 0], ['stolen', 0]]);
    expect(second.variants[0]!.id).toBe(a!.id);
    expect(second.variants[2]!.id).not.toBe(elsewhere.variants[0]!.id);
    // The kept variant keeps its tallies; the dropped one goes with its own.
    expect(await store.variantTallies(site, 0, 100)).toEqual([{ variantId: a!.id, views: 5, clicks: 1 }]);
    expect((await store.placement(site, 'footer'))!.variants).toEqual(elsewhere.variants);
  });

  it("are listed by slot in byte order, each site's own", async () => {
    for (const slot of ['zeta', 'alpha', 'Beta']) await store.savePlacement(site, fields(slot), [], 0);
    await store.savePlacement(other, fields('aardvark'), [], 0);
    expect((await store.placements(site)).map((p) => p.slot)).toEqual(['Beta', 'alpha', 'zeta']);
    expect(await store.placements(other + 1)).toEqual([]);
  });

  it('are deleted by slot on their own site only', async () => {
    await store.savePlacement(site, fields('hero'), [variant('a')], 0);
    expect(await store.deletePlacement(other, 'hero')).toBe(false);
    expect(await store.deletePlacement(site, 'hero')).toBe(true);
    expect(await store.deletePlacement(site, 'hero')).toBe(false);
    expect(await store.placements(site)).toEqual([]);
  });

  it("are a site's one copy until a placement changes", async () => {
    await store.savePlacement(site, fields('hero'), [variant('a')], 0);
    const placements = await store.placements(site);
    expect(await store.placements(site)).toBe(placements);
    await db.pool.query("UPDATE placements SET label = 'changed elsewhere'");
    expect((await store.placement(site, 'hero'))!.label).toBe('Hero');
    await store.deletePlacement(site, 'nothing');
    expect((await store.placement(site, 'hero'))!.label).toBe('changed elsewhere');
  });

  it("sum their variants' views and clicks over a range of days, in variant order", async () => {
    const hero = await store.savePlacement(site, fields('hero'), [variant('a'), variant('b', 1)], 0);
    const blog = await store.savePlacement(other, fields('hero'), [variant('x')], 0);
    const [b, a] = hero.variants;
    store.addVariantDay(site, b!.id, 10, 3, 1);
    store.addVariantDay(site, b!.id, 10, 4, 0);
    store.addVariantDay(site, b!.id, 12, 1, 1);
    store.addVariantDay(site, a!.id, 11, 2, 2);
    store.addVariantDay(site, a!.id, 13, 100, 100);
    store.addVariantDay(other, blog.variants[0]!.id, 11, 9, 9);
    expect(await store.variantTallies(site, 10, 12)).toEqual([
      { variantId: a!.id, views: 2, clicks: 2 },
      { variantId: b!.id, views: 8, clicks: 2 },
    ]);
    expect(await store.variantTallies(site, 20, 30)).toEqual([]);
  });

  it('count every view and click two collectors add to the same day at once', async () => {
    const { variants } = await store.savePlacement(site, fields('hero'), [variant('a')], 0);
    const collectors = await Promise.all([begin(db.pool), begin(db.pool)]);
    await Promise.all(
      collectors.map(async (collector, i) => {
        collector.group.addVariantDay(site, variants[0]!.id, 10, i + 1, 1);
        await collector.commit();
      }),
    );
    expect(await store.variantTallies(site, 10, 10)).toEqual([{ variantId: variants[0]!.id, views: 3, clicks: 2 }]);
  });

  it("are one placement when two collectors save a slot at once, with the later save's variants", async () => {
    const first = await begin(db.pool);
    const second = await begin(db.pool);
    const firstSaved = await first.group.savePlacement(site, fields('hero', 'First'), [variant('a'), variant('b')], 1000);
    const secondSave = second.group.savePlacement(site, fields('hero', 'Second'), [variant('c')], 2000);
    await someoneWaits(db.pool);
    await first.commit();
    const secondSaved = await secondSave;
    await second.commit();
    expect(secondSaved).toMatchObject({ id: firstSaved.id, label: 'Second', createdAt: 1000, updatedAt: 2000 });
    expect((await store.placements(site)).map((p) => [p.label, p.variants.map((v) => v.name)])).toEqual([['Second', ['c']]]);
  });
});
