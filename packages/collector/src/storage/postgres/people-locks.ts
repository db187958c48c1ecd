// Holding people (and a call session's number requests) across collectors: a transaction-long advisory lock per visitor and user id a batch writes events of.
import { createHash } from 'node:crypto';
import type { Sql } from './sql.js';

/** A key's lock: 64 bits of its SHA-256, the same in every collector. */
export const advisoryLockOf = (key: string): bigint => createHash('sha256').update(key).digest().readBigInt64BE(0);

/** The locks for these visitors and user ids of a site, each once, in the ascending order they are taken in. */
export function peopleLocks(siteId: number, visitorIds: readonly string[], userIds: readonly string[]): bigint[] {
  const keys = [...visitorIds.map((v) => `v:${siteId}:${v}`), ...userIds.map((u) => `u:${siteId}:${u}`)];
  return [...new Set(keys.map(advisoryLockOf))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Takes the locks in one statement. Every transaction takes them in ascending order, so none waits
 * for a lock while holding one a waiter behind it needs: no deadlock. The ORDER BY is what orders
 * them: PostgreSQL calls a volatile function of the target list after sorting.
 *
 * Then the rows of the people who exist already, in id order: the sweeper claims people by their
 * rows (profiles.due, SKIP LOCKED), so a batch must hold the rows too, or it could write a person
 * back over what a sweep changed since the batch read them. Row locks come after every advisory
 * lock and in one order, so this adds no deadlock either.
 */
export async function lockPeople(sql: Sql, siteId: number, visitorIds: readonly string[], userIds: readonly string[]): Promise<void> {
  const locks = peopleLocks(siteId, visitorIds, userIds);
  if (locks.length === 0) return;
  await sql.rows('SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k ORDER BY k', [locks.map(String)]);
  await sql.rows(
    `SELECT id FROM profiles
     WHERE site_id = $1 AND (user_id = ANY($3::text[]) OR id IN (SELECT profile_id FROM profile_visitors WHERE site_id = $1 AND visitor_id = ANY($2::text[])))
     ORDER BY id FOR UPDATE`,
    [siteId, [...visitorIds], [...userIds]],
  );
}
