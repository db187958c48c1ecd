// A person's history as stored: their changes of group, their score at the end of each active day, and the points granted per capped event and day.
import type { Db } from './database.js';
import type { ProfileHistoryStore } from '../profiles.js';
import type { Lifecycle, LifecycleChange } from '../../model/profile.js';

export function sqliteProfileHistory(db: Db): ProfileHistoryStore {
  const dailyPointsOf = db.prepare<[number, number, number, number], { points: number }>(
    'SELECT points FROM profile_daily_points WHERE site_id = ? AND profile_id = ? AND definition_id = ? AND day = ?',
  );
  const moveDailyPoints = db.prepare<{ siteId: number; into: number; from: number }>(
    `INSERT INTO profile_daily_points (site_id, profile_id, definition_id, day, points)
       SELECT site_id, @into, definition_id, day, points FROM profile_daily_points WHERE site_id = @siteId AND profile_id = @from
     ON CONFLICT DO UPDATE SET points = points + excluded.points`,
  );
  const moveHistory = db.prepare<{ siteId: number; into: number; from: number }>(
    `INSERT INTO score_history (site_id, profile_id, day, score)
       SELECT site_id, @into, day, score FROM score_history WHERE site_id = @siteId AND profile_id = @from
     ON CONFLICT DO UPDATE SET score = max(score, excluded.score)`,
  );
  const moveLifecycleChanges = db.prepare<{ siteId: number; into: number; from: number }>(
    'UPDATE lifecycle_changes SET profile_id = @into WHERE site_id = @siteId AND profile_id = @from',
  );
  const dropDailyPoints = db.prepare<[number, number]>('DELETE FROM profile_daily_points WHERE site_id = ? AND profile_id = ?');
  const dropHistory = db.prepare<[number, number]>('DELETE FROM score_history WHERE site_id = ? AND profile_id = ?');
  const dropLifecycleChanges = db.prepare<[number, number]>('DELETE FROM lifecycle_changes WHERE site_id = ? AND profile_id = ?');
  const addLifecycleChange = db.prepare<[number, number, number, string, string]>(
    'INSERT INTO lifecycle_changes (site_id, profile_id, at, from_group, to_group) VALUES (?, ?, ?, ?, ?)',
  );
  const lifecycleChanges = db.prepare<[number, number], { at: number; from: Lifecycle; to: Lifecycle }>(
    'SELECT at, from_group AS "from", to_group AS "to" FROM lifecycle_changes WHERE site_id = ? AND profile_id = ? ORDER BY at, rowid',
  );
  const addDaily = db.prepare<[number, number, number, number, number]>(
    `INSERT INTO profile_daily_points (site_id, profile_id, definition_id, day, points) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET points = points + excluded.points`,
  );
  const recordScore = db.prepare<[number, number, number, number]>(
    `INSERT INTO score_history (site_id, profile_id, day, score) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET score = excluded.score`,
  );
  const history = db.prepare<[number, number], { day: number; score: number }>(
    'SELECT day, score FROM score_history WHERE site_id = ? AND profile_id = ? ORDER BY day',
  );

  return {
    /** The points these people were granted for these definitions on these days, where any. */
    async dailyPointsOf(siteId: number, profileIds: readonly number[], definitionIds: readonly number[], days: readonly number[]) {
      const rows: { profileId: number; definitionId: number; day: number; points: number }[] = [];
      for (const profileId of profileIds)
        for (const definitionId of definitionIds)
          for (const day of days) {
            const points = dailyPointsOf.get(siteId, profileId, definitionId, day)?.points;
            if (points !== undefined) rows.push({ profileId, definitionId, day, points });
          }
      return rows;
    },
    recordGroupChange(siteId: number, profileId: number, at: number, from: Lifecycle, to: Lifecycle): void {
      addLifecycleChange.run(siteId, profileId, at, from, to);
    },
    async groupChanges(siteId: number, profileId: number): Promise<LifecycleChange[]> {
      return lifecycleChanges.all(siteId, profileId);
    },
    addDailyPoints(siteId: number, profileId: number, definitionId: number, day: number, points: number): void {
      addDaily.run(siteId, profileId, definitionId, day, points);
    },
    recordScore(siteId: number, profileId: number, day: number, score: number): void {
      recordScore.run(siteId, profileId, day, score);
    },
    async scoreHistory(siteId: number, profileId: number): Promise<{ day: number; score: number }[]> {
      return history.all(siteId, profileId);
    },
    moveHistory(siteId: number, into: number, from: number): void {
      for (const statement of [moveDailyPoints, moveHistory, moveLifecycleChanges]) statement.run({ siteId, into, from });
    },
    dropHistory(siteId: number, profileId: number): void {
      for (const statement of [dropDailyPoints, dropHistory, dropLifecycleChanges]) statement.run(siteId, profileId);
    },
  };
}
