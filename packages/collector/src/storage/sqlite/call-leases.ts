// Leases of pool numbers to sessions, kept as history (a call is matched against who held its number then), and each pool's hourly tallies.
import type { Db } from './database.js';
import type { CallStore, NewLease, PoolTally } from '../calls.js';
import type { CallNumber, Lease } from '../../model/call.js';
import { numberColumns } from '../call-rows.js';

const leaseColumns = `l.id, l.site_id AS siteId, l.pool_id AS poolId, l.number_id AS numberId, n.number, l.session_id AS sessionId, l.visitor_id AS visitorId,
  l.started_at AS startedAt, l.renewed_at AS renewedAt, l.ends_at AS endsAt, l.url, l.referrer, l.utm_source AS utmSource, l.utm_medium AS utmMedium,
  l.utm_campaign AS utmCampaign, l.utm_term AS utmTerm, l.utm_content AS utmContent, l.device, l.browser, l.os, l.country, l.city`;
const leases = `SELECT ${leaseColumns} FROM call_leases l JOIN call_numbers n ON n.id = l.number_id`;

type LeaseStore = Pick<CallStore, 'lockSession' | 'liveLease' | 'freeNumber' | 'insertLease' | 'renewLease' | 'leaseAt' | 'liveLeaseCount' | 'countPoolHour' | 'poolTally' | 'overlappingLeases'>;

export function sqliteCallLeases(db: Db): LeaseStore {
  // A lease holds its number through ends_at itself, as a call beginning then is attributed to it:
  // the number is free only after, or the next lease would share that millisecond.
  const live = db.prepare<[number, string, number, number], Lease>(
    `${leases} WHERE l.site_id = ? AND l.session_id = ? AND l.pool_id = ? AND l.ends_at >= ? ORDER BY l.id DESC LIMIT 1`,
  );
  const free = db.prepare<[number, number], CallNumber>(
    `SELECT ${numberColumns} FROM call_numbers WHERE pool_id = ? AND free_at < ? ORDER BY free_at, id LIMIT 1`,
  );
  const insert = db.prepare(
    `INSERT INTO call_leases (site_id, pool_id, number_id, session_id, visitor_id, started_at, renewed_at, ends_at, url, referrer, utm_source, utm_medium,
       utm_campaign, utm_term, utm_content, device, browser, os, country, city)
     VALUES (@siteId, @poolId, @numberId, @sessionId, @visitorId, @startedAt, @startedAt, @endsAt, @url, @referrer, @utmSource, @utmMedium,
       @utmCampaign, @utmTerm, @utmContent, @device, @browser, @os, @country, @city)`,
  );
  const renew = db.prepare<[number, number, number, number]>('UPDATE call_leases SET renewed_at = ?, ends_at = ? WHERE site_id = ? AND id = ?');
  const holdNumber = db.prepare<[number, number]>('UPDATE call_numbers SET free_at = ? WHERE id = ?');
  const at = db.prepare<[number, number, number], Lease>(`${leases} WHERE l.site_id = ? AND l.number_id = ? AND l.started_at <= ? ORDER BY l.started_at DESC LIMIT 1`);
  const liveCount = db.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM call_numbers WHERE pool_id = ? AND free_at >= ?');
  const countHour = db.prepare<[number, number, number, number, number]>(
    `INSERT INTO call_pool_hours (site_id, pool_id, hour, sessions, misses) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (site_id, pool_id, hour) DO UPDATE SET sessions = sessions + excluded.sessions, misses = misses + excluded.misses`,
  );
  const tally = db.prepare<[number, number, number, number], PoolTally>(
    `SELECT coalesce(sum(sessions), 0) AS sessions, coalesce(sum(misses), 0) AS misses, coalesce(max(sessions), 0) AS peakHourSessions
     FROM call_pool_hours WHERE site_id = ? AND pool_id = ? AND hour BETWEEN ? AND ?`,
  );
  // Each lease against the number's leases that start within it, an index range per lease: a
  // pair is counted once, from the one that started first (or was made first, on a tie).
  const overlapping = db.prepare<[number, number], { n: number }>(
    `SELECT count(*) AS n FROM call_leases a
       JOIN call_leases b ON b.site_id = a.site_id AND b.number_id = a.number_id AND b.started_at BETWEEN a.started_at AND a.ends_at
     WHERE a.site_id = ? AND a.pool_id = ? AND (b.started_at > a.started_at OR b.id > a.id)`,
  );
  return {
    // The one writer runs a session's requests one after another already.
    lockSession: async () => {},
    liveLease: async (siteId, poolId, sessionId, now) => live.get(siteId, sessionId, poolId, now),
    freeNumber: async (poolId, now) => free.get(poolId, now),
    async insertLease(lease: NewLease) {
      holdNumber.run(lease.endsAt, lease.numberId);
      return Number(insert.run(lease).lastInsertRowid);
    },
    renewLease(siteId, leaseId, numberId, now, endsAt) {
      renew.run(now, endsAt, siteId, leaseId);
      holdNumber.run(endsAt, numberId);
    },
    leaseAt: async (siteId, numberId, ts) => at.get(siteId, numberId, ts),
    liveLeaseCount: async (poolId, now) => liveCount.get(poolId, now)!.n,
    countPoolHour(siteId, poolId, hour, sessions, misses) {
      countHour.run(siteId, poolId, hour, sessions, misses);
    },
    poolTally: async (siteId, poolId, fromHour, toHour) => tally.get(siteId, poolId, fromHour, toHour)!,
    overlappingLeases: async (siteId, poolId) => overlapping.get(siteId, poolId)!.n,
  };
}
