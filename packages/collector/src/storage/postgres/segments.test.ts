// Segments on PostgreSQL: setup copies, counters, memberships with their history and daily sizes, and two collectors changing the same person at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshPulsePostgres, type PulsePostgres } from '../../testing/postgres.js';
import { CopyShelf } from './copies.js';
import { poolSql, type Sql } from './sql.js';
import { pgSegments } from './segments.js';
import { inTransaction, openTransaction } from '../../testing/postgres-transaction.js';
import type { SegmentStore } from '../segments.js';

describe('PostgreSQL segments', () => {
  let db: PulsePostgres;
  let shelf: CopyShelf;
  const on = (sql: Sql) => pgSegments(sql, shelf.view(() => {}));
  const tx = <T>(fn: (segments: SegmentStore) => Promise<T> | T) => inTransaction(db.pool, (sql) => fn(on(sql)));
  const pooled = () => on(poolSql(db.pool));
  const purchase = { event: 'purchase', where: [], sum: 'value' };
  const big = { score: { gte: 10 } };

  beforeEach(async () => {
    db = await freshPulsePostgres();
    shelf = new CopyShelf();
    await db.pool.query("INSERT INTO sites (key, created_at) VALUES ('one', 0), ('two', 0)");
  });
  afterEach(() => db.close());

  it('keeps a site\u2019s setup until its segments or counters change', async () => {
    const segments = pooled();
    const before = await segments.setup(1);
    expect(before).toEqual({ segments: [], counters: [] });
    expect(await segments.setup(1)).toBe(before);
    const segment = await tx((s) => s.insert(1, 'big', big, 5));
    expect(segment).toEqual({ id: segment.id, siteId: 1, name: 'big', rules: big, browserKey: null, createdAt: 5, updatedAt: 5 });
    const after = await segments.setup(1);
    expect(after).not.toBe(before);
    expect(after.segments).toEqual([segment]);
    expect(await tx((s) => s.ensureCounter(1, purchase))).toEqual({ id: 1, created: true });
    expect((await segments.setup(1)).counters).toEqual([{ id: 1, spec: purchase }]);
    const kept = await segments.setup(1);
    expect(await tx((s) => s.ensureCounter(1, purchase))).toEqual({ id: 1, created: false });
    expect(await segments.setup(1)).toBe(kept);
    await tx((s) => s.update(1, segment.id, 'bigger', { score: { gte: 20 } }, 9));
    expect((await segments.setup(1)).segments[0]).toMatchObject({ name: 'bigger', rules: { score: { gte: 20 } }, createdAt: 5, updatedAt: 9 });
    expect(await tx((s) => s.delete(1, segment.id))).toBe(true);
    expect(await segments.list(1)).toEqual([]);
  });

  it('forgets a change whose transaction rolls back', async () => {
    const open = await openTransaction(db.pool, on);
    await open.group.insert(1, 'phantom', big, 0);
    expect((await open.group.list(1)).map((s) => s.name)).toEqual(['phantom']);
    await open.rollback();
    // The store empties the copies when a transaction rolls back.
    shelf.clearAll();
    expect(await pooled().list(1)).toEqual([]);
  });

  it('finds, updates, deletes and shows segments of their own site only', async () => {
    const a = await tx((s) => s.insert(1, 'a', big, 0));
    const b = await tx((s) => s.insert(1, 'b', big, 0));
    const segments = pooled();
    expect((await segments.list(1)).map((s) => s.id)).toEqual([a.id, b.id]);
    expect(await segments.find(1, a.id)).toEqual(a);
    expect(await segments.find(2, a.id)).toBeUndefined();
    expect(await tx((s) => s.update(2, a.id, 'x', big, 1))).toBeUndefined();
    expect(await tx((s) => s.setBrowserKey(1, a.id, 'vip'))).toBe(true);
    expect((await segments.find(1, a.id))?.browserKey).toBe('vip');
    expect((await segments.list(1))[0]!.browserKey).toBe('vip');
    expect(await tx((s) => s.setBrowserKey(2, a.id, null))).toBe(false);
    expect(await tx((s) => s.setBrowserKey(1, a.id, null))).toBe(true);
    expect((await segments.find(1, a.id))?.browserKey).toBeNull();
    expect(await tx((s) => s.delete(2, b.id))).toBe(false);
    expect(await tx((s) => s.delete(1, b.id))).toBe(true);
    expect(await tx((s) => s.delete(1, b.id))).toBe(false);
    await expect(tx((s) => s.insert(1, 'a', big, 0))).rejects.toThrow(/unique/);
  });

  it('adds counted days up per person and reads them for several people at once', async () => {
    const { id } = await tx((s) => s.ensureCounter(1, purchase));
    const other = (await tx((s) => s.ensureCounter(1, { event: 'view', where: [], sum: null }))).id;
    await tx((s) => {
      s.addToCounters(1, 7, [{ counterId: other, day: 3, count: 1, total: 0 }, { counterId: id, day: 2, count: 1, total: 2.5 }]);
      s.addToCounters(1, 7, [{ counterId: id, day: 2, count: 2, total: 1 }, { counterId: id, day: 1, count: 1, total: 1 }]);
      s.addToCounters(1, 8, [{ counterId: id, day: 5, count: 1, total: 4 }]);
    });
    const segments = pooled();
    expect(await segments.countedOfPeople(1, [], 0)).toEqual(new Map());
    expect(await segments.countedOfPeople(1, [8, 7, 99], 2)).toEqual(
      new Map([
        [8, [{ counterId: id, day: 5, count: 1, total: 4 }]],
        [7, [{ counterId: id, day: 2, count: 3, total: 3.5 }, { counterId: other, day: 3, count: 1, total: 0 }]],
        [99, []],
      ]),
    );
    // Through the pool, as the store's writes outside a transaction go.
    segments.moveCounters(1, 8, 7);
    expect(await segments.countedOfPeople(1, [7, 8], 0)).toEqual(
      new Map([
        [7, []],
        [8, [
          { counterId: id, day: 1, count: 1, total: 1 },
          { counterId: id, day: 2, count: 3, total: 3.5 },
          { counterId: id, day: 5, count: 1, total: 4 },
          { counterId: other, day: 3, count: 1, total: 0 },
        ]],
      ]),
    );
  });

  it('records each entry and exit with the day\u2019s size, and pages through members', async () => {
    const a = await tx((s) => s.insert(1, 'a', big, 0));
    const b = await tx((s) => s.insert(1, 'b', big, 0));
    const profile = async (traits: string, visitors: string[]) => {
      const { rows } = await db.pool.query<{ id: number }>(
        `INSERT INTO profiles (site_id, user_id, traits, first_seen, last_seen, events, score, score_at, lifecycle, country, city, device)
         VALUES (1, NULL, $1, 0, 0, 1, 12.5, 3, 'active', 'DE', 'Berlin', 'desktop') RETURNING id`,
        [traits],
      );
      for (const visitor of visitors) await db.pool.query('INSERT INTO profile_visitors (site_id, visitor_id, profile_id) VALUES (1, $1, $2)', [visitor, rows[0]!.id]);
      return rows[0]!.id;
    };
    const p1 = await profile('{"plan":"pro"}', ['b-visitor', 'B-visitor', 'a-visitor']);
    const p2 = await profile('{}', []);
    const p3 = await profile('{}', ['z']);
    await tx((s) => {
      s.setMembership(1, a.id, p1, true, 100, 1);
      s.setMembership(1, b.id, p1, true, 100, 1);
      s.setMembership(1, a.id, p2, true, 110, 1);
      s.setMembership(1, a.id, p3, true, 120, 2);
      s.setMembership(1, a.id, p2, false, 130, 2);
      s.setMembership(1, b.id, p1, false, 140, 3);
      s.setMembership(1, b.id, p1, true, 150, 3);
    });
    const segments = pooled();
    expect(await segments.size(1, a.id)).toBe(2);
    expect(await segments.size(1, 999)).toBe(0);
    expect(await segments.ofProfile(1, p1)).toEqual(new Set([a.id, b.id]));
    expect(await segments.membershipsOfPeople(1, [])).toEqual(new Map());
    expect(await segments.membershipsOfPeople(1, [p2, p1])).toEqual(new Map([[p2, new Set()], [p1, new Set([a.id, b.id])]]));
    expect(await segments.membershipsOf(1, p1)).toEqual([{ segmentId: a.id, since: 100 }, { segmentId: b.id, since: 150 }]);
    expect(await segments.history(1, p1)).toEqual([
      { segmentId: a.id, at: 100, entered: true },
      { segmentId: b.id, at: 100, entered: true },
      { segmentId: b.id, at: 140, entered: false },
      { segmentId: b.id, at: 150, entered: true },
    ]);
    expect(await segments.deltas(1, 1, 3)).toEqual([
      { segmentId: a.id, day: 1, delta: 2 },
      { segmentId: b.id, day: 1, delta: 1 },
      { segmentId: a.id, day: 2, delta: 0 },
      { segmentId: b.id, day: 3, delta: 0 },
    ]);
    expect(await segments.deltas(1, 2, 2)).toEqual([{ segmentId: a.id, day: 2, delta: 0 }]);
    expect(await segments.sizes(1, 1)).toEqual(new Map([[a.id, 2], [b.id, 1]]));
    expect(await segments.sizes(1, 3)).toEqual(new Map([[a.id, 2], [b.id, 1]]));
    expect(await segments.sizes(2, 3)).toEqual(new Map());

    const first = await segments.members(1, a.id, 0, 1);
    expect(first).toEqual([
      { profileId: p1, since: 100, userId: null, visitorId: 'B-visitor', traits: { plan: 'pro' }, score: 12.5, scoreAt: 3, lifecycle: 'active', country: 'DE', city: 'Berlin', device: 'desktop' },
    ]);
    expect((await segments.members(1, a.id, p1, 10)).map((m) => [m.profileId, m.visitorId])).toEqual([[p3, 'z']]);
    expect(await segments.members(1, a.id, p3, 10)).toEqual([]);

    // Through the pool too: the statements are prepared there rather than written out.
    segments.setMembership(1, b.id, p3, true, 160, 3);
    expect(await segments.history(1, p3)).toEqual([
      { segmentId: a.id, at: 120, entered: true },
      { segmentId: b.id, at: 160, entered: true },
    ]);
    segments.moveHistory(1, p3, p1);
    expect((await segments.history(1, p3)).map((c) => c.at)).toEqual([100, 100, 120, 140, 150, 160]);
    expect(await segments.history(1, p1)).toEqual([]);

    await tx((s) => s.forgetProfile(1, p3));
    expect(await segments.history(1, p3)).toEqual([]);
    expect(await segments.ofProfile(1, p3)).toEqual(new Set());
    expect(await segments.size(1, a.id)).toBe(1);
  });

  it('records a change two collectors make at once only once', async () => {
    const a = await tx((s) => s.insert(1, 'a', big, 0));
    const first = await openTransaction(db.pool, on);
    const second = await openTransaction(db.pool, on);
    first.group.setMembership(1, a.id, 7, true, 100, 1);
    await first.group.size(1, a.id);
    // The second waits on the first's new row, then finds the person in already.
    second.group.setMembership(1, a.id, 7, true, 101, 1);
    const secondDone = second.commit();
    await first.commit();
    await secondDone;
    const segments = pooled();
    expect(await segments.membershipsOf(1, 7)).toEqual([{ segmentId: a.id, since: 100 }]);
    expect(await segments.history(1, 7)).toEqual([{ segmentId: a.id, at: 100, entered: true }]);
    expect(await segments.sizes(1, 1)).toEqual(new Map([[a.id, 1]]));

    const leaving = [await openTransaction(db.pool, on), await openTransaction(db.pool, on)];
    for (const { group } of leaving) group.setMembership(1, a.id, 7, false, 200, 2);
    await leaving[0]!.group.size(1, a.id);
    const lateLeave = leaving[1]!.commit();
    await leaving[0]!.commit();
    await lateLeave;
    expect(await segments.history(1, 7)).toEqual([
      { segmentId: a.id, at: 100, entered: true },
      { segmentId: a.id, at: 200, entered: false },
    ]);
    expect(await segments.sizes(1, 2)).toEqual(new Map([[a.id, 0]]));
  });

  it('counts what two collectors add to the same counters at once, and creates a shared counter once', async () => {
    const first = await openTransaction(db.pool, on);
    const second = await openTransaction(db.pool, on);
    expect(await first.group.ensureCounter(1, purchase)).toEqual({ id: 1, created: true });
    const secondCounter = second.group.ensureCounter(1, purchase);
    first.group.addToCounters(1, 7, [{ counterId: 1, day: 1, count: 1, total: 2 }]);
    await first.commit();
    expect(await secondCounter).toEqual({ id: 1, created: false });
    second.group.addToCounters(1, 7, [{ counterId: 1, day: 1, count: 2, total: 3 }]);
    second.group.setMembership(1, (await tx((s) => s.insert(1, 'a', big, 0))).id, 7, true, 1, 1);
    await second.commit();
    expect(await pooled().countedOfPeople(1, [7], 0)).toEqual(new Map([[7, [{ counterId: 1, day: 1, count: 3, total: 5 }]]]));

    const segmentIds = (await pooled().list(1)).map((s) => s.id);
    const together = [await openTransaction(db.pool, on), await openTransaction(db.pool, on)];
    for (const { group } of together) {
      group.addToCounters(1, 7, [{ counterId: 1, day: 1, count: 1, total: 1 }]);
      group.setMembership(1, segmentIds[0]!, 8, true, 5, 9);
    }
    await Promise.all(together.map((t) => t.commit()));
    expect(await pooled().countedOfPeople(1, [7], 0)).toEqual(new Map([[7, [{ counterId: 1, day: 1, count: 5, total: 7 }]]]));
    expect(await pooled().deltas(1, 9, 9)).toEqual([{ segmentId: segmentIds[0], day: 9, delta: 1 }]);
  });
});
