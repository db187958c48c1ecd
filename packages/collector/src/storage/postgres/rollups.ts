// Daily rollups behind the specification's metrics on PostgreSQL, written in the same transaction as the events: counters as commutative upserts, a person's returns in one statement each.
import type { Sql } from './sql.js';
import type { RollupStore } from '../rollups.js';
import type { Lifecycle } from '../../model/profile.js';

/** The previous active day of a person's first: before any day a range can start on. */
const firstVisit = -1;

const addReturns = 'INSERT INTO daily_returns AS r (site_id, day, prev_day, people)';
const addToReturns = 'ON CONFLICT (site_id, day, prev_day) DO UPDATE SET people = r.people + excluded.people';

// The day before and after the new one are read in the statement that marks it, so it is one write
// nobody waits for. They are the person's other days as of this statement: correct because a person
// is written by one collector at a time (the engine holds the person's row lock, taken in an earlier
// statement, so this one sees what the previous holder committed).
const markActive = `
  WITH marked AS (
    INSERT INTO daily_people (site_id, day, profile_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING site_id, day, profile_id
  ), around AS (
    SELECT site_id, day,
      coalesce((SELECT max(p.day) FROM daily_people p WHERE p.site_id = m.site_id AND p.profile_id = m.profile_id AND p.day < m.day), ${firstVisit}) AS before,
      (SELECT min(p.day) FROM daily_people p WHERE p.site_id = m.site_id AND p.profile_id = m.profile_id AND p.day > m.day) AS after
    FROM marked m
  )
  ${addReturns}
  SELECT site_id, day, before, 1 FROM around
  UNION ALL SELECT site_id, after, before, -1 FROM around WHERE after IS NOT NULL
  UNION ALL SELECT site_id, after, day, 1 FROM around WHERE after IS NOT NULL
  ${addToReturns}`;

/** Adds (or takes away, by `$3`) a person's active days in the returns rollup, each by the day before it. */
const countReturns = `
  ${addReturns}
  SELECT $1::bigint, day, coalesce(lag(day) OVER (ORDER BY day), ${firstVisit}), $3::bigint FROM daily_people WHERE site_id = $1 AND profile_id = $2
  ${addToReturns}`;

export function pgRollups(sql: Sql): RollupStore {
  return {
    addEvents(siteId, day, name, events) {
      sql.tally(
        `INSERT INTO daily_events AS d (site_id, day, name, events) VALUES ($1, $2, $3, $4)
         ON CONFLICT (site_id, day, name) DO UPDATE SET events = d.events + excluded.events`,
        [siteId, day, name, events],
      );
    },
    markActiveDay(siteId, day, profileId) {
      sql.run(markActive, [siteId, day, profileId]);
    },
    addReach(siteId, day, source, people) {
      sql.tally(
        `INSERT INTO daily_reach AS d (site_id, day, source, people) VALUES ($1, $2, $3, $4)
         ON CONFLICT (site_id, day, source) DO UPDATE SET people = d.people + excluded.people`,
        [siteId, day, source, people],
      );
    },
    addGroupDelta(siteId, day, lifecycle, delta) {
      sql.tally(
        `INSERT INTO daily_lifecycle AS d (site_id, day, lifecycle, delta) VALUES ($1, $2, $3, $4)
         ON CONFLICT (site_id, day, lifecycle) DO UPDATE SET delta = d.delta + excluded.delta`,
        [siteId, day, lifecycle, delta],
      );
    },
    moveActiveDays(siteId, into, from) {
      sql.run(countReturns, [siteId, into, -1]);
      sql.run(countReturns, [siteId, from, -1]);
      sql.run(
        `INSERT INTO daily_people (site_id, day, profile_id) SELECT site_id, day, $2::bigint FROM daily_people WHERE site_id = $1 AND profile_id = $3
         ON CONFLICT DO NOTHING`,
        [siteId, into, from],
      );
      sql.run('DELETE FROM daily_people WHERE site_id = $1 AND profile_id = $2', [siteId, from]);
      sql.run(countReturns, [siteId, into, 1]);
    },
    forgetActiveDays(siteId, profileId) {
      sql.run(countReturns, [siteId, profileId, -1]);
      sql.run('DELETE FROM daily_people WHERE site_id = $1 AND profile_id = $2', [siteId, profileId]);
    },
    // Ties by the name's bytes, as SQLite's BINARY collation orders them whatever the database's locale.
    async activityMix({ siteId, from, to }) {
      return sql.rows<{ name: string; events: number }>(
        `SELECT name, sum(events)::bigint AS events FROM daily_events WHERE site_id = $1 AND day BETWEEN $2 AND $3
         GROUP BY name ORDER BY events DESC, name COLLATE "C"`,
        [siteId, from, to],
      );
    },
    async activePerDay({ siteId, from, to }) {
      return sql.rows<{ day: number; people: number }>(
        `SELECT day, sum(people)::bigint AS people FROM daily_returns WHERE site_id = $1 AND day BETWEEN $2 AND $3
         GROUP BY day HAVING sum(people) > 0 ORDER BY day`,
        [siteId, from, to],
      );
    },
    // Everyone active in a range has one first day in it: the day whose previous active day is before the range.
    async activePeople({ siteId, from, to }) {
      const row = await sql.row<{ people: number }>(
        'SELECT coalesce(sum(people), 0)::bigint AS people FROM daily_returns WHERE site_id = $1 AND day BETWEEN $2 AND $3 AND prev_day < $2',
        [siteId, from, to],
      );
      return row!.people;
    },
    async reach({ siteId, from, to }) {
      return sql.rows<{ source: string; people: number }>(
        `SELECT source, sum(people)::bigint AS people FROM daily_reach WHERE site_id = $1 AND day BETWEEN $2 AND $3
         GROUP BY source HAVING sum(people) > 0 ORDER BY people DESC, source COLLATE "C"`,
        [siteId, from, to],
      );
    },
    async groupSizes(siteId, day) {
      const sizes: Record<Lifecycle, number> = { new: 0, active: 0, passive: 0 };
      const rows = await sql.rows<{ lifecycle: Lifecycle; people: number }>(
        'SELECT lifecycle, sum(delta)::bigint AS people FROM daily_lifecycle WHERE site_id = $1 AND day <= $2 GROUP BY lifecycle',
        [siteId, day],
      );
      for (const row of rows) sizes[row.lifecycle] = row.people;
      return sizes;
    },
  };
}
