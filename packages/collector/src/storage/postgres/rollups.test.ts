import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgRollups } from './rollups.js';
import { sqliteRollups } from '../sqlite/rollups.js';
import { sideBySide, type SideBySide } from '../../testing/postgres-side-by-side.js';
import type { RollupStore } from '../rollups.js';

// A small deterministic generator, so a failure can be replayed.
function random(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe('PostgreSQL rollups', () => {
  let both: SideBySide;
  let pg: RollupStore;
  let lite: RollupStore;

  beforeEach(async () => {
    both = await sideBySide();
    pg = pgRollups(both.sql);
    lite = sqliteRollups(both.db);
  });
  afterEach(() => both.close());

  async function same<T>(read: (rollups: RollupStore) => Promise<T>): Promise<T> {
    const [fromPg, fromLite] = [await read(pg), await read(lite)];
    expect(fromPg).toEqual(fromLite);
    return fromPg;
  }

  it('keeps the returns rollup as SQLite does, equal to the distinct people of every range, with late days, merges and deletions', async () => {
    const tx = await both.begin();
    const next = random(42);
    const people = 40;
    const active = new Map<number, Set<number>>(Array.from({ length: people }, (_, p) => [p + 1, new Set<number>()]));
    for (let i = 0; i < 600; i++) {
      // Days in any order: a queue sent late puts a day between two already counted.
      const person = 1 + Math.floor(next() * people);
      const day = 100 + Math.floor(next() * 30);
      if (!active.has(person)) continue;
      for (const rollups of [pgRollups(tx.sql), lite]) rollups.markActiveDay(1, day, person);
      active.get(person)!.add(day);
      if (i % 97 === 96) {
        // Identity finds two people to be one: the second's days become the first's.
        const [into, from] = [...active.keys()].sort(() => next() - 0.5);
        for (const rollups of [pgRollups(tx.sql), lite]) rollups.moveActiveDays(1, into!, from!);
        for (const d of active.get(from!)!) active.get(into!)!.add(d);
        active.delete(from!);
      }
      if (i % 151 === 150) {
        const [gone] = [...active.keys()].sort(() => next() - 0.5);
        for (const rollups of [pgRollups(tx.sql), lite]) rollups.forgetActiveDays(1, gone!);
        active.delete(gone!);
      }
    }
    await tx.commit();
    for (let from = 98; from <= 131; from += 3) {
      for (let to = from; to <= 132; to += 4) {
        const expected = [...active.values()].filter((set) => [...set].some((d) => d >= from && d <= to)).length;
        expect(await same((r) => r.activePeople({ siteId: 1, from, to })), `${from}..${to}`).toBe(expected);
      }
    }
    expect(await same((r) => r.activePerDay({ siteId: 1, from: 100, to: 129 }))).toEqual(
      Array.from({ length: 30 }, (_, i) => ({ day: 100 + i, people: [...active.values()].filter((set) => set.has(100 + i)).length })).filter((d) => d.people > 0),
    );
    const returns = 'SELECT site_id, day, prev_day, people FROM daily_returns WHERE people != 0 ORDER BY site_id, day, prev_day';
    expect((await both.pg.pool.query(returns)).rows).toEqual(both.db.prepare(returns).all());
    const days = 'SELECT site_id, day, profile_id FROM daily_people ORDER BY site_id, day, profile_id';
    expect((await both.pg.pool.query(days)).rows).toEqual(both.db.prepare(days).all());
  });

  it('sums events, reach and groups as SQLite does, ties by name', async () => {
    for (const rollups of [pg, lite]) {
      for (let i = 0; i < 60; i++) {
        rollups.addEvents(1, 100 + (i % 4), ['page', 'buy', 'Buy', 'ärger', 'cart'][i % 5]!, 1 + (i % 3));
        rollups.addReach(1, 100 + (i % 4), ['direct', 'Search', 'search', 'news'][i % 4]!, i % 7 === 6 ? -1 : 1);
        rollups.addGroupDelta(1, 100 + (i % 4), (['new', 'active', 'passive'] as const)[i % 3]!, i % 5 === 4 ? -1 : 1);
      }
      rollups.addEvents(2, 100, 'page', 5);
      rollups.addReach(1, 101, 'gone', 1);
      rollups.addReach(1, 102, 'gone', -1);
    }
    for (const range of [{ siteId: 1, from: 100, to: 100 }, { siteId: 1, from: 99, to: 102 }, { siteId: 1, from: 101, to: 200 }, { siteId: 3, from: 0, to: 999 }]) {
      await same((r) => r.activityMix(range));
      await same((r) => r.reach(range));
      await same((r) => r.activePeople(range));
      await same((r) => r.activePerDay(range));
    }
    expect(await same((r) => r.reach({ siteId: 1, from: 100, to: 103 }))).not.toContainEqual(expect.objectContaining({ source: 'gone' }));
    for (const day of [99, 100, 102, 500]) await same((r) => r.groupSizes(1, day));
    expect(await same((r) => r.groupSizes(2, 500))).toEqual({ new: 0, active: 0, passive: 0 });
  });

  it('counts a day two collectors mark at once once, and what they add both', async () => {
    const [a, b] = [await both.begin(), await both.begin()];
    for (const tx of [a, b]) {
      pgRollups(tx.sql).markActiveDay(1, 100, 7);
      pgRollups(tx.sql).addEvents(1, 100, 'page', 2);
    }
    await a.sql.settle();
    const committing = b.commit();
    await both.blocked();
    await a.commit();
    await committing;
    expect(await pg.activePerDay({ siteId: 1, from: 100, to: 100 })).toEqual([{ day: 100, people: 1 }]);
    expect(await pg.activityMix({ siteId: 1, from: 100, to: 100 })).toEqual([{ name: 'page', events: 4 }]);
  });

  it('slots a day in after the days another collector committed while it waited for the person', async () => {
    await both.pg.pool.query('INSERT INTO profiles (id, site_id, first_seen, last_seen, events, score, score_at) VALUES (7, 1, 0, 0, 0, 0, 0)');
    const lockPerson = 'SELECT id FROM profiles WHERE id = 7 FOR UPDATE';
    const [a, b] = [await both.begin(), await both.begin()];
    await a.sql.rows(lockPerson);
    pgRollups(a.sql).markActiveDay(1, 105, 7);
    await a.sql.settle();
    const waiting = b.sql.rows(lockPerson);
    await both.blocked();
    await a.commit();
    await waiting;
    pgRollups(b.sql).markActiveDay(1, 103, 7);
    await b.commit();
    lite.markActiveDay(1, 105, 7);
    lite.markActiveDay(1, 103, 7);
    const returns = 'SELECT day, prev_day, people FROM daily_returns WHERE people != 0 ORDER BY day, prev_day';
    expect((await both.pg.pool.query(returns)).rows).toEqual([{ day: 103, prev_day: -1, people: 1 }, { day: 105, prev_day: 103, people: 1 }]);
    expect((await both.pg.pool.query(returns)).rows).toEqual(both.db.prepare(returns).all());
  });
});
