// Segments on PostgreSQL: their rules and counters, their members, every entry and exit, and their sizes per day.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { SegmentStore } from '../segments.js';
import { counterKey, type CountedDay, type CounterSpec, type MemberRow, type SegmentSetup } from '../../model/segment.js';
import { counterFromRow, fillColumns, fillFromRow, toSegment, type CounterFillRow, type SegmentRow } from '../segment-rows.js';

const columns = 'id, site_id, name, rules, browser_key, created_at, updated_at';

/**
 * A membership change with its entry in the history and the day's size, in one statement: only a
 * change that happened is recorded, so two collectors settling the same person at once record it
 * once (the second waits on the first's row, then finds nothing to insert or delete).
 * $1 site, $2 segment, $3 profile, $4 now, $5 day.
 */
const recordedChange = (change: string, entered: boolean) => `
  WITH changed AS (${change} RETURNING segment_id),
  recorded AS (INSERT INTO segment_changes (site_id, segment_id, profile_id, at, entered) SELECT $1::bigint, segment_id, $3::bigint, $4::bigint, ${entered ? 1 : 0} FROM changed)
  INSERT INTO daily_segments (site_id, day, segment_id, delta) SELECT $1::bigint, $5::bigint, segment_id, ${entered ? 1 : -1} FROM changed
  ON CONFLICT (site_id, day, segment_id) DO UPDATE SET delta = daily_segments.delta + excluded.delta`;
const enter = recordedChange('INSERT INTO segment_members (site_id, segment_id, profile_id, since) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', true);
const leave = recordedChange('DELETE FROM segment_members WHERE site_id = $1 AND segment_id = $2 AND profile_id = $3', false);

/** Rows of people grouped by person, every asked-for person present (with none when they have none). */
function byPerson<R extends { profile_id: number }, T>(profileIds: readonly number[], rows: R[], empty: () => T, add: (into: T, row: R) => void): Map<number, T> {
  const grouped = new Map(profileIds.map((id) => [id, empty()]));
  for (const row of rows) add(grouped.get(row.profile_id)!, row);
  return grouped;
}

