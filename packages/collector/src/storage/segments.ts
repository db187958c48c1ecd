// Segments as stored: their rules, their members, every entry and exit, and their sizes per day.
import type { Db } from './database.js';
import type { Rule } from '../segments/rules.js';
import { counterKey, type Counter, type CounterSpec } from '../segments/counters.js';

export interface Segment {
  id: number;
  siteId: number;
  name: string;
  rules: Rule;
  createdAt: number;
  updatedAt: number;
}

/** A site's segments and counters, read together; the same object until one of them changes. */
export interface SegmentSetup {
  readonly segments: readonly Segment[];
  readonly counters: readonly Counter[];
}

/** One day of one counter for one profile. */
export interface CountedDay {
  counterId: number;
  day: number;
  count: number;
  total: number;
}

interface Row {
  id: number;
  site_id: number;
  name: string;
  rules: string;
  created_at: number;
  updated_at: number;
}

const toSegment = (row: Row): Segment => ({
  id: row.id,
  siteId: row.site_id,
  name: row.name,
  rules: JSON.parse(row.rules) as Rule,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function segmentStatements(db: Db) {
  const bySite = db.prepare<[number], Row>('SELECT * FROM segments WHERE site_id = ? ORDER BY id');
  const byId = db.prepare<[number, number], Row>('SELECT * FROM segments WHERE site_id = ? AND id = ?');
  const insert = db.prepare<[number, string, string, number, number], Row>(
    'INSERT INTO segments (site_id, name, rules, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
  );
  const update = db.prepare<[string, string, number, number, number], Row>(
    'UPDATE segments SET name = ?, rules = ?, updated_at = ? WHERE site_id = ? AND id = ? RETURNING *',
  );
  const remove = db.prepare<[number, number]>('DELETE FROM segments WHERE site_id = ? AND id = ?');
  const membershipsOf = db.prepare<[number], { segment_id: number }>('SELECT segment_id FROM segment_members WHERE profile_id = ?');
  const enter = db.prepare<[number, number, number]>('INSERT INTO segment_members (segment_id, profile_id, since) VALUES (?, ?, ?)');
  const leave = db.prepare<[number, number]>('DELETE FROM segment_members WHERE segment_id = ? AND profile_id = ?');
  const change = db.prepare<[number, number, number, number]>(
    'INSERT INTO segment_changes (segment_id, profile_id, at, entered) VALUES (?, ?, ?, ?)',
  );
  const addDaily = db.prepare<[number, number, number, number]>(
    `INSERT INTO daily_segments (site_id, day, segment_id, delta) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET delta = delta + excluded.delta`,
  );
  const members = db.prepare<[number, number, number], { profile_id: number; since: number }>(
    'SELECT profile_id, since FROM segment_members WHERE segment_id = ? AND profile_id > ? ORDER BY profile_id LIMIT ?',
  );
  const size = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM segment_members WHERE segment_id = ?');
  const history = db.prepare<[number], { segmentId: number; at: number; entered: number }>(
    'SELECT segment_id AS segmentId, at, entered FROM segment_changes WHERE profile_id = ? ORDER BY at, rowid',
  );
  const sizesUpTo = db.prepare<[number, number], { segmentId: number; size: number }>(
    'SELECT segment_id AS segmentId, sum(delta) AS size FROM daily_segments WHERE site_id = ? AND day <= ? GROUP BY segment_id',
  );
  const moveChanges = db.prepare<[number, number]>('UPDATE segment_changes SET profile_id = ? WHERE profile_id = ?');

  const counters = db.prepare<[number], { id: number; spec: string }>('SELECT id, spec FROM segment_counters WHERE site_id = ? ORDER BY id');
  const ensureCounter = db.prepare<[number, string]>('INSERT OR IGNORE INTO segment_counters (site_id, spec) VALUES (?, ?)');
  const counterByKey = db.prepare<[number, string], { id: number }>('SELECT id FROM segment_counters WHERE site_id = ? AND spec = ?');
  const addCounter = db.prepare<[number, number, number, number, number]>(
    `INSERT INTO profile_counters (profile_id, counter_id, day, count, total) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count, total = total + excluded.total`,
  );
  const countedSince = db.prepare<[number, number], CountedDay>(
    'SELECT counter_id AS counterId, day, count, total FROM profile_counters WHERE profile_id = ? AND day >= ?',
  );
  const moveCounters = db.prepare<[number, number]>(
    `INSERT INTO profile_counters (profile_id, counter_id, day, count, total)
       SELECT ?, counter_id, day, count, total FROM profile_counters WHERE profile_id = ?
     ON CONFLICT DO UPDATE SET count = count + excluded.count, total = total + excluded.total`,
  );
  const dropCounters = db.prepare<[number]>('DELETE FROM profile_counters WHERE profile_id = ?');
  const clearCounter = db.prepare<[number]>('DELETE FROM profile_counters WHERE counter_id = ?');

  // Every batch evaluates its site's segments: they are read from SQLite only after they change.
  // Only this module writes them, so its own writes (and a rolled-back transaction) clear the copy.
  const setups = new Map<number, SegmentSetup>();
  const readSetup = (siteId: number): SegmentSetup => ({
    segments: bySite.all(siteId).map(toSegment),
    counters: counters.all(siteId).map((row) => {
      const [event, where, sum] = JSON.parse(row.spec) as [string, CounterSpec['where'], string | null];
      return { id: row.id, spec: { event, where, sum } };
    }),
  });
  const setupOf = (siteId: number): SegmentSetup => {
    let setup = setups.get(siteId);
    if (!setup) setups.set(siteId, (setup = readSetup(siteId)));
    return setup;
  };
  const changed = <T>(result: T): T => (setups.clear(), result);

  return {
    /** A site's segments and the counters their rules use, as one object that stays the same until either changes. */
    segmentSetup: setupOf,
    /** Forgets what was read, as when a transaction that changed segments is rolled back. */
    forgetSegmentSetups(): void {
      setups.clear();
    },
    /** The counter for a spec, created empty when no rule used it before; says whether it is new. */
    ensureCounter(siteId: number, spec: CounterSpec): { id: number; created: boolean } {
      const created = ensureCounter.run(siteId, counterKey(spec)).changes === 1;
      const { id } = counterByKey.get(siteId, counterKey(spec))!;
      if (created) changed(clearCounter.run(id));
      return { id, created };
    },
    counterId(siteId: number, spec: CounterSpec): number | undefined {
      return counterByKey.get(siteId, counterKey(spec))?.id;
    },
    addToCounter(profileId: number, counterId: number, day: number, count: number, total: number): void {
      addCounter.run(profileId, counterId, day, count, total);
    },
    /** A profile's counts for every counter, per day from `fromDay` on: one read for all its segments. */
    countedSince(profileId: number, fromDay: number): CountedDay[] {
      return countedSince.all(profileId, fromDay);
    },
    /** A merged-away profile's counts become the surviving profile's. */
    moveCounters(into: number, from: number): void {
      moveCounters.run(into, from);
      dropCounters.run(from);
    },
    listSegments(siteId: number): readonly Segment[] {
      return setupOf(siteId).segments;
    },
    findSegment(siteId: number, id: number): Segment | undefined {
      const row = byId.get(siteId, id);
      return row && toSegment(row);
    },
    insertSegment(siteId: number, name: string, rules: Rule, now: number): Segment {
      return changed(toSegment(insert.get(siteId, name, JSON.stringify(rules), now, now)!));
    },
    updateSegment(siteId: number, id: number, name: string, rules: Rule, now: number): Segment | undefined {
      const row = changed(update.get(name, JSON.stringify(rules), now, siteId, id));
      return row && toSegment(row);
    },
    deleteSegment(siteId: number, id: number): boolean {
      return changed(remove.run(siteId, id).changes === 1);
    },
    segmentsOfProfile(profileId: number): Set<number> {
      return new Set(membershipsOf.all(profileId).map((row) => row.segment_id));
    },
    /** Adds or removes a member, recording the change and the segment's size for the day. */
    setMembership(siteId: number, segmentId: number, profileId: number, member: boolean, now: number, day: number): void {
      if (member) enter.run(segmentId, profileId, now);
      else leave.run(segmentId, profileId);
      change.run(segmentId, profileId, now, member ? 1 : 0);
      addDaily.run(siteId, day, segmentId, member ? 1 : -1);
    },
    /** A page of members after the profile id `after` (keyset paging). */
    segmentMembers(segmentId: number, after: number, limit: number): { profileId: number; since: number }[] {
      return members.all(segmentId, after, limit).map((row) => ({ profileId: row.profile_id, since: row.since }));
    },
    segmentSize(segmentId: number): number {
      return size.get(segmentId)!.n;
    },
    segmentHistory(profileId: number): { segmentId: number; at: number; entered: boolean }[] {
      return history.all(profileId).map((row) => ({ ...row, entered: row.entered === 1 }));
    },
    /** Each segment's size at the end of `day`. */
    segmentSizes(siteId: number, day: number): Map<number, number> {
      return new Map(sizesUpTo.all(siteId, day).map((row) => [row.segmentId, row.size]));
    },
    /** A merged-away profile's entries and exits become the surviving profile's history. */
    moveSegmentHistory(into: number, from: number): void {
      moveChanges.run(into, from);
    },
  };
}
