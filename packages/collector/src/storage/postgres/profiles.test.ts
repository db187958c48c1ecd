// PostgreSQL's profiles answer as SQLite's do, give every collector its own ids and due people, and serialize writers of one person.
import { describe, expect, it } from 'vitest';
import { tempDbPath } from '../../testing/events.js';
import { freshPerTest } from '../../testing/postgres.js';
import { inTransaction, openTransaction } from '../../testing/postgres-transaction.js';
import { openDatabase } from '../sqlite/database.js';
import { sqliteProfiles } from '../sqlite/profiles.js';
import type { Profile } from '../../model/profile.js';
import type { ProfileStore } from '../profiles.js';
import { pgProfiles } from './profiles.js';
import { peopleLocks } from './people-locks.js';

const person = (id: number, siteId: number, changes: Partial<Profile> = {}): Profile => ({
  id,
  siteId,
  userId: null,
  source: 'direct',
  traits: {},
  country: null,
  city: null,
  device: null,
  firstSeen: 1000,
  lastSeen: 1000,
  events: 1,
  score: 0,
  scoreAt: 1000,
  scoreNow: 0,
  lifecycle: 'new',
  activeWeeks: 1,
  weekBase: 2900,
  nextChangeAt: null,
  dimensions: null,
  ...changes,
});

/** Every page of the leads list for these filters, two at a time. */
async function leadPages(s: ProfileStore) {
  const pages: Record<string, number[][]> = {};
  for (const walk of [false, true])
    for (const lifecycle of [null, 'new', 'active', 'passive'] as const)
      for (const segmentId of [null, 1, 2]) {
        const read: number[][] = [];
        let after: Profile | undefined;
        do {
          const page = await s.leads({ siteId: 1, lifecycle, segmentId, walk, limit: 2, after: after ? { score: after.scoreNow, id: after.id } : null });
          read.push(page.map((p) => p.id));
          after = page.length === 2 ? page[1] : undefined;
        } while (after);
        pages[`${walk ? 'walk' : 'members'} ${lifecycle} ${segmentId}`] = read;
      }
  return pages;
}

