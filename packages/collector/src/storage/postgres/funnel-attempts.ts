// Funnel attempts on PostgreSQL: each person's attempt at each funnel, and the daily step counts and conversion times they add up to.
import type { Sql } from './sql.js';
import type { FunnelAttemptStore } from '../funnels.js';
import type { FunnelAttempt, FunnelCount } from '../../model/funnel.js';

const attemptColumns = 'funnel_id AS "funnelId", step, started_at AS "startedAt", last_at AS "lastAt", source, device';

export function pgFunnelAttempts(sql: Sql): FunnelAttemptStore {
  const addStep = (funnelId: number, day: number, step: number, source: string, device: string) =>
    sql.run(
      `INSERT INTO daily_funnel_steps (funnel_id, day, step, source, device, people) VALUES ($1, $2, $3, $4, $5, 1)
       ON CONFLICT (funnel_id, day, step, source, device) DO UPDATE SET people = daily_funnel_steps.people + 1`,
      [funnelId, day, step, source, device],
    );
  const addTime = (funnelId: number, day: number, bucket: number) =>
    sql.run(
      `INSERT INTO daily_funnel_times (funnel_id, day, bucket, people) VALUES ($1, $2, $3, 1)
       ON CONFLICT (funnel_id, day, bucket) DO UPDATE SET people = daily_funnel_times.people + 1`,
      [funnelId, day, bucket],
    );
  const dropAttempts = (profileId: number) => sql.run('DELETE FROM funnel_progress WHERE profile_id = $1', [profileId]);

  return {
    async attemptsOfPeople(profileIds) {
      const byPerson = new Map(profileIds.map((id) => [id, new Map<number, FunnelAttempt>()]));
      if (profileIds.length === 0) return byPerson;
      const rows = await sql.rows<FunnelAttempt & { profileId: number; funnelId: number }>(
        `SELECT profile_id AS "profileId", ${attemptColumns} FROM funnel_progress WHERE profile_id = ANY($1::bigint[]) ORDER BY profile_id, funnel_id`,
        [profileIds],
      );
      for (const { profileId, funnelId, ...attempt } of rows) byPerson.get(profileId)!.set(funnelId, attempt);
      return byPerson;
    },
    addStep,
    addTime,
    reach(profileId, funnelId, { attempt: a, day, completedIn }) {
      sql.run(
        `INSERT INTO funnel_progress (profile_id, funnel_id, step, started_at, last_at, source, device) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (profile_id, funnel_id) DO UPDATE SET step = excluded.step, started_at = excluded.started_at, last_at = excluded.last_at,
           source = excluded.source, device = excluded.device`,
        [profileId, funnelId, a.step, a.startedAt, a.lastAt, a.source, a.device],
      );
      addStep(funnelId, day, a.step, a.source, a.device);
      if (completedIn !== null) addTime(funnelId, day, completedIn);
    },
    // A merged-away person's attempts become the survivor's where the survivor has none of its own.
    moveAttempts(into, from) {
      sql.run(
        `INSERT INTO funnel_progress (profile_id, funnel_id, step, started_at, last_at, source, device)
           SELECT $1, funnel_id, step, started_at, last_at, source, device FROM funnel_progress WHERE profile_id = $2
         ON CONFLICT DO NOTHING`,
        [into, from],
      );
      dropAttempts(from);
    },
    // SQLite hands groups back in the order of its GROUP BY, bytewise for text: "C" is that order.
    counts(funnelId, from, to) {
      return sql.rows<FunnelCount>(
        `SELECT step, source, device, sum(people)::bigint AS people FROM daily_funnel_steps
         WHERE funnel_id = $1 AND day BETWEEN $2 AND $3 GROUP BY step, source, device ORDER BY step, source COLLATE "C", device COLLATE "C"`,
        [funnelId, from, to],
      );
    },
    times(funnelId, from, to) {
      return sql.rows(
        `SELECT bucket, sum(people)::bigint AS people FROM daily_funnel_times
         WHERE funnel_id = $1 AND day BETWEEN $2 AND $3 GROUP BY bucket ORDER BY bucket`,
        [funnelId, from, to],
      );
    },
    attemptsOf(profileId) {
      return sql.rows(`SELECT ${attemptColumns} FROM funnel_progress WHERE profile_id = $1 ORDER BY funnel_id`, [profileId]);
    },
    forgetProfile: dropAttempts,
  };
}
