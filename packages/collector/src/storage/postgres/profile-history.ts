// A person's history on PostgreSQL: their changes of group, their score at the end of each active day, and the points granted per capped event and day.
import type { Sql } from './sql.js';
import type { ProfileHistoryStore } from '../profiles.js';
import type { Lifecycle, LifecycleChange } from '../../model/profile.js';

type DailyPoints = { profileId: number; definitionId: number; day: number; points: number };

export function pgProfileHistory(sql: Sql): ProfileHistoryStore {
  return {
    /** The points these people were granted for these definitions on these days, where any. */
    async dailyPointsOf(siteId: number, profileIds: readonly number[], definitionIds: readonly number[], days: readonly number[]) {
      if (profileIds.length === 0 || definitionIds.length === 0 || days.length === 0) return [];
      const found = await sql.rows<DailyPoints>(
        `SELECT profile_id AS "profileId", definition_id AS "definitionId", day, points FROM profile_daily_points
         WHERE site_id = $1 AND profile_id = ANY($2::bigint[]) AND definition_id = ANY($3::bigint[]) AND day = ANY($4::bigint[])`,
        [siteId, profileIds, definitionIds, days],
      );
      const points = new Map(found.map((row) => [`${row.profileId}:${row.definitionId}:${row.day}`, row.points]));
      // In the order, and with the repeats, of the lists asked about: as SQLite answers them one by one.
      const rows: DailyPoints[] = [];
      for (const profileId of profileIds)
        for (const definitionId of definitionIds)
          for (const day of days) {
            const granted = points.get(`${profileId}:${definitionId}:${day}`);
            if (granted !== undefined) rows.push({ profileId, definitionId, day, points: granted });
          }
      return rows;
    },
    recordGroupChange(siteId: number, profileId: number, at: number, from: Lifecycle, to: Lifecycle): void {
      sql.run('INSERT INTO lifecycle_changes (site_id, profile_id, at, from_group, to_group) VALUES ($1, $2, $3, $4, $5)', [siteId, profileId, at, from, to]);
    },
    async groupChanges(siteId: number, profileId: number): Promise<LifecycleChange[]> {
      // The table has no id to break ties of `at` by (SQLite uses its rowid): the row's place on disk is the nearest to it.
      return sql.rows<LifecycleChange>(
        'SELECT at, from_group AS "from", to_group AS "to" FROM lifecycle_changes WHERE site_id = $1 AND profile_id = $2 ORDER BY at, ctid',
        [siteId, profileId],
      );
    },
    addDailyPoints(siteId: number, profileId: number, definitionId: number, day: number, points: number): void {
      sql.run(
        `INSERT INTO profile_daily_points (site_id, profile_id, definition_id, day, points) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (site_id, profile_id, definition_id, day) DO UPDATE SET points = profile_daily_points.points + excluded.points`,
        [siteId, profileId, definitionId, day, points],
      );
    },
    recordScore(siteId: number, profileId: number, day: number, score: number): void {
      sql.run(
        `INSERT INTO score_history (site_id, profile_id, day, score) VALUES ($1, $2, $3, $4)
         ON CONFLICT (site_id, profile_id, day) DO UPDATE SET score = excluded.score`,
        [siteId, profileId, day, score],
      );
    },
    async scoreHistory(siteId: number, profileId: number): Promise<{ day: number; score: number }[]> {
      return sql.rows('SELECT day, score FROM score_history WHERE site_id = $1 AND profile_id = $2 ORDER BY day', [siteId, profileId]);
    },
    moveHistory(siteId: number, into: number, from: number): void {
      sql.run(
        `INSERT INTO profile_daily_points (site_id, profile_id, definition_id, day, points)
           SELECT site_id, $2, definition_id, day, points FROM profile_daily_points WHERE site_id = $1 AND profile_id = $3
         ON CONFLICT (site_id, profile_id, definition_id, day) DO UPDATE SET points = profile_daily_points.points + excluded.points`,
        [siteId, into, from],
      );
      sql.run(
        `INSERT INTO score_history (site_id, profile_id, day, score)
           SELECT site_id, $2, day, score FROM score_history WHERE site_id = $1 AND profile_id = $3
         ON CONFLICT (site_id, profile_id, day) DO UPDATE SET score = greatest(score_history.score, excluded.score)`,
        [siteId, into, from],
      );
      sql.run('UPDATE lifecycle_changes SET profile_id = $2 WHERE site_id = $1 AND profile_id = $3', [siteId, into, from]);
    },
    dropHistory(siteId: number, profileId: number): void {
      for (const table of ['profile_daily_points', 'score_history', 'lifecycle_changes']) {
        sql.run(`DELETE FROM ${table} WHERE site_id = $1 AND profile_id = $2`, [siteId, profileId]);
      }
    },
  };
}
