// A person's history as stored: their changes of group, their score at the end of each active day, and the points granted per capped event and day.
import type { Db } from './database.js';
import type { ProfileHistoryStore } from '../profiles.js';
import type { Lifecycle, LifecycleChange } from '../../model/profile.js';

export function sqliteProfileHistory(db: Db): ProfileHistoryStore {
  const dailyPointsOf = db.prepare<[number, number, number], { points: number }>(
    'SELECT points FROM profile_daily_points WHERE profile_id = ? AND definition_id = ? AND day = ?',
  );
  const moveDailyPoints = db.prepare<[number, number]>(
    `INSERT INTO profile_daily_points (profile_id, definition_id, day, points)
       SELECT ?, definition_id, day, points FROM profile_daily_points WHERE profile_id = ?
     ON CONFLICT DO UPDATE SET points = points + excluded.points`,
  );
  const moveHistory = db.prepare<[number, number]>(
    `INSERT INTO score_history (profile_id, day, score)
       SELECT ?, day, score FROM score_history WHERE profile_id = ?
     ON CONFLICT DO UPDATE SET score = max(score, excluded.score)`,
  );
  const moveLifecycleChanges = db.prepare<[number, number]>('UPDATE lifecycle_changes SET profile_id = ? WHERE profile_id = ?');
  const dropDailyPoints = db.prepare<[number]>('DELETE FROM profile_daily_points WHERE profile_id = ?');
  const dropHistory = db.prepare<[number]>('DELETE FROM score_history WHERE profile_id = ?');
  const dropLifecycleChanges = db.prepare<[number]>('DELETE FROM lifecycle_changes WHERE profile_id = ?');
  const addLifecycleChange = db.prepare<[number, number, string, string]>(
    'INSERT INTO lifecycle_changes (profile_id, at, from_group, to_group) VALUES (?, ?, ?, ?)',
  );
  const lifecycleChanges = db.prepare<[number], { at: number; from: Lifecycle; to: Lifecycle }>(
    'SELECT at, from_group AS "from", to_group AS "to" FROM lifecycle_changes WHERE profile_id = ? ORDER BY at, rowid',
  );
  const addDaily = db.prepare<[number, number, number, number]>(
    `INSERT INTO profile_daily_points (profile_id, definition_id, day, points) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET points = points + excluded.points`,
  );
  const recordScore = db.prepare<[number, number, number]>(
    `INSERT INTO score_history (profile_id, day, score) VALUES (?, ?, ?)
     ON CONFLICT DO UPDATE SET score = excluded.score`,
  );
  const history = db.prepare<[number], { day: number; score: number }>(
    'SELECT day, score FROM score_history WHERE profile_id = ? ORDER BY day',
  );

  return {
    /** The points these people were granted for these definitions on these days, where any. */
    async dailyPointsOf(profileIds: readonly number[], definitionIds: readonly number[], days: readonly number[]) {
      const rows: { profileId: number; definitionId: number; day: number; points: number }[] = [];
      for (const profileId of profileIds)
        for (const definitionId of definitionIds)
          for (const day of days) {
            const points = dailyPointsOf.get(profileId, definitionId, day)?.points;
            if (points !== undefined) rows.push({ profileId, definitionId, day, points });
          }
      return rows;
    },
    recordGroupChange(profileId: number, at: number, from: Lifecycle, to: Lifecycle): void {
      addLifecycleChange.run(profileId, at, from, to);
    },
    async groupChanges(profileId: number): Promise<LifecycleChange[]> {
      return lifecycleChanges.all(profileId);
    },
    addDailyPoints(profileId: number, definitionId: number, day: number, points: number): void {
      addDaily.run(profileId, definitionId, day, points);
    },
    recordScore(profileId: number, day: number, score: number): void {
      recordScore.run(profileId, day, score);
    },
    async scoreHistory(profileId: number): Promise<{ day: number; score: number }[]> {
      return history.all(profileId);
    },
    moveHistory(into: number, from: number): void {
      moveDailyPoints.run(into, from);
      moveHistory.run(into, from);
      moveLifecycleChanges.run(into, from);
    },
    dropHistory(profileId: number): void {
      dropDailyPoints.run(profileId);
      dropHistory.run(profileId);
      dropLifecycleChanges.run(profileId);
    },
  };
}
