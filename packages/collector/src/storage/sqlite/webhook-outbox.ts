// The webhook outbox as stored: one row per change and endpoint, claimed, answered and pruned, in order per endpoint and person.
import type { Db } from './database.js';
import type { OutboxStore } from '../webhooks.js';
import type { DueWebhook, OutboxRow, WebhookAttempt } from '../../model/webhook.js';

const attemptColumns = `id, delivery_id AS deliveryId, type, state, profile_id AS profileId, created_at AS createdAt, attempts,
  last_status AS lastStatus, last_error AS lastError, last_at AS lastAt, next_at AS nextAt, body`;

export function sqliteOutbox(db: Db): OutboxStore {
  const removeProfileRows = db.prepare<[number, number]>('DELETE FROM webhook_outbox WHERE site_id = ? AND profile_id = ?');
  const queued = db.prepare<[number, number]>('SELECT 1 FROM webhook_outbox WHERE endpoint_id = ? AND profile_id = ? AND done_at IS NULL LIMIT 1');
  const insertRow = db.prepare<[number, number, number, string, string, string, number, number | null]>(
    'INSERT INTO webhook_outbox (site_id, endpoint_id, profile_id, delivery_id, type, body, created_at, next_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const ready = db.prepare<[number], { id: number }>(
    'SELECT id FROM webhook_endpoints WHERE enabled = 1 AND (held_until IS NULL OR held_until <= ?)',
  );
  const due = db.prepare<[number, number, number], DueWebhook>(
    `SELECT o.id, o.site_id AS siteId, o.endpoint_id AS endpointId, e.url, e.secret, o.delivery_id AS deliveryId, o.body, o.created_at AS createdAt, o.attempts
     FROM webhook_outbox o JOIN webhook_endpoints e ON e.site_id = o.site_id AND e.id = o.endpoint_id
     WHERE o.endpoint_id = ? AND o.next_at <= ? ORDER BY o.next_at LIMIT ?`,
  );
  const lease = db.prepare<[number, number]>('UPDATE webhook_outbox SET next_at = ? WHERE id = ?');
  const finish = db.prepare<[string, number | null, string | null, number, number, number, number], { endpoint_id: number; profile_id: number }>(
    `UPDATE webhook_outbox SET state = ?, next_at = NULL, attempts = attempts + 1, last_status = ?, last_error = ?, last_at = ?, done_at = ?
     WHERE site_id = ? AND id = ? AND done_at IS NULL RETURNING endpoint_id, profile_id`,
  );
  const retry = db.prepare<[number | null, string | null, number, number, number, number]>(
    `UPDATE webhook_outbox SET state = 'retrying', attempts = attempts + 1, last_status = ?, last_error = ?, last_at = ?,
       next_at = CASE WHEN (SELECT enabled FROM webhook_endpoints e WHERE e.site_id = webhook_outbox.site_id AND e.id = endpoint_id) = 1 THEN ? END
     WHERE site_id = ? AND id = ? AND done_at IS NULL`,
  );
  const countDelivered = db.prepare<[number, number]>('UPDATE webhook_endpoints SET delivered = delivered + 1 WHERE site_id = ? AND id = ?');
  const countFailed = db.prepare<[number, number]>('UPDATE webhook_endpoints SET failed = failed + 1 WHERE site_id = ? AND id = ?');
  const promote = db.prepare<{ now: number; siteId: number; endpointId: number; profileId: number }>(
    `UPDATE webhook_outbox SET next_at = @now WHERE id = (
       SELECT id FROM webhook_outbox WHERE endpoint_id = @endpointId AND profile_id = @profileId AND done_at IS NULL ORDER BY id LIMIT 1
     ) AND (SELECT enabled FROM webhook_endpoints WHERE site_id = @siteId AND id = @endpointId) = 1`,
  );
  const recentDelivered = db.prepare<[number, number, number], WebhookAttempt>(
    `SELECT ${attemptColumns} FROM webhook_outbox WHERE site_id = ? AND endpoint_id = ? AND state = 'delivered' ORDER BY done_at DESC LIMIT ?`,
  );
  const recentTroubled = db.prepare<[number, number, number], WebhookAttempt>(
    `SELECT ${attemptColumns} FROM webhook_outbox WHERE site_id = ? AND endpoint_id = ? AND state IN ('retrying', 'failed') ORDER BY last_at DESC LIMIT ?`,
  );
  const pruneDelivered = db.prepare<[number, number, number]>(
    `DELETE FROM webhook_outbox WHERE id IN (
       SELECT id FROM webhook_outbox WHERE endpoint_id = ? AND state = 'delivered' AND done_at < ? LIMIT ?
     )`,
  );
  // The state IN (...) term is the partial index's own: without it SQLite would not use the index.
  const pruneFailed = db.prepare<[number, number, number]>(
    `DELETE FROM webhook_outbox WHERE id IN (
       SELECT id FROM webhook_outbox WHERE endpoint_id = ? AND state IN ('retrying', 'failed') AND last_at < ? AND state = 'failed' LIMIT ?
     )`,
  );
  const allEndpointIds = db.prepare<[], { id: number }>('SELECT id FROM webhook_endpoints');

  const finished = (siteId: number, id: number, state: 'delivered' | 'failed', status: number | null, error: string | null, now: number): void => {
    const row = finish.get(state, status, error, now, now, siteId, id);
    if (!row) return;
    (state === 'delivered' ? countDelivered : countFailed).run(siteId, row.endpoint_id);
    promote.run({ now, siteId, endpointId: row.endpoint_id, profileId: row.profile_id });
  };


  return {
    /** Deletes every outbox row about a profile, sent or not, for every endpoint. */
    forgetProfile(siteId: number, profileId: number): void {
      removeProfileRows.run(siteId, profileId);
    },
    /** Queues changes, each for an endpoint: due now, unless an earlier one of the same profile is still unfinished there. */
    queue(rows: readonly OutboxRow[], now: number): void {
      for (const { siteId, endpointId, profileId, deliveryId, type, body } of rows) {
        const behind = queued.get(endpointId, profileId) !== undefined;
        insertRow.run(siteId, endpointId, profileId, deliveryId, type, body, now, behind ? null : now);
      }
    },
    /** Each endpoint not on hold: up to `limit` of its rows due by `now`, earliest first, each held until `leaseUntil` so that no other pass sends it meanwhile. */
    async claim(now: number, leaseUntil: number, limit: number): Promise<DueWebhook[]> {
      const rows = ready.all(now).flatMap(({ id }) => due.all(id, now, limit));
      for (const row of rows) lease.run(leaseUntil, row.id);
      return rows;
    },
    /** A 2xx: the row is done and the profile's next row for the endpoint is due now. */
    delivered(siteId: number, id: number, status: number, now: number): void {
      finished(siteId, id, 'delivered', status, null, now);
    },
    /** Given up for good: done too, so the profile's next row goes ahead. */
    failed(siteId: number, id: number, status: number | null, error: string | null, now: number): void {
      finished(siteId, id, 'failed', status, error, now);
    },
    retry(siteId: number, id: number, status: number | null, error: string | null, now: number, nextAt: number): void {
      retry.run(status, error, now, nextAt, siteId, id);
    },
    async recentDeliveries(siteId: number, endpointId: number, limit: number): Promise<WebhookAttempt[]> {
      return recentDelivered.all(siteId, endpointId, limit);
    },
    /** Rows whose last attempt failed: still retrying, or failed for good. */
    async troubled(siteId: number, endpointId: number, limit: number): Promise<WebhookAttempt[]> {
      return recentTroubled.all(siteId, endpointId, limit);
    },
    /** Deletes up to `limit` finished rows per endpoint that finished before `before`; returns how many. */
    async prune(before: number, limit: number): Promise<number> {
      let removed = 0;
      for (const { id } of allEndpointIds.all()) {
        removed += pruneDelivered.run(id, before, limit).changes + pruneFailed.run(id, before, limit).changes;
      }
      return removed;
    },
  };
}