/** One run over every method of the group, its answers in order: the same on both backends. */
async function exercise(s: ProfileStore, exec: (text: string) => void) {
  const seen: Record<string, unknown> = {};
  exec("INSERT INTO sites (id, key, created_at) VALUES (1, 'one', 0), (2, 'two', 0)");
  exec("INSERT INTO segments (id, site_id, name, rules, created_at, updated_at) VALUES (1, 1, 'buyers', '{}', 0, 0), (2, 1, 'nobody', '{}', 0, 0)");
  seen.noIds = await s.reserveIds(0);
  const ids = await s.reserveIds(6);
  seen.ids = ids;
  const [a, b, c, d, e, f] = ids as [number, number, number, number, number, number];
  const dimensions = { own: { brand: 2, event: 1 }, circle: { thematic: 3 }, circleAt: 5, ageStatedAt: null };
  s.create(person(a, 1, { scoreNow: 5, lifecycle: 'active', nextChangeAt: 3000, traits: { name: 'Ann', tags: ['x'] }, country: 'DE' }), 'ann');
  s.create(person(b, 1, { scoreNow: 9, score: 9.5, userId: 'u-ben', nextChangeAt: 2000, dimensions }), 'ben');
  s.create(person(c, 1, { scoreNow: 5, lifecycle: 'passive', nextChangeAt: 2000, userId: 'u-cy' }), 'cy');
  s.create(person(d, 1, { nextChangeAt: 9000, city: 'Köln' }), 'dan');
  s.create(person(e, 1, { scoreNow: 9, lifecycle: 'active', nextChangeAt: 1500 }), 'eve');
  s.create(person(f, 2, { scoreNow: 100, userId: 'u-ben', nextChangeAt: 1000 }), 'ann');
  exec(`INSERT INTO segment_members (site_id, segment_id, profile_id, since) VALUES (1, 1, ${a}, 0), (1, 1, ${c}, 0), (1, 1, ${e}, 0), (1, 1, ${f}, 0)`);
  await s.lockPeople(1, ['ann', 'ben'], ['u-ben']);
  await s.lockPeople(1, [], []);

  seen.ofUser = [await s.ofUser(1, 'u-ben'), await s.ofUser(2, 'u-ben'), await s.ofUser(1, 'nobody')];
  seen.ofUsers = [...(await s.ofUsers(1, ['u-cy', 'nobody', 'u-ben', 'u-cy']))];
  seen.noUsers = [...(await s.ofUsers(1, []))];
  seen.ofVisitors = [...(await s.ofVisitors(1, ['eve', 'nobody', 'ann', 'eve']))];
  seen.noVisitors = [...(await s.ofVisitors(1, []))];
  seen.ofVisitor = [await s.ofVisitor(2, 'ann'), await s.ofVisitor(1, 'zed')];
  seen.personOfVisitor = [await s.personOfVisitor(1, 'cy'), await s.personOfVisitor(1, 'zed')];
  seen.top = [await s.top(1, 3), await s.top(1, 10), await s.top(3, 10)];
  seen.after = [await s.after(1, 0, 2), await s.after(1, b, 10), await s.after(1, f, 10)];
  seen.due = [await s.due(2000, 10), await s.due(2000, 2), await s.due(999, 10)];
  seen.find = [await s.find(1, f), await s.find(2, f), await s.find(1, 999), await s.find(1, d)];
  seen.ids1 = (await s.idsOfSite(1)).sort((x, y) => x - y);
  seen.idsNone = await s.idsOfSite(3);
  seen.counts = [...(await s.communityCountsOfUsers(1, ['u-cy', 'u-ben', 'nobody', 'u-ben']))];
  seen.noCounts = [...(await s.communityCountsOfUsers(1, []))];

  s.addDailyPoints(1, a, 1, 100, 3);
  s.addDailyPoints(1, a, 1, 100, 2);
  s.addDailyPoints(1, a, 2, 100, 1);
  s.addDailyPoints(1, b, 1, 101, 4);
  s.addDailyPoints(1, b, 1, 100, 6);
  seen.points = await s.dailyPointsOf(1, [b, a, 999], [1, 2], [100, 101, 100]);
  seen.noPoints = [await s.dailyPointsOf(1, [], [1], [100]), await s.dailyPointsOf(1, [a], [], [100]), await s.dailyPointsOf(1, [a], [1], [])];
  s.recordScore(1, a, 100, 3);
  s.recordScore(1, a, 100, 4);
  s.recordScore(1, a, 99, 1.5);
  s.recordScore(1, b, 100, 7);
  s.recordScore(1, b, 98, 2);
  seen.scores = [await s.scoreHistory(1, a), await s.scoreHistory(1, 999)];
  s.recordGroupChange(1, a, 50, 'new', 'active');
  s.recordGroupChange(1, a, 40, 'active', 'passive');
  s.recordGroupChange(1, a, 50, 'active', 'passive');
  s.recordGroupChange(1, b, 45, 'new', 'active');
  s.recordGroupChange(1, b, 60, 'active', 'passive');
  seen.changes = [await s.groupChanges(1, a), await s.groupChanges(1, 999)];

  // A save changes everything but the id and the site.
  s.save(person(a, 1, { scoreNow: 7, score: 8, userId: 'u-ann', traits: { name: 'Ann B' }, dimensions, nextChangeAt: null, events: 4 }));
  seen.saved = [await s.find(1, a), await s.ofUser(1, 'u-ann')];
  s.relinkVisitor(1, 'dan', a);
  seen.relinked = [await s.visitors(1, a), await s.visitors(1, d), (await s.ofVisitor(1, 'dan'))?.id, await s.visitorsOfPeople(1, [d, a, 999]), await s.visitorsOfPeople(1, [])];
  const [g, h] = (await s.reserveIds(2)) as [number, number];
  seen.more = [g, h];
  s.create(person(g, 1, { scoreNow: 5 }), 'cy');
  s.create(person(h, 1, { scoreNow: 5, lifecycle: 'passive' }), 'hal');
  seen.recreated = [(await s.ofVisitor(1, 'cy'))?.id, await s.visitors(1, c), await s.visitors(1, g)];
  s.unlinkVisitor(1, 'eve');
  s.unlinkVisitor(1, 'nobody');
  seen.unlinked = [await s.ofVisitor(1, 'eve'), await s.visitors(1, e), await s.find(1, e)];
  seen.leads = await leadPages(s);

  s.absorb(1, a, b);
  seen.absorbed = {
    gone: [await s.find(1, b), await s.ofUser(1, 'u-ben'), await s.groupChanges(1, b), await s.scoreHistory(1, b)],
    visitors: await s.visitors(1, a),
    points: await s.dailyPointsOf(1, [a, b], [1, 2], [100, 101]),
    scores: await s.scoreHistory(1, a),
    changes: await s.groupChanges(1, a),
  };
  s.drop(1, c);
  s.drop(1, a);
  seen.dropped = [await s.find(1, a), await s.ofVisitor(1, 'ann'), await s.visitors(1, a), await s.scoreHistory(1, a), await s.groupChanges(1, a)];
  seen.droppedPoints = await s.dailyPointsOf(1, [a], [1, 2], [100, 101]);
  seen.leadsAfter = await leadPages(s);
  return seen;
}

