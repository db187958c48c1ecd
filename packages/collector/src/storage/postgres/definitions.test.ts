// Event definitions on PostgreSQL: created once per name in the order seen, changed field by field, read from a copy until one changes, and created by collectors at once without waiting on each other for ever.
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulsePostgres } from '../../testing/postgres.js';
import { freshGroup, ownCopies, shopAndBlog } from '../../testing/postgres-group.js';
import { openTransaction, someoneWaits } from '../../testing/postgres-transaction.js';
import { pgDefinitions } from './definitions.js';

const begin = (pool: pg.Pool) => openTransaction(pool, (sql) => pgDefinitions(sql, ownCopies()));

const names = (map: ReadonlyMap<string, unknown>) => [...map.keys()];

describe('PostgreSQL event definitions', () => {
  let db: PulsePostgres;
  let definitions: ReturnType<typeof pgDefinitions>;
  let site: number;
  let other: number;
  beforeEach(async () => {
    ({ db, group: definitions } = await freshGroup(pgDefinitions));
    [site, other] = await shopAndBlog(db.pool);
  });
  afterEach(() => db.close());

  it('are created for new names only, in the order seen, with their default points', async () => {
    expect((await definitions.ofSite(site)).size).toBe(0);
    const first = await definitions.ensure(site, [{ name: 'purchase', points: 10 }, { name: 'page', points: 0 }, { name: 'purchase', points: 99 }], 1000);
    expect(names(first)).toEqual(['purchase', 'page']);
    expect(first.get('purchase')).toEqual({ id: 1, siteId: site, name: 'purchase', points: 10, shown: true, rules: [], dailyCap: null, hiddenAt: null });
    const second = await definitions.ensure(site, [{ name: 'signup', points: 5 }, { name: 'page', points: 7 }, { name: 'add_to_cart', points: 1 }], 2000);
    expect(names(second)).toEqual(['purchase', 'page', 'signup', 'add_to_cart']);
    expect(second.get('page')!.points).toBe(0);
    expect(names(await definitions.ensure(site, [], 3000))).toEqual(['purchase', 'page', 'signup', 'add_to_cart']);
    expect(await definitions.list(other)).toEqual([]);
    expect((await definitions.list(site)).map((d) => d.name)).toEqual(['purchase', 'page', 'signup', 'add_to_cart']);
  });

  it("are a site's one map until one of them changes", async () => {
    await definitions.ensure(site, [{ name: 'page', points: 0 }], 0);
    const map = await definitions.ofSite(site);
    expect(await definitions.ofSite(site)).toBe(map);
    await db.pool.query("UPDATE event_definitions SET points = 3 WHERE name = 'page'");
    expect((await definitions.ofSite(site)).get('page')!.points).toBe(0);
    await definitions.save(site, 'page', { points: 4 }, 0, 0);
    const changed = await definitions.ofSite(site);
    expect(changed).not.toBe(map);
    expect(changed.get('page')!.points).toBe(4);
  });

  it('change only what is given, creating the name with its default points when new', async () => {
    const rules = [{ prop: 'value', op: 'gt' as const, value: 100, points: 20 }];
    expect(await definitions.save(site, 'purchase', { rules }, 10, 1000)).toEqual({
      id: 1, siteId: site, name: 'purchase', points: 10, shown: true, rules, dailyCap: null, hiddenAt: null,
    });
    expect(await definitions.save(site, 'purchase', { points: -5, dailyCap: 50 }, 99, 2000)).toMatchObject({ points: -5, rules, dailyCap: 50 });
    expect(await definitions.save(site, 'purchase', {}, 99, 3000)).toMatchObject({ points: -5, rules, dailyCap: 50, shown: true });
    expect(await definitions.save(site, 'purchase', { dailyCap: null, rules: [] }, 99, 4000)).toMatchObject({ points: -5, rules: [], dailyCap: null });
    expect(await definitions.find(site, 'purchase')).toMatchObject({ points: -5, rules: [], dailyCap: null });
  });

  it('stamp hiding with the time, keep the stamp while hidden and drop it when shown', async () => {
    expect(await definitions.save(site, 'page', { shown: false }, 0, 1000)).toMatchObject({ shown: false, hiddenAt: 1000 });
    expect(await definitions.save(site, 'page', { shown: false }, 0, 2000)).toMatchObject({ shown: false, hiddenAt: 1000 });
    expect(await definitions.save(site, 'page', { points: 1 }, 0, 3000)).toMatchObject({ shown: false, hiddenAt: 1000 });
    expect(await definitions.save(site, 'page', { shown: true }, 0, 4000)).toMatchObject({ shown: true, hiddenAt: null });
    expect(await definitions.save(site, 'page', { shown: true }, 0, 5000)).toMatchObject({ shown: true, hiddenAt: null });
  });

  it('are found by site and name', async () => {
    await definitions.ensure(site, [{ name: 'page', points: 0 }], 0);
    expect(await definitions.find(site, 'page')).toMatchObject({ siteId: site, name: 'page' });
    expect(await definitions.find(other, 'page')).toBeUndefined();
    expect(await definitions.find(site, 'Page')).toBeUndefined();
  });

  it('are created by two collectors meeting the same new names in opposite orders, one after the other', async () => {
    const first = await begin(db.pool);
    const second = await begin(db.pool);
    await first.group.ensure(site, [{ name: 'page', points: 0 }], 0);
    // Without taking turns, each would hold the name the other creates next, and one would be cut off.
    const secondFirst = second.group.ensure(site, [{ name: 'signup', points: 5 }], 0);
    await someoneWaits(db.pool);
    await first.group.ensure(site, [{ name: 'signup', points: 1 }], 0);
    await first.commit();
    expect(names(await secondFirst)).toEqual(['page', 'signup']);
    expect(names(await second.group.ensure(site, [{ name: 'page', points: 9 }], 0))).toEqual(['page', 'signup']);
    await second.commit();
    expect((await definitions.list(site)).map((d) => [d.name, d.points])).toEqual([['page', 0], ['signup', 1]]);
  });

  it('keep both of two collectors changing one definition at once', async () => {
    await definitions.ensure(site, [{ name: 'page', points: 0 }], 0);
    await definitions.list(site);
    const first = await begin(db.pool);
    const second = await begin(db.pool);
    await first.group.save(site, 'page', { points: 3, shown: false }, 0, 1000);
    const secondSave = second.group.save(site, 'page', { dailyCap: 7, shown: false }, 0, 2000);
    await someoneWaits(db.pool);
    await first.commit();
    expect(await secondSave).toMatchObject({ points: 3, dailyCap: 7, shown: false, hiddenAt: 1000 });
    await second.commit();
  });
});
