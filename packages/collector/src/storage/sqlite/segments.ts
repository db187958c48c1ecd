// Segments as stored: their rules and counters, their members, every entry and exit, and their sizes per day.
import type { Db } from './database.js';
import type { SegmentStore } from '../segments.js';
import type { Freshness } from './freshness.js';
import type { Rule } from '../../model/rule.js';
import { counterKey, type CountedDay, type CounterFill, type CounterSpec, type MemberRow, type Segment, type SegmentChange, type SegmentSetup } from '../../model/segment.js';
import { counterFromRow, fillColumns, fillFromRow, toSegment, type CounterFillRow, type SegmentRow } from '../segment-rows.js';

export function sqliteSegments(db: Db, fresh: Freshness): SegmentStore {
  const bySite = db.prepare<[number], SegmentRow>('SELECT * FROM segments WHERE site_id = ? ORDER BY id');
  const byId = db.prepare<[number, number], SegmentRow>('SELECT * FROM segments WHERE site_id = ? AND id = ?');
  const insert = db.prepare<[number, string, string, number, number], SegmentRow>(
    'INSERT INTO segments (site_id, name, rules, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *',
  );
  const update = db.prepare<[string, string, number, number, number], SegmentRow>(
    'UPDATE segments SET name = ?, rules = ?, updated_at = ? WHERE site_id = ? AND id = ? RETURNING *',
  );
  const remove = db.prepare<[number, number]>('DELETE FROM segments WHERE site_id = ? AND id = ?');
  const setBrowserKey = db.prepare<[string | null, number, number]>('UPDATE segments SET browser_key = ? WHERE site_id = ? AND id = ?');
  const membershipsOf = db.prepare<[number, number], { segment_id: number }>('SELECT segment_id FROM segment_members WHERE site_id = ? AND profile_id = ?');
  const enter = db.prepare<[number, number, number, number]>('INSERT INTO segment_members (site_id, segment_id, profile_id, since) VALUES (?, ?, ?, ?)');
  const leave = db.prepare<[number, number, number]>('DELETE FROM segment_members WHERE site_id = ? AND segment_id = ? AND profile_id = ?');
  const change = db.prepare<[number, number, number, number, number]>(
    'INSERT INTO segment_changes (site_id, segment_id, profile_id, at, entered) VALUES (?, ?, ?, ?, ?)',
  );
  const addDaily = db.prepare<[number, number, number, number]>(
    `INSERT INTO daily_segments (site_id, day, segment_id, delta) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET delta = delta + excluded.delta`,
  );
  // Keyset paging on the members' primary key: each page is an index range, however deep.
  const members = db.prepare<[number, number, number, number], Omit<MemberRow, 'traits'> & { traits: string }>(
    `SELECT m.profile_id AS profileId, m.since, p.user_id AS userId,
       (SELECT min(v.visitor_id) FROM profile_visitors v WHERE v.site_id = p.site_id AND v.profile_id = p.id) AS visitorId,
       p.traits, p.score, p.score_at AS scoreAt, p.lifecycle, p.country, p.city, p.device
     FROM segment_members m JOIN profiles p ON p.site_id = m.site_id AND p.id = m.profile_id
     WHERE m.site_id = ? AND m.segment_id = ? AND m.profile_id > ? ORDER BY m.profile_id LIMIT ?`,
  );
  const deltas = db.prepare<[number, number, number], { segmentId: number; day: number; delta: number }>(
    'SELECT segment_id AS segmentId, day, delta FROM daily_segments WHERE site_id = ? AND day BETWEEN ? AND ? ORDER BY day',
  );
  const memberships = db.prepare<[number, number], { segmentId: number; since: number }>(
    'SELECT segment_id AS segmentId, since FROM segment_members WHERE site_id = ? AND profile_id = ? ORDER BY since, segment_id',
  );
  const forgetProfile = ['segment_members', 'segment_changes', 'profile_counters'].map((table) =>
    db.prepare<[number, number]>(`DELETE FROM ${table} WHERE site_id = ? AND profile_id = ?`),
  );
  const size = db.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM segment_members WHERE site_id = ? AND segment_id = ?');
  const history = db.prepare<[number, number], { segmentId: number; at: number; entered: number }>(
    'SELECT segment_id AS segmentId, at, entered FROM segment_changes WHERE site_id = ? AND profile_id = ? ORDER BY at, rowid',
  );
  const sizesUpTo = db.prepare<[number, number], { segmentId: number; size: number }>(
    'SELECT segment_id AS segmentId, sum(delta) AS size FROM daily_segments WHERE site_id = ? AND day <= ? GROUP BY segment_id',
  );
  const moveChanges = db.prepare<[number, number, number]>('UPDATE segment_changes SET profile_id = ? WHERE site_id = ? AND profile_id = ?');

  const counters = db.prepare<[number], { id: number; spec: string }>('SELECT id, spec FROM segment_counters WHERE site_id = ? ORDER BY id');
  const ensureCounter = db.prepare<[number, string]>('INSERT OR IGNORE INTO segment_counters (site_id, spec) VALUES (?, ?)');
  const counterByKey = db.prepare<[number, string], { id: number }>('SELECT id FROM segment_counters WHERE site_id = ? AND spec = ?');
  const addCounter = db.prepare<[number, number, number, number, number, number]>(
    `INSERT INTO profile_counters (site_id, profile_id, counter_id, day, count, total) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count, total = total + excluded.total`,
  );
  const countedSince = db.prepare<[number, number, number], CountedDay>(
    'SELECT counter_id AS counterId, day, count, total FROM profile_counters WHERE site_id = ? AND profile_id = ? AND day >= ?',
  );
  const moveCounters = db.prepare<{ siteId: number; into: number; from: number }>(
    `INSERT INTO profile_counters (site_id, profile_id, counter_id, day, count, total)
       SELECT site_id, @into, counter_id, day, count, total FROM profile_counters WHERE site_id = @siteId AND profile_id = @from
     ON CONFLICT DO UPDATE SET count = count + excluded.count, total = total + excluded.total`,
  );
  const dropCounters = db.prepare<[number, number]>('DELETE FROM profile_counters WHERE site_id = ? AND profile_id = ?');
  const clearCounter = db.prepare<[number, number]>('DELETE FROM profile_counters WHERE site_id = ? AND counter_id = ?');
  const startFill = db.prepare<[number, number, number, number]>('UPDATE segment_counters SET fill_from = ?, fill_after = 0, fill_until = ? WHERE site_id = ? AND id = ?');
  const fills = db.prepare<[], CounterFillRow>(`SELECT ${fillColumns} FROM segment_counters WHERE fill_from IS NOT NULL ORDER BY site_id, id`);
  const fillOf = db.prepare<[number, number], CounterFillRow>(`SELECT ${fillColumns} FROM segment_counters WHERE site_id = ? AND id = ? AND fill_from IS NOT NULL`);
  const advanceFill = db.prepare<[number, number, number]>('UPDATE segment_counters SET fill_after = ? WHERE site_id = ? AND id = ?');
  const endFill = db.prepare<[number, number]>('UPDATE segment_counters SET fill_from = NULL, fill_after = NULL, fill_until = NULL WHERE site_id = ? AND id = ?');

  // Every batch evaluates its site's segments: they are read from SQLite only after they change.
  // This connection's own writes clear the copy, and so does another's commit (freshness.ts).
  const setups = fresh.perSite((siteId): SegmentSetup => ({
    segments: bySite.all(siteId).map(toSegment),
    counters: counters.all(siteId).map(counterFromRow),
  }));
  const { changed } = setups;

  return {
    /** A site's segments and the counters their rules use, as one object that stays the same until either changes. */
    setup: async (id: number) => setups.get(id),
    /** The counter for a spec, created empty when no rule used it before; says whether it is new. */
    async ensureCounter(siteId: number, spec: CounterSpec): Promise<{ id: number; created: boolean }> {
      const created = ensureCounter.run(siteId, counterKey(spec)).changes === 1;
      const { id } = counterByKey.get(siteId, counterKey(spec))!;
      if (created) changed(clearCounter.run(siteId, id));
      return { id, created };
    },
    startFill(siteId: number, counterIds: readonly number[], fromTs: number, until: number): void {
      for (const id of counterIds) startFill.run(fromTs, until, siteId, id);
    },
    async fills(): Promise<CounterFill[]> {
      return fills.all().map(fillFromRow);
    },
    // The one writer fills one counter at a time already.
    async holdFills(siteId: number, counterIds: readonly number[]): Promise<CounterFill[]> {
      return counterIds.flatMap((id) => fillOf.get(siteId, id) ?? []).map(fillFromRow);
    },
    moveFill(siteId: number, counterId: number, after: number | null): void {
      if (after === null) endFill.run(siteId, counterId);
      else advanceFill.run(after, siteId, counterId);
    },
    /** Adds a person's counted days to their counters. */
    addToCounters(siteId: number, profileId: number, days: readonly CountedDay[]): void {
      for (const { counterId, day, count, total } of days) addCounter.run(siteId, profileId, counterId, day, count, total);
    },
    /** Each of these people's counts for every counter, per day from `fromDay` on: one read for all their segments. */
    async countedOfPeople(siteId: number, profileIds: readonly number[], fromDay: number): Promise<Map<number, CountedDay[]>> {
      return new Map(profileIds.map((id) => [id, countedSince.all(siteId, id, fromDay)]));
    },
    /** The segments each of these people is in. */
    async membershipsOfPeople(siteId: number, profileIds: readonly number[]): Promise<Map<number, Set<number>>> {
      return new Map(profileIds.map((id) => [id, new Set(membershipsOf.all(siteId, id).map((row) => row.segment_id))]));
    },
    /** A merged-away profile's counts become the surviving profile's. */
    moveCounters(siteId: number, into: number, from: number): void {
      moveCounters.run({ siteId, into, from });
      dropCounters.run(siteId, from);
    },
    async list(siteId: number): Promise<readonly Segment[]> {
      return setups.get(siteId).segments;
    },
    async find(siteId: number, id: number): Promise<Segment | undefined> {
      const row = byId.get(siteId, id);
      return row && toSegment(row);
    },
    async insert(siteId: number, name: string, rules: Rule, now: number): Promise<Segment> {
      return changed(toSegment(insert.get(siteId, name, JSON.stringify(rules), now, now)!));
    },
    async setBrowserKey(siteId: number, id: number, key: string | null): Promise<boolean> {
      return changed(setBrowserKey.run(key, siteId, id).changes > 0);
    },
    async update(siteId: number, id: number, name: string, rules: Rule, now: number): Promise<Segment | undefined> {
      const row = changed(update.get(name, JSON.stringify(rules), now, siteId, id));
      return row && toSegment(row);
    },
    async delete(siteId: number, id: number): Promise<boolean> {
      const deleted = remove.run(siteId, id).changes === 1;
      // Webhook endpoints that chose the segment lose it with it (a foreign key): every copy goes, theirs too.
      if (deleted) fresh.clear();
      return changed(deleted);
    },
    async ofProfile(siteId: number, profileId: number): Promise<Set<number>> {
      return new Set(membershipsOf.all(siteId, profileId).map((row) => row.segment_id));
    },
    /** Adds or removes a member, recording the change and the segment's size for the day. */
    setMembership(siteId: number, segmentId: number, profileId: number, member: boolean, now: number, day: number): void {
      if (member) enter.run(siteId, segmentId, profileId, now);
      else leave.run(siteId, segmentId, profileId);
      change.run(siteId, segmentId, profileId, now, member ? 1 : 0);
      addDaily.run(siteId, day, segmentId, member ? 1 : -1);
    },
    /** A page of members after the profile id `after` (keyset paging). */
    async members(siteId: number, segmentId: number, after: number, limit: number): Promise<MemberRow[]> {
      return members.all(siteId, segmentId, after, limit).map((row) => ({ ...row, traits: JSON.parse(row.traits) as Record<string, unknown> }));
    },
    async size(siteId: number, segmentId: number): Promise<number> {
      return size.get(siteId, segmentId)!.n;
    },
    async history(siteId: number, profileId: number): Promise<SegmentChange[]> {
      return history.all(siteId, profileId).map((row) => ({ ...row, entered: row.entered === 1 }));
    },
    /** Each segment's size at the end of `day`. */
    async sizes(siteId: number, day: number): Promise<Map<number, number>> {
      return new Map(sizesUpTo.all(siteId, day).map((row) => [row.segmentId, row.size]));
    },
    /** A merged-away profile's entries and exits become the surviving profile's history. */
    moveHistory(siteId: number, into: number, from: number): void {
      moveChanges.run(into, siteId, from);
    },
    /** Each segment's change in size per day, for the days from `from` to `to`. */
    async deltas(siteId: number, from: number, to: number): Promise<{ segmentId: number; day: number; delta: number }[]> {
      return deltas.all(siteId, from, to);
    },
    /** The segments a profile is in now, with when it entered each. */
    async membershipsOf(siteId: number, profileId: number): Promise<{ segmentId: number; since: number }[]> {
      return memberships.all(siteId, profileId);
    },
    /** A deleted person: their memberships, entries and exits, and counts. */
    forgetProfile(siteId: number, profileId: number): void {
      for (const statement of forgetProfile) statement.run(siteId, profileId);
    },
  };
}
