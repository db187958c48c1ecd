// The webhook outbox on PostgreSQL: one row per change and endpoint, claimed, answered and pruned, in order per endpoint and person.
import type { Sql } from './sql.js';
import type { OutboxStore } from '../webhooks.js';
import type { DueWebhook, WebhookAttempt } from '../../model/webhook.js';

const attemptColumns = `id, delivery_id AS "deliveryId", type, state, profile_id AS "profileId", created_at AS "createdAt", attempts,
  last_status AS "lastStatus", last_error AS "lastError", last_at AS "lastAt", next_at AS "nextAt", body`;

/**
 * The lock of one endpoint's rows about one person, which go out one at a time in order. A row queued
 * behind an unfinished one waits for that one's answer to make it due: queueing and answering take this
 * lock before they look, so each sees the other's commit (else a row queued as the one ahead finishes
 * would wait forever). Two ids share a lock only past 2^32, which costs a wait, nothing more.
 */
const laneLock = (endpoint: string, profile: string) => `pg_advisory_xact_lock((${endpoint}::bigint << 32) # ${profile}::bigint)`;

/**
 * An answer locks its endpoint's row before its own row, as an admin's change of the endpoint does
 * (webhook-endpoints.ts) before it holds or releases the unsent rows: so the answer reads whether the
 * endpoint is on as the change left it, and the two never wait for each other in a circle (the change
 * holding the endpoint and wanting the row, the answer the reverse). Answers come sorted by endpoint,
 * as claims hand rows out, so two collectors' answers take the endpoints in the same order too.
 */
const lockEndpointOf =
  'SELECT 1 FROM webhook_endpoints WHERE site_id = $1 AND id = (SELECT endpoint_id FROM webhook_outbox WHERE site_id = $1 AND id = $2) FOR NO KEY UPDATE';

/** The row is done, its endpoint's total grows, and the person's next row there is due: only when it was not done already. */
const finish = (total: 'delivered' | 'failed') => `
  WITH done AS (
    UPDATE webhook_outbox SET state = $2, next_at = NULL, attempts = attempts + 1, last_status = $3, last_error = $4, last_at = $5, done_at = $5
    WHERE site_id = $6 AND id = $1 AND done_at IS NULL RETURNING id, endpoint_id, profile_id
  ), counted AS (
    UPDATE webhook_endpoints e SET ${total} = e.${total} + 1 FROM done WHERE e.site_id = $6 AND e.id = done.endpoint_id RETURNING e.enabled
  )
  UPDATE webhook_outbox SET next_at = $5 WHERE site_id = $6 AND id = (
    SELECT o.id FROM webhook_outbox o JOIN done ON o.endpoint_id = done.endpoint_id AND o.profile_id = done.profile_id
    WHERE o.site_id = $6 AND o.done_at IS NULL AND o.id <> done.id ORDER BY o.id LIMIT 1
  ) AND (SELECT enabled FROM counted) = 1`;
const finishDelivered = finish('delivered');
const finishFailed = finish('failed');