export function pgSegments(sql: Sql, copies: Copies): SegmentStore {
  // Every batch evaluates its site's segments: they are read only after they change, here or in another collector.
  const setups = copies.perSite(
    'segments.setup',
    async (siteId): Promise<SegmentSetup> => ({
      segments: (await sql.rows<SegmentRow>(`SELECT ${columns} FROM segments WHERE site_id = $1 ORDER BY id`, [siteId])).map(toSegment),
      counters: (await sql.rows<{ id: number; spec: string }>('SELECT id, spec FROM segment_counters WHERE site_id = $1 ORDER BY id', [siteId])).map(counterFromRow),
    }),
  );
  const { changed } = setups;
  const membershipRows = (siteId: number, profileIds: readonly number[]) =>
    sql.rows<{ profile_id: number; segment_id: number }>(
      'SELECT profile_id, segment_id FROM segment_members WHERE site_id = $1 AND profile_id = ANY($2::bigint[]) ORDER BY profile_id, segment_id',
      [siteId, profileIds],
    );

  return {
    setup: (siteId) => setups.get(siteId),
    async ensureCounter(siteId, spec) {
      const key = counterKey(spec);
      // Of collectors saving rules with the same new counter at once, one creates it (and fills it); the others wait for its commit and find it.
      const inserted = await sql.row<{ id: number }>(
        'INSERT INTO segment_counters (site_id, spec) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id',
        [siteId, key],
      );
      if (inserted) {
        sql.run('DELETE FROM profile_counters WHERE site_id = $1 AND counter_id = $2', [siteId, inserted.id]);
        return changed({ id: inserted.id, created: true });
      }
      const { id } = (await sql.row<{ id: number }>('SELECT id FROM segment_counters WHERE site_id = $1 AND spec = $2', [siteId, key]))!;
      return { id, created: false };
    },
    startFill(siteId, counterIds, fromTs, until) {
      sql.run('UPDATE segment_counters SET fill_from = $1, fill_after = 0, fill_until = $2 WHERE site_id = $3 AND id = ANY($4::bigint[])', [fromTs, until, siteId, [...counterIds]]);
    },
    async fills() {
      return (await sql.rows<CounterFillRow>(`SELECT ${fillColumns} FROM segment_counters WHERE fill_from IS NOT NULL ORDER BY site_id, id`, [])).map(fillFromRow);
    },
    // Two collectors taking up one stalled fill at once: the second waits, then reads where the first left it.
    async holdFills(siteId, counterIds) {
      const rows = await sql.rows<CounterFillRow>(
        `SELECT ${fillColumns} FROM segment_counters WHERE site_id = $1 AND id = ANY($2::bigint[]) AND fill_from IS NOT NULL ORDER BY id FOR UPDATE`,
        [siteId, [...counterIds]],
      );
      return rows.map(fillFromRow);
    },
    moveFill(siteId, counterId, after) {
      if (after === null) sql.run('UPDATE segment_counters SET fill_from = NULL, fill_after = NULL, fill_until = NULL WHERE site_id = $1 AND id = $2', [siteId, counterId]);
      else sql.run('UPDATE segment_counters SET fill_after = $1 WHERE site_id = $2 AND id = $3', [after, siteId, counterId]);
    },
    addToCounters(siteId, profileId, days) {
      for (const { counterId, day, count, total } of days) {
        sql.run(
          `INSERT INTO profile_counters (site_id, profile_id, counter_id, day, count, total) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (site_id, profile_id, counter_id, day) DO UPDATE SET count = profile_counters.count + excluded.count, total = profile_counters.total + excluded.total`,
          [siteId, profileId, counterId, day, count, total],
        );
      }
    },
    async countedOfPeople(siteId, profileIds, fromDay) {
      if (profileIds.length === 0) return new Map();
      const rows = await sql.rows<CountedDay & { profile_id: number }>(
        `SELECT profile_id, counter_id AS "counterId", day, count, total FROM profile_counters
         WHERE site_id = $1 AND profile_id = ANY($2::bigint[]) AND day >= $3 ORDER BY profile_id, counter_id, day`,
        [siteId, profileIds, fromDay],
      );
      return byPerson(profileIds, rows, (): CountedDay[] => [], (days, { profile_id: _, ...day }) => days.push(day));
    },
    async membershipsOfPeople(siteId, profileIds) {
      if (profileIds.length === 0) return new Map();
      return byPerson(profileIds, await membershipRows(siteId, profileIds), () => new Set<number>(), (ids, row) => ids.add(row.segment_id));
    },
    moveCounters(siteId, into, from) {
      sql.run(
        `INSERT INTO profile_counters (site_id, profile_id, counter_id, day, count, total)
           SELECT site_id, $2, counter_id, day, count, total FROM profile_counters WHERE site_id = $1 AND profile_id = $3
         ON CONFLICT (site_id, profile_id, counter_id, day) DO UPDATE SET count = profile_counters.count + excluded.count, total = profile_counters.total + excluded.total`,
        [siteId, into, from],
      );
      sql.run('DELETE FROM profile_counters WHERE site_id = $1 AND profile_id = $2', [siteId, from]);
    },
    async list(siteId) {
      return (await setups.get(siteId)).segments;
    },
    async find(siteId, id) {
      const row = await sql.row<SegmentRow>(`SELECT ${columns} FROM segments WHERE site_id = $1 AND id = $2`, [siteId, id]);
      return row && toSegment(row);
    },
    async insert(siteId, name, rules, now) {
      const row = await sql.row<SegmentRow>(
        `INSERT INTO segments (site_id, name, rules, created_at, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${columns}`,
        [siteId, name, JSON.stringify(rules), now, now],
      );
      return changed(toSegment(row!));
    },
    async setBrowserKey(siteId, id, key) {
      const rows = await sql.rows('UPDATE segments SET browser_key = $1 WHERE site_id = $2 AND id = $3 RETURNING 1', [key, siteId, id]);
      return changed(rows.length > 0);
    },
    async update(siteId, id, name, rules, now) {
      const row = changed(
        await sql.row<SegmentRow>(`UPDATE segments SET name = $1, rules = $2, updated_at = $3 WHERE site_id = $4 AND id = $5 RETURNING ${columns}`, [
          name,
          JSON.stringify(rules),
          now,
          siteId,
          id,
        ]),
      );
      return row && toSegment(row);
    },
    // Webhook endpoints that chose the segment lose it with it (a foreign key): changed() empties every copy, theirs too.
    async delete(siteId, id) {
      const rows = await sql.rows('DELETE FROM segments WHERE site_id = $1 AND id = $2 RETURNING 1', [siteId, id]);
      return changed(rows.length === 1);
    },
    async ofProfile(siteId, profileId) {
      return new Set((await membershipRows(siteId, [profileId])).map((row) => row.segment_id));
    },
    setMembership(siteId, segmentId, profileId, member, now, day) {
      sql.run(member ? enter : leave, [siteId, segmentId, profileId, now, day]);
    },
    // Keyset paging on the members' primary key: each page is an index range, however deep.
    async members(siteId, segmentId, after, limit) {
      const rows = await sql.rows<Omit<MemberRow, 'traits'> & { traits: string }>(
        `SELECT m.profile_id AS "profileId", m.since, p.user_id AS "userId",
           (SELECT min(v.visitor_id COLLATE "C") FROM profile_visitors v WHERE v.site_id = p.site_id AND v.profile_id = p.id) AS "visitorId",
           p.traits, p.score, p.score_at AS "scoreAt", p.lifecycle, p.country, p.city, p.device
         FROM segment_members m JOIN profiles p ON p.site_id = m.site_id AND p.id = m.profile_id
         WHERE m.site_id = $1 AND m.segment_id = $2 AND m.profile_id > $3 ORDER BY m.profile_id LIMIT $4`,
        [siteId, segmentId, after, limit],
      );
      return rows.map((row) => ({ ...row, traits: JSON.parse(row.traits) as Record<string, unknown> }));
    },
    async size(siteId, segmentId) {
      return (await sql.row<{ n: number }>('SELECT count(*) AS n FROM segment_members WHERE site_id = $1 AND segment_id = $2', [siteId, segmentId]))!.n;
    },
    // SQLite breaks ties of `at` by insertion order (rowid), which PostgreSQL's table does not keep; one
    // settle records its changes in segment id order, so that is the order ties take here.
    async history(siteId, profileId) {
      const rows = await sql.rows<{ segmentId: number; at: number; entered: number }>(
        'SELECT segment_id AS "segmentId", at, entered FROM segment_changes WHERE site_id = $1 AND profile_id = $2 ORDER BY at, segment_id',
        [siteId, profileId],
      );
      return rows.map((row) => ({ ...row, entered: row.entered === 1 }));
    },
    async sizes(siteId, day) {
      const rows = await sql.rows<{ segment_id: number; size: number }>(
        'SELECT segment_id, sum(delta)::bigint AS size FROM daily_segments WHERE site_id = $1 AND day <= $2 GROUP BY segment_id ORDER BY segment_id',
        [siteId, day],
      );
      return new Map(rows.map((row) => [row.segment_id, row.size]));
    },
    moveHistory(siteId, into, from) {
      sql.run('UPDATE segment_changes SET profile_id = $2 WHERE site_id = $1 AND profile_id = $3', [siteId, into, from]);
    },
    deltas(siteId, from, to) {
      return sql.rows(
        'SELECT segment_id AS "segmentId", day, delta FROM daily_segments WHERE site_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day, segment_id',
        [siteId, from, to],
      );
    },
    membershipsOf(siteId, profileId) {
      return sql.rows('SELECT segment_id AS "segmentId", since FROM segment_members WHERE site_id = $1 AND profile_id = $2 ORDER BY since, segment_id', [
        siteId,
        profileId,
      ]);
    },
    forgetProfile(siteId, profileId) {
      for (const table of ['segment_members', 'segment_changes', 'profile_counters']) {
        sql.run(`DELETE FROM ${table} WHERE site_id = $1 AND profile_id = $2`, [siteId, profileId]);
      }
    },
  };
}
