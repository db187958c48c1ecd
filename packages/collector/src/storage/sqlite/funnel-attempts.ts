// Funnel attempts as stored: each person's attempt at each funnel, and the daily step counts and conversion times they add up to.
import type { Db } from './database.js';
import type { FunnelAttemptStore } from '../funnels.js';
import type { FunnelAttempt, FunnelCount, Reached } from '../../model/funnel.js';

export function sqliteFunnelAttempts(db: Db): FunnelAttemptStore {
  const saveAttempt = db.prepare<[number, number, number, number, number, number, string, string]>(
    'INSERT OR REPLACE INTO funnel_progress (site_id, profile_id, funnel_id, step, started_at, last_at, source, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // A merged-away person's attempts become the survivor's where the survivor has none of its own.
  const moveAttempts = db.prepare<{ siteId: number; into: number; from: number }>(
    `INSERT OR IGNORE INTO funnel_progress (site_id, profile_id, funnel_id, step, started_at, last_at, source, device)
       SELECT site_id, @into, funnel_id, step, started_at, last_at, source, device FROM funnel_progress WHERE site_id = @siteId AND profile_id = @from`,
  );
  const dropAttempts = db.prepare<[number, number]>('DELETE FROM funnel_progress WHERE site_id = ? AND profile_id = ?');
  const addStep = db.prepare<[number, number, number, number, string, string]>(
    `INSERT INTO daily_funnel_steps (site_id, funnel_id, day, step, source, device, people) VALUES (?, ?, ?, ?, ?, ?, 1)
     ON CONFLICT DO UPDATE SET people = people + 1`,
  );
  const addTime = db.prepare<[number, number, number, number]>(
    `INSERT INTO daily_funnel_times (site_id, funnel_id, day, bucket, people) VALUES (?, ?, ?, ?, 1)
     ON CONFLICT DO UPDATE SET people = people + 1`,
  );
  const counts = db.prepare<[number, number, number, number], FunnelCount>(
    `SELECT step, source, device, sum(people) AS people FROM daily_funnel_steps
     WHERE site_id = ? AND funnel_id = ? AND day BETWEEN ? AND ? GROUP BY step, source, device`,
  );
  const times = db.prepare<[number, number, number, number], { bucket: number; people: number }>(
    `SELECT bucket, sum(people) AS people FROM daily_funnel_times
     WHERE site_id = ? AND funnel_id = ? AND day BETWEEN ? AND ? GROUP BY bucket ORDER BY bucket`,
  );
  const attemptsOf = db.prepare<[number, number], { funnelId: number; step: number; startedAt: number; lastAt: number; source: string; device: string }>(
    `SELECT funnel_id AS funnelId, step, started_at AS startedAt, last_at AS lastAt, source, device
     FROM funnel_progress WHERE site_id = ? AND profile_id = ? ORDER BY funnel_id`,
  );

  return {
    /** Each of these people's attempts, by funnel. */
    async attemptsOfPeople(siteId: number, profileIds: readonly number[]): Promise<Map<number, Map<number, FunnelAttempt>>> {
      return new Map(profileIds.map((id) => [id, new Map(attemptsOf.all(siteId, id).map(({ funnelId, ...attempt }) => [funnelId, attempt]))]));
    },
    /** An attempt reached a step, counted on its start day, by its source and device. */
    addStep(siteId: number, funnelId: number, day: number, step: number, source: string, device: string): void {
      addStep.run(siteId, funnelId, day, step, source, device);
    },
    /** An attempt completed the funnel, counted on its start day in its time bucket. */
    addTime(siteId: number, funnelId: number, day: number, bucket: number): void {
      addTime.run(siteId, funnelId, day, bucket);
    },
    /** A person reached a step: their attempt as it now stands, counted on its start day, and its time when it completed the funnel. */
    reach(siteId: number, profileId: number, funnelId: number, { attempt: a, day, completedIn }: Reached): void {
      saveAttempt.run(siteId, profileId, funnelId, a.step, a.startedAt, a.lastAt, a.source, a.device);
      this.addStep(siteId, funnelId, day, a.step, a.source, a.device);
      if (completedIn !== null) this.addTime(siteId, funnelId, day, completedIn);
    },
    moveAttempts(siteId: number, into: number, from: number): void {
      moveAttempts.run({ siteId, into, from });
      dropAttempts.run(siteId, from);
    },
    /** Attempts started in [from, to] by step, source and device. */
    async counts(siteId: number, funnelId: number, from: number, to: number): Promise<FunnelCount[]> {
      return counts.all(siteId, funnelId, from, to);
    },
    /** Completed attempts started in [from, to] by time-taken bucket. */
    async times(siteId: number, funnelId: number, from: number, to: number): Promise<{ bucket: number; people: number }[]> {
      return times.all(siteId, funnelId, from, to);
    },
    /** A person's attempts at every funnel, for their export. */
    async attemptsOf(siteId: number, profileId: number) {
      return attemptsOf.all(siteId, profileId);
    },
    /** A deleted person's attempts. */
    forgetProfile(siteId: number, profileId: number): void {
      dropAttempts.run(siteId, profileId);
    },
  };
}