export function pgOutbox(sql: Sql): OutboxStore {
  const finished = (siteId: number, id: number, state: 'delivered' | 'failed', status: number | null, error: string | null, now: number): void => {
    sql.run(lockEndpointOf, [siteId, id]);
    sql.run(`SELECT ${laneLock('endpoint_id', 'profile_id')} FROM webhook_outbox WHERE site_id = $1 AND id = $2`, [siteId, id]);
    sql.run(state === 'delivered' ? finishDelivered : finishFailed, [id, state, status, error, now, siteId]);
  };

  return {
    forgetProfile(siteId, profileId) {
      sql.run('DELETE FROM webhook_outbox WHERE site_id = $1 AND profile_id = $2', [siteId, profileId]);
    },
    queue(rows, now) {
      for (const { siteId, endpointId, profileId, deliveryId, type, body } of rows) {
        sql.run(`SELECT ${laneLock('$1', '$2')}`, [endpointId, profileId]);
        sql.run(
          `INSERT INTO webhook_outbox (endpoint_id, profile_id, delivery_id, type, body, created_at, site_id, next_at) VALUES ($1, $2, $3, $4, $5, $6, $7,
             CASE WHEN EXISTS (SELECT 1 FROM webhook_outbox WHERE site_id = $7 AND endpoint_id = $1 AND profile_id = $2 AND done_at IS NULL) THEN NULL ELSE $6::bigint END)`,
          [endpointId, profileId, deliveryId, type, body, now, siteId],
        );
      }
    },
    /**
     * SKIP LOCKED: a row another collector is claiming (or answering) is left to it, and one it claimed
     * and committed is no longer due when this one locks it, so no row is handed out twice. The rows
     * come back in SQLite's order: by endpoint, then by when each was due.
     */
    claim(now, leaseUntil, limit) {
      return sql.rows<DueWebhook>(
        `WITH due AS (
           SELECT e.site_id, o.id, o.next_at FROM webhook_endpoints e CROSS JOIN LATERAL (
             SELECT id, next_at FROM webhook_outbox WHERE site_id = e.site_id AND endpoint_id = e.id AND next_at <= $1
             ORDER BY next_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
           ) o
           WHERE e.enabled = 1 AND (e.held_until IS NULL OR e.held_until <= $1)
         ), leased AS (
           UPDATE webhook_outbox o SET next_at = $2 FROM due WHERE o.site_id = due.site_id AND o.id = due.id
           RETURNING o.id, o.site_id, o.endpoint_id, o.delivery_id, o.body, o.created_at, o.attempts, due.next_at AS due_at
         )
         SELECT l.id, l.site_id AS "siteId", l.endpoint_id AS "endpointId", e.url, e.secret, l.delivery_id AS "deliveryId", l.body, l.created_at AS "createdAt", l.attempts
         FROM leased l JOIN webhook_endpoints e ON e.site_id = l.site_id AND e.id = l.endpoint_id ORDER BY l.endpoint_id, l.due_at, l.id`,
        [now, leaseUntil, limit],
      );
    },
    delivered(siteId, id, status, now) {
      finished(siteId, id, 'delivered', status, null, now);
    },
    failed(siteId, id, status, error, now) {
      finished(siteId, id, 'failed', status, error, now);
    },
    retry(siteId, id, status, error, now, nextAt) {
      sql.run(lockEndpointOf, [siteId, id]);
      sql.run(
        `UPDATE webhook_outbox SET state = 'retrying', attempts = attempts + 1, last_status = $1, last_error = $2, last_at = $3,
           next_at = CASE WHEN (SELECT enabled FROM webhook_endpoints e WHERE e.site_id = $5 AND e.id = endpoint_id) = 1 THEN $4::bigint END
         WHERE site_id = $5 AND id = $6 AND done_at IS NULL`,
        [status, error, now, nextAt, siteId, id],
      );
    },
    // Ties are broken as SQLite's backward scan of the partial index breaks them: the later row first.
    recentDeliveries(siteId, endpointId, limit) {
      return sql.rows<WebhookAttempt>(
        `SELECT ${attemptColumns} FROM webhook_outbox WHERE site_id = $1 AND endpoint_id = $2 AND state = 'delivered' ORDER BY done_at DESC, id DESC LIMIT $3`,
        [siteId, endpointId, limit],
      );
    },
    troubled(siteId, endpointId, limit) {
      return sql.rows<WebhookAttempt>(
        `SELECT ${attemptColumns} FROM webhook_outbox WHERE site_id = $1 AND endpoint_id = $2 AND state IN ('retrying', 'failed')
         ORDER BY last_at DESC, id DESC LIMIT $3`,
        [siteId, endpointId, limit],
      );
    },
    /** Up to `limit` delivered and `limit` failed rows per endpoint; SKIP LOCKED lets two collectors pruning at once take different rows. */
    async prune(before, limit) {
      const row = await sql.row<{ n: number }>(
        `WITH gone AS (
           DELETE FROM webhook_outbox WHERE (site_id, id) IN (
             SELECT e.site_id, d.id FROM webhook_endpoints e CROSS JOIN LATERAL (
               SELECT id FROM webhook_outbox WHERE site_id = e.site_id AND endpoint_id = e.id AND state = 'delivered' AND done_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
             ) d
             UNION ALL
             SELECT e.site_id, f.id FROM webhook_endpoints e CROSS JOIN LATERAL (
               SELECT id FROM webhook_outbox WHERE site_id = e.site_id AND endpoint_id = e.id AND state = 'failed' AND last_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
             ) f
           ) RETURNING 1
         )
         SELECT count(*) AS n FROM gone`,
        [before, limit],
      );
      return row!.n;
    },
  };
}
