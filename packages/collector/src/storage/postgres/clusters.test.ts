// PostgreSQL's clusters answer as SQLite's do, count what collectors add at once, and read a saved model anew.
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../testing/events.js';
import { freshPerTest } from '../../testing/postgres.js';
import { inTransaction, openTransaction } from '../../testing/postgres-transaction.js';
import { openDatabase } from '../sqlite/database.js';
import { freshness } from '../sqlite/freshness.js';
import { sqliteClusters } from '../sqlite/clusters.js';
import type { ClusterModel, FeatureCounts, Placement } from '../../model/cluster.js';
import type { ClusterStore } from '../clusters.js';
import { CopyShelf } from './copies.js';
import { pgClusters } from './clusters.js';

const counts = (changes: Partial<FeatureCounts>): FeatureCounts => ({
  purchases: 0,
  purchaseValue: 0,
  desktop: 0,
  tablet: 0,
  phone: 0,
  catalog: 0,
  categories: new Map(),
  ...changes,
});
const at = (cluster: number | null, clusterScore = 0, clusterBuyer = 0): Placement => ({ cluster, clusterScore, clusterBuyer });
const unplaced = at(null);
const fitted = (k: number): ClusterModel => ({
  features: ['recency', 'cat:coffee'],
  categories: ['coffee'],
  min: [0, 0],
  max: [1, 3],
  mean: [0.5, 0.25],
  centroids: Array.from({ length: k }, (_, i) => [i / k, 0.5]),
});

/** A person's counts with the categories as a list, so their order is compared too. */
const listed = ({ counts: c, placed }: { counts: FeatureCounts; placed: Placement }) => ({ counts: { ...c, categories: [...c.categories] }, placed });

/** One run over every method of the group, its answers in order: the same on both backends. */
async function exercise(s: ClusterStore, exec: (text: string) => void) {
  const seen: Record<string, unknown> = {};
  exec("INSERT INTO sites (id, key, created_at) VALUES (1, 'one', 0), (2, 'two', 0)");
  seen.empty = [listed(await s.countsOf(1, 1)), await s.clusterOf(1, 1), await s.model(1), await s.fixedK(1), await s.totals(1)];

  s.addCounts(1, 1, counts({ purchases: 1, purchaseValue: 42.5, desktop: 2, phone: 1, catalog: 3, categories: new Map([['coffee', 2], ['Audio', 1], ['ärger', 1]]) }));
  s.addCounts(1, 1, counts({ purchases: 1, purchaseValue: 0.25, catalog: 2, categories: new Map([['coffee', 1], ['Zed', 4]]) }));
  s.addCounts(2, 1, counts({ tablet: 1, catalog: 1, categories: new Map([['audio', 1]]) }));
  s.addCounts(3, 1, counts({ desktop: 1 }));
  s.addCounts(4, 1, counts({ purchases: 2, purchaseValue: 10, categories: new Map([['Zed', 1], ['kitchen', 2]]) }));
  seen.counted = [listed(await s.countsOf(1, 1)), [...(await s.countsOfPeople([2, 99, 1, 2], 1))].map(([id, c]) => [id, listed(c)])];
  seen.none = [...(await s.countsOfPeople([], 1))];

  s.place(1, 1, unplaced, at(1, 5, 1));
  s.place(2, 1, unplaced, at(2, 3));
  s.place(3, 1, unplaced, at(1, 2));
  s.place(4, 1, unplaced, at(2, 1.5, 1));
  s.place(5, 1, unplaced, unplaced);
  s.place(1, 1, at(1, 5, 1), at(1, 6.25, 1));
  s.place(2, 1, at(2, 3), at(1, 3));
  s.place(3, 1, at(1, 2), unplaced);
  seen.placed = [await s.totals(1), await s.clusterOf(1, 1), await s.clusterOf(3, 1), await s.clusterOf(5, 1), (await s.countsOf(2, 1)).placed, listed(await s.countsOf(5, 1))];

  s.forgetProfile(2, 1);
  s.forgetProfile(3, 1);
  s.forgetProfile(99, 1);
  seen.forgotten = [await s.totals(1), listed(await s.countsOf(2, 1)), listed(await s.countsOf(3, 1))];

  s.absorb(1, 4, 1);
  s.absorb(1, 98, 1);
  seen.absorbed = [await s.totals(1), listed(await s.countsOf(1, 1)), listed(await s.countsOf(4, 1))];

  s.saveModel(1, fitted(2), 123, 50);
  seen.model = [await s.model(1), await s.model(2)];
  s.saveModel(1, fitted(3), 456, 60);
  seen.refitted = await s.model(1);

  s.setFixedK(1, 4);
  seen.k = [await s.fixedK(1), await s.fixedK(2)];
  s.setFixedK(1, 5);
  seen.k5 = await s.fixedK(1);
  s.setFixedK(1, null);
  s.setFixedK(2, null);
  seen.kUnset = await s.fixedK(1);
  return seen;
}

