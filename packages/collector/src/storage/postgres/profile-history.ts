// A person's history on PostgreSQL: their changes of group, their score at the end of each active day, and the points granted per capped event and day.
import type { Sql } from './sql.js';
import type { ProfileHistoryStore } from '../profiles.js';
import type { Lifecycle, LifecycleChange } from '../../model/profile.js';

type DailyPoints = { profileId: number; definitionId: number; day: number; points: number };

export function pgProfileHistory(sql: Sql): ProfileHistoryStore {
  return {
    /** The points these people were granted for these definitions on these days, where any. */
    async dailyPointsOf(profileIds: readonly number[], definitionIds: readonly number[], days: readonly number[]) {
      if (profileIds.length === 0 || definitionIds.length === 0 || days.length === 0) return [];
      const found = await sql.rows<DailyPoints>(
        `SELECT profile_id AS "profileId", definition_id AS "definitionId", day, points FROM profile_daily_points
         WHERE profile_id = ANY($1::bigint[]) AND definition_id = ANY($2::bigint[]) AND day = ANY($3::bigint[])`,
        [profileIds, definitionIds, days],
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
    recordGroupChange(profileId: number, at: number, from: Lifecycle, to: Lifecycle): void {
      sql.run('INSERT INTO lifecycle_changes (profile_id, at, from_group, to_group) VALUES ($1, $2, $3, $4)', [profileId, at, from, to]);
    },
    async groupChanges(profileId: number): Promise<LifecycleChange[]> {
      // The table has no id to break ties of `at` by (SQLite uses its rowid): the row's place on disk is the nearest to it.
      return sql.rows<LifecycleChange>(
        'SELECT at, from_group AS "from", to_group AS "to" FROM lifecycle_changes WHERE profile_id = $1 ORDER BY at, ctid',
        [profileId],
      );
    },
    addDailyPoints(profileId: number, definitionId: number, day: number, points: number): void {
      sql.run(
        `INSERT INTO profile_daily_points (profile_id, definition_id, day, points) VALUES ($1, $2, $3, $4)
         ON CONFLICT (profile_id, definition_id, day) DO UPDATE SET points = profile_daily_points.points + excluded.points`,
        [profileId, definitionId, day, points],
      );
    },
    recordScore(profileId: number, day: number, score: number): void {
      sql.run(
        `INSERT INTO score_history (profile_id, day, score) VALUES ($1, $2, $3)
         ON CONFLICT (profile_id, day) DO UPDATE SET score = excluded.score`,
        [profileId, day, score],
      );
    },
    async scoreHistory(profileId: number): Promise<{ day: number; score: number }[]> {
      return sql.rows('SELECT day, score FROM score_history WHERE profile_id = $1 ORDER BY day', [profileId]);
    },
    moveHistory(into: number, from: number): void {
      sql.run(
        `INSERT INTO profile_daily_points (profile_id, definition_id, day, points)
           SELECT $1, definition_id, day, points FROM profile_daily_points WHERE profile_id = $2
         ON CONFLICT (profile_id, definition_id, day) DO UPDATE SET points = profile_daily_points.points + excluded.points`,
        [into, from],
      );
      sql.run(
        `INSERT INTO score_history (profile_id, day, score)
           SELECT $1, day, score FROM score_history WHERE profile_id = $2
         ON CONFLICT (profile_id, day) DO UPDATE SET score = greatest(score_history.score, excluded.score)`,
        [into, from],
      );
      sql.run('UPDATE lifecycle_changes SET profile_id = $1 WHERE profile_id = $2', [into, from]);
    },
    dropHistory(profileId: number): void {
      sql.run('DELETE FROM profile_daily_points WHERE profile_id = $1', [profileId]);
      sql.run('DELETE FROM score_history WHERE profile_id = $1', [profileId]);
      sql.run('DELETE FROM lifecycle_changes WHERE profile_id = $1', [profileId]);
    },
  };
}