const fresh = freshPerTest();

describe('pgProfiles', () => {

  it("answers every method as SQLite's group does, in the same order", async () => {
    const sqlite = openDatabase(tempDbPath());
    const expected = await exercise(sqliteProfiles(sqlite), (text) => sqlite.exec(text));
    sqlite.close();
    const { pool } = await fresh();
    const got = await inTransaction(pool, (sql) => exercise(pgProfiles(sql), (text) => sql.run(text)));
    expect(got).toEqual(expected);
    // The run reads what it means to: a few answers spelled out.
    expect(got.ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(got.ofUsers).toEqual([['u-cy', expect.objectContaining({ id: 3 })], ['u-ben', expect.objectContaining({ id: 2, dimensions: expect.anything() })]]);
    expect((got.due as Profile[][])[0]!.map((p) => p.id)).toEqual([6, 5, 2, 3]);
    expect(got.points).toEqual([
      { profileId: 2, definitionId: 1, day: 100, points: 6 },
      { profileId: 2, definitionId: 1, day: 101, points: 4 },
      { profileId: 2, definitionId: 1, day: 100, points: 6 },
      { profileId: 1, definitionId: 1, day: 100, points: 5 },
      { profileId: 1, definitionId: 1, day: 100, points: 5 },
      { profileId: 1, definitionId: 2, day: 100, points: 1 },
      { profileId: 1, definitionId: 2, day: 100, points: 1 },
    ]);
    expect(got.leads).toMatchObject({ 'members null null': [[2, 5], [1, 3], [7, 8], [4]], 'walk null 1': [[5, 1], [3]], 'members active 2': [[]] });
    expect(got.absorbed).toMatchObject({ visitors: ['ann', 'ben', 'dan'], scores: [{ day: 98, score: 2 }, { day: 99, score: 1.5 }, { day: 100, score: 7 }] });
  });

  it('serves the pool outside any transaction too', async () => {
    const { pool } = await fresh();
    const { poolSql } = await import('./sql.js');
    const s = pgProfiles(poolSql(pool));
    const [id] = (await s.reserveIds(1)) as [number];
    s.create(person(id, 1, { scoreNow: 3 }), 'ann');
    expect((await s.ofVisitor(1, 'ann'))?.scoreNow).toBe(3);
    expect(await s.visitors(1, id)).toEqual(['ann']);
  });

  it('gives collectors reserving at once ids of their own, which an insert leaving the id to the table does not take', async () => {
    const { pool } = await fresh();
    const one = await openTransaction(pool);
    const two = await openTransaction(pool);
    const [mine, theirs] = [await pgProfiles(one.sql).reserveIds(3), await pgProfiles(two.sql).reserveIds(3)];
    expect(new Set([...mine, ...theirs]).size).toBe(6);
    for (const id of theirs) pgProfiles(two.sql).create(person(id, 1), `t${id}`);
    await two.commit();
    // The first rolls back: its ids are skipped, never handed out again.
    await one.rollback();
    const later = await inTransaction(pool, (sql) => pgProfiles(sql).reserveIds(2));
    expect(Math.min(...later)).toBeGreaterThan(Math.max(...mine, ...theirs));
    const { rows } = await pool.query<{ id: number }>(
      "INSERT INTO profiles (site_id, first_seen, last_seen, events, score, score_at) VALUES (1, 0, 0, 0, 0, 0) RETURNING id",
    );
    expect(later.concat(theirs)).not.toContain(rows[0]!.id);
  });

  it("lets each sweeper claim due people no other one holds, earliest first", async () => {
    const { pool } = await fresh();
    await inTransaction(pool, async (sql) => {
      const s = pgProfiles(sql);
      for (const [i, at] of [2000, 1000, 2000, 1500, 5000].entries()) s.create(person(i + 1, 1 + (i % 2), { nextChangeAt: at }), `v${i}`);
    });
    const one = await openTransaction(pool);
    const two = await openTransaction(pool);
    const first = await pgProfiles(one.sql).due(2000, 2);
    const second = await pgProfiles(two.sql).due(2000, 10);
    expect(first.map((p) => p.id)).toEqual([2, 4]);
    expect(second.map((p) => p.id)).toEqual([1, 3]);
    await one.commit();
    await two.commit();
    // Once they are released, the earliest are claimed again.
    expect((await inTransaction(pool, (sql) => pgProfiles(sql).due(2000, 1))).map((p) => p.id)).toEqual([2]);
  });

  it('makes a pass over all people wait for a batch holding one of them, then read what it wrote', async () => {
    const { pool } = await fresh();
    await inTransaction(pool, async (sql) => {
      for (const id of [1, 2, 3]) pgProfiles(sql).create(person(id, 1, { score: id }), `v${id}`);
    });
    const batch = await openTransaction(pool);
    await pgProfiles(batch.sql).lockPeople(1, ['v2'], []);
    pgProfiles(batch.sql).save(person(2, 1, { score: 20, events: 2 }));
    await pgProfiles(batch.sql).find(1, 2);
    const pass = await openTransaction(pool);
    const read = pgProfiles(pass.sql).after(1, 0, 10);
    await batch.commit();
    expect((await read).map((p) => [p.id, p.score])).toEqual([[1, 1], [2, 20], [3, 3]]);
    await pass.commit();
  });

  it('counts the points of two transactions adding to one day at once', async () => {
    const { pool } = await fresh();
    const one = await openTransaction(pool);
    const two = await openTransaction(pool);
    pgProfiles(one.sql).addDailyPoints(1, 1, 1, 100, 3);
    await pgProfiles(one.sql).scoreHistory(1, 1);
    pgProfiles(two.sql).addDailyPoints(1, 1, 1, 100, 4);
    const waiting = two.commit();
    await one.commit();
    await waiting;
    expect(await inTransaction(pool, (sql) => pgProfiles(sql).dailyPointsOf(1, [1], [1], [100]))).toEqual([{ profileId: 1, definitionId: 1, day: 100, points: 7 }]);
  });
});

describe('lockPeople', () => {
  /** Whether the promise is still pending after a moment. */
  const pending = async (promise: Promise<unknown>) =>
    Promise.race([promise.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 300))]);

  it('makes a second transaction on the same people wait for the first to end', async () => {
    const { pool } = await fresh();
    const one = await openTransaction(pool);
    const two = await openTransaction(pool);
    await pgProfiles(one.sql).lockPeople(1, ['ann', 'ben'], ['u-ann']);
    const waiting = pgProfiles(two.sql).lockPeople(1, ['zoe', 'ben'], []);
    expect(await pending(waiting)).toBe(true);
    // Other people, and the same visitor on another site, are not held.
    const three = await openTransaction(pool);
    await pgProfiles(three.sql).lockPeople(2, ['ann', 'ben'], ['u-ann']);
    await pgProfiles(three.sql).lockPeople(1, ['cy'], ['ann', 'ben']);
    await three.commit();
    await one.commit();
    await waiting;
    await two.commit();
  });

  it('takes overlapping sets asked in different orders without a deadlock', async () => {
    const { pool } = await fresh();
    const [low, high] = peopleLocks(1, ['ann', 'ben'], []);
    const lockOf = (visitor: string) => peopleLocks(1, [visitor], [])[0];
    const [first, second] = lockOf('ann') === low ? ['ann', 'ben'] : ['ben', 'ann'];
    expect(lockOf(second)).toBe(high);
    // A third transaction holds the higher lock, so each of the two takes what it can and waits.
    const holder = await openTransaction(pool);
    await holder.sql.rows('SELECT pg_advisory_xact_lock($1::bigint)', [String(high)]);
    const one = await openTransaction(pool);
    const two = await openTransaction(pool);
    const oneLocked = pgProfiles(one.sql).lockPeople(1, [second, first], []);
    expect(await pending(oneLocked)).toBe(true);
    // In the order asked, the second would hold `first`'s lock and wait for `second`'s while the first waits for it.
    const twoLocked = pgProfiles(two.sql).lockPeople(1, [first, second], []);
    expect(await pending(twoLocked)).toBe(true);
    await holder.commit();
    await oneLocked;
    expect(await pending(twoLocked)).toBe(true);
    await one.commit();
    await twoLocked;
    await two.commit();
  });

  it('hashes the same keys to the same locks, each once, in ascending order', () => {
    const locks = peopleLocks(7, ['b', 'a', 'b'], ['a']);
    expect(locks).toHaveLength(3);
    expect([...locks].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(locks);
    expect(peopleLocks(7, ['a'], [])[0]).not.toBe(peopleLocks(7, [], ['a'])[0]);
    expect(peopleLocks(7, ['a'], [])).toEqual(peopleLocks(7, ['a', 'a'], []));
    expect(peopleLocks(1, [], [])).toEqual([]);
  });
});
