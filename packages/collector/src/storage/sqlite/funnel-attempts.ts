// Funnel attempts as stored: each person's attempt at each funnel, and the daily step counts and conversion times they add up to.
import type { Db } from './database.js';
import type { FunnelAttemptStore } from '../funnels.js';
import type { FunnelAttempt, FunnelCount, Reached } from '../../model/funnel.js';

export function sqliteFunnelAttempts(db: Db): FunnelAttemptStore {
  const saveAttempt = db.prepare<[number, number, number, number, number, string, string]>(
    'INSERT OR REPLACE INTO funnel_progress (profile_id, funnel_id, step, started_at, last_at, source, device) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  // A merged-away person's attempts become the survivor's where the survivor has none of its own.
  const moveAttempts = db.prepare<[number, number]>(
    `INSERT OR IGNORE INTO funnel_progress (profile_id, funnel_id, step, started_at, last_at, source, device)
       SELECT ?, funnel_id, step, started_at, last_at, source, device FROM funnel_progress WHERE profile_id = ?`,
  );
  const dropAttempts = db.prepare<[number]>('DELETE FROM funnel_progress WHERE profile_id = ?');
  const addStep = db.prepare<[number, number, number, string, string]>(
    `INSERT INTO daily_funnel_steps (funnel_id, day, step, source, device, people) VALUES (?, ?, ?, ?, ?, 1)
     ON CONFLICT DO UPDATE SET people = people + 1`,
  );
  const addTime = db.prepare<[number, number, number]>(
    `INSERT INTO daily_funnel_times (funnel_id, day, bucket, people) VALUES (?, ?, ?, 1)
     ON CONFLICT DO UPDATE SET people = people + 1`,
  );
  const counts = db.prepare<[number, number, number], FunnelCount>(
    `SELECT step, source, device, sum(people) AS people FROM daily_funnel_steps
     WHERE funnel_id = ? AND day BETWEEN ? AND ? GROUP BY step, source, device`,
  );
  const times = db.prepare<[number, number, number], { bucket: number; people: number }>(
    `SELECT bucket, sum(people) AS people FROM daily_funnel_times
     WHERE funnel_id = ? AND day BETWEEN ? AND ? GROUP BY bucket ORDER BY bucket`,
  );
  const attemptsOf = db.prepare<[number], { funnelId: number; step: number; startedAt: number; lastAt: number; source: string; device: string }>(
    `SELECT funnel_id AS funnelId, step, started_at AS startedAt, last_at AS lastAt, source, device
     FROM funnel_progress WHERE profile_id = ? ORDER BY funnel_id`,
  );

  return {
    /** Each of these people's attempts, by funnel. */
    async attemptsOfPeople(profileIds: readonly number[]): Promise<Map<number, Map<number, FunnelAttempt>>> {
      return new Map(profileIds.map((id) => [id, new Map(attemptsOf.all(id).map(({ funnelId, ...attempt }) => [funnelId, attempt]))]));
    },
    /** An attempt reached a step, counted on its start day, by its source and device. */
    addStep(funnelId: number, day: number, step: number, source: string, device: string): void {
      addStep.run(funnelId, day, step, source, device);
    },
    /** An attempt completed the funnel, counted on its start day in its time bucket. */
    addTime(funnelId: number, day: number, bucket: number): void {
      addTime.run(funnelId, day, bucket);
    },
    /** A person reached a step: their attempt as it now stands, counted on its start day, and its time when it completed the funnel. */
    reach(profileId: number, funnelId: number, { attempt: a, day, completedIn }: Reached): void {
      saveAttempt.run(profileId, funnelId, a.step, a.startedAt, a.lastAt, a.source, a.device);
      this.addStep(funnelId, day, a.step, a.source, a.device);
      if (completedIn !== null) this.addTime(funnelId, day, completedIn);
    },
    moveAttempts(into: number, from: number): void {
      moveAttempts.run(into, from);
      dropAttempts.run(from);
    },
    /** Attempts started in [from, to] by step, source and device. */
    async counts(funnelId: number, from: number, to: number): Promise<FunnelCount[]> {
      return counts.all(funnelId, from, to);
    },
    /** Completed attempts started in [from, to] by time-taken bucket. */
    async times(funnelId: number, from: number, to: number): Promise<{ bucket: number; people: number }[]> {
      return times.all(funnelId, from, to);
    },
    /** A person's attempts at every funnel, for their export. */
    async attemptsOf(profileId: number) {
      return attemptsOf.all(profileId);
    },
    /** A deleted person's attempts. */
    forgetProfile(profileId: number): void {
      dropAttempts.run(profileId);
    },
  };
}