const fresh = freshPerTest();

describe('pgClusters', () => {
  it("answers every method as SQLite's group does, in the same order", async () => {
    const sqlite = openDatabase(tempDbPath());
    const expected = await exercise(sqliteClusters(sqlite, freshness(sqlite)), (text) => sqlite.exec(text));
    sqlite.close();
    const { pool } = await fresh();
    const copies = new CopyShelf().view(() => {});
    const got = await inTransaction(pool, (sql) => exercise(pgClusters(sql, copies), (text) => sql.run(text)));
    expect(got).toEqual(expected);
    // The run reads what it means to: a few answers spelled out.
    expect((got.counted as unknown[])[0]).toMatchObject({ counts: { purchases: 2, purchaseValue: 42.75, categories: [['Audio', 1], ['Zed', 4], ['coffee', 3], ['ärger', 1]] } });
    expect((got.placed as unknown[])[0]).toEqual([{ cluster: 1, people: 2, buyers: 1, scoreSum: 9.25 }, { cluster: 2, people: 1, buyers: 1, scoreSum: 1.5 }]);
    expect((got.absorbed as unknown[])[0]).toEqual([{ cluster: 1, people: 1, buyers: 1, scoreSum: 6.25 }, { cluster: 2, people: 0, buyers: 0, scoreSum: 0 }]);
    expect(got.refitted).toEqual({ k: 3, fittedAt: 456, sampleSize: 60, model: fitted(3) });
  });

  it('counts the totals and counts of two transactions adding at once', async () => {
    const { pool } = await fresh();
    await pool.query("INSERT INTO sites (id, key, created_at) VALUES (1, 'one', 0)");
    const one = await openTransaction(pool);
    const two = await openTransaction(pool);
    const copies = new CopyShelf().view(() => {});
    const [a, b] = [pgClusters(one.sql, copies), pgClusters(two.sql, copies)];
    a.place(1, 1, unplaced, at(1, 2, 1));
    a.addCounts(9, 1, counts({ purchases: 1, categories: new Map([['coffee', 1]]) }));
    await a.totals(1);
    b.place(2, 1, unplaced, at(1, 3));
    b.addCounts(9, 1, counts({ purchases: 2, categories: new Map([['coffee', 2]]) }));
    const waiting = two.commit();
    await one.commit();
    await waiting;
    const s = pgClusters((await import('./sql.js')).poolSql(pool), copies);
    expect(await s.totals(1)).toEqual([{ cluster: 1, people: 2, buyers: 1, scoreSum: 5 }]);
    expect(listed(await s.countsOf(9, 1)).counts).toMatchObject({ purchases: 3, categories: [['coffee', 3]] });
  });

  it('reads the model once, and anew after a save', async () => {
    const { pool } = await fresh();
    await pool.query("INSERT INTO sites (id, key, created_at) VALUES (1, 'one', 0)");
    let announced = 0;
    const shelf = new CopyShelf();
    const copies = shelf.view(() => announced++);
    await inTransaction(pool, async (sql) => pgClusters(sql, copies).saveModel(1, fitted(2), 1, 10));
    expect(announced).toBe(1);
    const reader = pgClusters((await import('./sql.js')).poolSql(pool), copies);
    expect((await reader.model(1))?.k).toBe(2);
    // Written behind the copy's back: the copy stands until a save (here or, announced, elsewhere) drops it.
    await pool.query('UPDATE cluster_models SET k = 9');
    expect((await reader.model(1))?.k).toBe(2);
    shelf.clearAll();
    expect((await reader.model(1))?.k).toBe(9);
  });
});
