// Funnel attempts on PostgreSQL: each person's attempt at each funnel, and the daily step counts and conversion times they add up to.
import type { Sql } from './sql.js';
import type { FunnelAttemptStore } from '../funnels.js';
import type { FunnelAttempt, FunnelCount } from '../../model/funnel.js';

const attemptColumns = 'funnel_id AS "funnelId", step, started_at AS "startedAt", last_at AS "lastAt", source, device';

export function pgFunnelAttempts(sql: Sql): FunnelAttemptStore {
  const addStep = (siteId: number, funnelId: number, day: number, step: number, source: string, device: string) =>
    sql.run(
      `INSERT INTO daily_funnel_steps (site_id, funnel_id, day, step, source, device, people) VALUES ($1, $2, $3, $4, $5, $6, 1)
       ON CONFLICT (site_id, funnel_id, day, step, source, device) DO UPDATE SET people = daily_funnel_steps.people + 1`,
      [siteId, funnelId, day, step, source, device],
    );
  const addTime = (siteId: number, funnelId: number, day: number, bucket: number) =>
    sql.run(
      `INSERT INTO daily_funnel_times (site_id, funnel_id, day, bucket, people) VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (site_id, funnel_id, day, bucket) DO UPDATE SET people = daily_funnel_times.people + 1`,
      [siteId, funnelId, day, bucket],
    );
  const dropAttempts = (siteId: number, profileId: number) =>
    sql.run('DELETE FROM funnel_progress WHERE site_id = $1 AND profile_id = $2', [siteId, profileId]);

  return {
    async attemptsOfPeople(siteId, profileIds) {
      const byPerson = new Map(profileIds.map((id) => [id, new Map<number, FunnelAttempt>()]));
      if (profileIds.length === 0) return byPerson;
      const rows = await sql.rows<FunnelAttempt & { profileId: number; funnelId: number }>(
        `SELECT profile_id AS "profileId", ${attemptColumns} FROM funnel_progress
         WHERE site_id = $1 AND profile_id = ANY($2::bigint[]) ORDER BY profile_id, funnel_id`,
        [siteId, profileIds],
      );
      for (const { profileId, funnelId, ...attempt } of rows) byPerson.get(profileId)!.set(funnelId, attempt);
      return byPerson;
    },
    addStep,
    addTime,
    reach(siteId, profileId, funnelId, { attempt: a, day, completedIn }) {
      sql.run(
        `INSERT INTO funnel_progress (site_id, profile_id, funnel_id, step, started_at, last_at, source, device) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (site_id, profile_id, funnel_id) DO UPDATE SET step = excluded.step, started_at = excluded.started_at, last_at = excluded.last_at,
           source = excluded.source, device = excluded.device`,
        [siteId, profileId, funnelId, a.step, a.startedAt, a.lastAt, a.source, a.device],
      );
      addStep(siteId, funnelId, day, a.step, a.source, a.device);
      if (completedIn !== null) addTime(siteId, funnelId, day, completedIn);
    },
    // A merged-away person's attempts become the survivor's where the survivor has none of its own.
    moveAttempts(siteId, into, from) {
      sql.run(
        `INSERT INTO funnel_progress (site_id, profile_id, funnel_id, step, started_at, last_at, source, device)
           SELECT site_id, $2, funnel_id, step, started_at, last_at, source, device FROM funnel_progress WHERE site_id = $1 AND profile_id = $3
         ON CONFLICT DO NOTHING`,
        [siteId, into, from],
      );
      dropAttempts(siteId, from);
    },
    // SQLite hands groups back in the order of its GROUP BY, bytewise for text: "C" is that order.
    counts(siteId, funnelId, from, to) {
      return sql.rows<FunnelCount>(
        `SELECT step, source, device, sum(people)::bigint AS people FROM daily_funnel_steps
         WHERE site_id = $1 AND funnel_id = $2 AND day BETWEEN $3 AND $4 GROUP BY step, source, device ORDER BY step, source COLLATE "C", device COLLATE "C"`,
        [siteId, funnelId, from, to],
      );
    },
    times(siteId, funnelId, from, to) {
      return sql.rows(
        `SELECT bucket, sum(people)::bigint AS people FROM daily_funnel_times
         WHERE site_id = $1 AND funnel_id = $2 AND day BETWEEN $3 AND $4 GROUP BY bucket ORDER BY bucket`,
        [siteId, funnelId, from, to],
      );
    },
    attemptsOf(siteId, profileId) {
      return sql.rows(`SELECT ${attemptColumns} FROM funnel_progress WHERE site_id = $1 AND profile_id = $2 ORDER BY funnel_id`, [siteId, profileId]);
    },
    forgetProfile: dropAttempts,
  };
}
