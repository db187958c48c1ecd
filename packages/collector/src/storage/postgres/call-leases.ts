// Leases of pool numbers to sessions on PostgreSQL, kept as history, and each pool's hourly tallies: several collectors lease from one pool at once.
import type { Sql } from './sql.js';
import type { CallStore, NewLease, PoolTally } from '../calls.js';
import type { CallNumber, Lease } from '../../model/call.js';
import { numberColumns } from '../call-rows.js';
import { advisoryLockOf } from './people-locks.js';

const leaseColumns = `l.id, l.site_id AS "siteId", l.pool_id AS "poolId", l.number_id AS "numberId", n.number, l.session_id AS "sessionId", l.visitor_id AS "visitorId",
  l.started_at AS "startedAt", l.renewed_at AS "renewedAt", l.ends_at AS "endsAt", l.url, l.referrer, l.utm_source AS "utmSource", l.utm_medium AS "utmMedium",
  l.utm_campaign AS "utmCampaign", l.utm_term AS "utmTerm", l.utm_content AS "utmContent", l.device, l.browser, l.os, l.country, l.city`;
const leases = `SELECT ${leaseColumns} FROM call_leases l JOIN call_numbers n ON n.id = l.number_id`;

type LeaseStore = Pick<CallStore, 'lockSession' | 'liveLease' | 'freeNumber' | 'insertLease' | 'renewLease' | 'leaseAt' | 'liveLeaseCount' | 'countPoolHour' | 'poolTally' | 'overlappingLeases'>;

export function pgCallLeases(sql: Sql): LeaseStore {
  const holdNumber = (numberId: number, until: number) => sql.run('UPDATE call_numbers SET free_at = $1 WHERE id = $2', [until, numberId]);
  return {
    async lockSession(siteId, sessionId) {
      await sql.rows('SELECT pg_advisory_xact_lock($1)', [String(advisoryLockOf(`s:${siteId}:${sessionId}`))]);
    },
    // A lease holds its number through ends_at itself, as a call beginning then is attributed to it:
    // the number is free only after, or the next lease would share that millisecond.
    liveLease: (siteId, poolId, sessionId, now) =>
      sql.row<Lease>(`${leases} WHERE l.site_id = $1 AND l.session_id = $2 AND l.pool_id = $3 AND l.ends_at >= $4 ORDER BY l.id DESC LIMIT 1`, [siteId, sessionId, poolId, now]),
    // SQLite's single writer makes the pick and the lease one step; here the pick locks its number
    // until the lease's transaction ends, and a collector leasing meanwhile passes over it to the
    // next free one. Once that commits, the number's free_at has moved on and it is no longer free.
    freeNumber: (poolId, now) =>
      sql.row<CallNumber>(`SELECT ${numberColumns} FROM call_numbers WHERE pool_id = $1 AND free_at < $2 ORDER BY free_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`, [poolId, now]),
    async insertLease(lease: NewLease) {
      holdNumber(lease.numberId, lease.endsAt);
      const { id } = (await sql.row<{ id: number }>(
        `INSERT INTO call_leases (site_id, pool_id, number_id, session_id, visitor_id, started_at, renewed_at, ends_at, url, referrer, utm_source, utm_medium,
           utm_campaign, utm_term, utm_content, device, browser, os, country, city)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
        [
          lease.siteId, lease.poolId, lease.numberId, lease.sessionId, lease.visitorId, lease.startedAt, lease.endsAt, lease.url, lease.referrer, lease.utmSource,
          lease.utmMedium, lease.utmCampaign, lease.utmTerm, lease.utmContent, lease.device, lease.browser, lease.os, lease.country, lease.city,
        ],
      ))!;
      return id;
    },
    renewLease(siteId, leaseId, numberId, now, endsAt) {
      sql.run('UPDATE call_leases SET renewed_at = $1, ends_at = $2 WHERE site_id = $3 AND id = $4', [now, endsAt, siteId, leaseId]);
      holdNumber(numberId, endsAt);
    },
    // Ties on started_at go to the lease made last, as SQLite's backward walk of (number_id, started_at) gives them.
    leaseAt: (siteId, numberId, ts) =>
      sql.row<Lease>(`${leases} WHERE l.site_id = $1 AND l.number_id = $2 AND l.started_at <= $3 ORDER BY l.started_at DESC, l.id DESC LIMIT 1`, [siteId, numberId, ts]),
    liveLeaseCount: async (poolId, now) =>
      (await sql.row<{ n: number }>('SELECT count(*) AS n FROM call_numbers WHERE pool_id = $1 AND free_at >= $2', [poolId, now]))!.n,
    countPoolHour(siteId, poolId, hour, sessions, misses) {
      sql.run(
        `INSERT INTO call_pool_hours AS h (site_id, pool_id, hour, sessions, misses) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (site_id, pool_id, hour) DO UPDATE SET sessions = h.sessions + excluded.sessions, misses = h.misses + excluded.misses`,
        [siteId, poolId, hour, sessions, misses],
      );
    },
    poolTally: async (siteId, poolId, fromHour, toHour) =>
      (await sql.row<PoolTally>(
        `SELECT coalesce(sum(sessions), 0)::bigint AS sessions, coalesce(sum(misses), 0)::bigint AS misses, coalesce(max(sessions), 0) AS "peakHourSessions"
         FROM call_pool_hours WHERE site_id = $1 AND pool_id = $2 AND hour BETWEEN $3 AND $4`,
        [siteId, poolId, fromHour, toHour],
      ))!,
    // Each lease against the number's leases that start within it: a pair is counted once, from the
    // one that started first (or was made first, on a tie).
    overlappingLeases: async (siteId, poolId) =>
      (await sql.row<{ n: number }>(
        `SELECT count(*) AS n FROM call_leases a
           JOIN call_leases b ON b.site_id = a.site_id AND b.number_id = a.number_id AND b.started_at BETWEEN a.started_at AND a.ends_at
         WHERE a.site_id = $1 AND a.pool_id = $2 AND (b.started_at > a.started_at OR b.id > a.id)`,
        [siteId, poolId],
      ))!.n,
  };
}
