// Webhook endpoints and their outbox: one row per change and endpoint, sent in order per endpoint and profile.
import type { Db } from './database.js';
import type { Freshness } from './freshness.js';
import type { ActiveEndpoint, DueWebhook, OutboxRow, WebhookAttempt, WebhookEndpoint, WebhookType } from '../../model/webhook.js';

interface EndpointRow {
  id: number;
  site_id: number;
  url: string;
  secret: string;
  events: string;
  enabled: number;
  created_at: number;
  delivered: number;
  failed: number;
  failures: number;
  held_until: number | null;
}

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  siteId: row.site_id,
  url: row.url,
  events: JSON.parse(row.events) as WebhookType[],
  enabled: row.enabled === 1,
  createdAt: row.created_at,
  delivered: row.delivered,
  failed: row.failed,
  failures: row.failures,
  heldUntil: row.held_until,
});

const attemptColumns = `id, delivery_id AS deliveryId, type, state, profile_id AS profileId, created_at AS createdAt, attempts,
  last_status AS lastStatus, last_error AS lastError, last_at AS lastAt, next_at AS nextAt, body`;

export function sqliteWebhooks(db: Db, fresh: Freshness) {
  const bySite = db.prepare<[number], EndpointRow>('SELECT * FROM webhook_endpoints WHERE site_id = ? ORDER BY id');
  const byId = db.prepare<[number, number], EndpointRow>('SELECT * FROM webhook_endpoints WHERE site_id = ? AND id = ?');
  const activeOfSite = db.prepare<[number], { id: number; events: string; key: string }>(
    `SELECT e.id, e.events, s.key FROM webhook_endpoints e JOIN sites s ON s.id = e.site_id
     WHERE e.site_id = ? AND e.enabled = 1 ORDER BY e.id`,
  );
  const insertEndpoint = db.prepare<[number, string, string, string, number, number], EndpointRow>(
    'INSERT INTO webhook_endpoints (site_id, url, secret, events, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *',
  );
  const updateEndpoint = db.prepare<[string, string, number, number, number], EndpointRow>(
    // An admin's change (a fixed URL, turned back on) is worth trying at once: the hold goes.
    'UPDATE webhook_endpoints SET url = ?, events = ?, enabled = ?, failures = 0, held_until = NULL WHERE site_id = ? AND id = ? RETURNING *',
  );
  const removeProfileRows = db.prepare<[number]>('DELETE FROM webhook_outbox WHERE profile_id = ?');
  const removeEndpoint = db.prepare<[number, number]>('DELETE FROM webhook_endpoints WHERE site_id = ? AND id = ?');
  const pending = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM webhook_outbox WHERE endpoint_id = ? AND done_at IS NULL');

  const queued = db.prepare<[number, number]>('SELECT 1 FROM webhook_outbox WHERE endpoint_id = ? AND profile_id = ? AND done_at IS NULL LIMIT 1');
  const insertRow = db.prepare<[number, number, string, string, string, number, number | null]>(
    'INSERT INTO webhook_outbox (endpoint_id, profile_id, delivery_id, type, body, created_at, next_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const ready = db.prepare<[number], { id: number }>(
    'SELECT id FROM webhook_endpoints WHERE enabled = 1 AND (held_until IS NULL OR held_until <= ?)',
  );
  const due = db.prepare<[number, number, number], DueWebhook>(
    `SELECT o.id, o.endpoint_id AS endpointId, e.url, e.secret, o.delivery_id AS deliveryId, o.body, o.created_at AS createdAt, o.attempts
     FROM webhook_outbox o JOIN webhook_endpoints e ON e.id = o.endpoint_id WHERE o.endpoint_id = ? AND o.next_at <= ? ORDER BY o.next_at LIMIT ?`,
  );
  const roundFailed = db.prepare<[number], number>('UPDATE webhook_endpoints SET failures = failures + 1 WHERE id = ? RETURNING failures').pluck();
  const hold = db.prepare<[number | null, number]>('UPDATE webhook_endpoints SET held_until = ? WHERE id = ?');
  const roundAnswered = db.prepare<[number]>('UPDATE webhook_endpoints SET failures = 0, held_until = NULL WHERE id = ? AND failures > 0');
  const lease = db.prepare<[number, number]>('UPDATE webhook_outbox SET next_at = ? WHERE id = ?');
  const finish = db.prepare<[string, number | null, string | null, number, number, number], { endpoint_id: number; profile_id: number }>(
    `UPDATE webhook_outbox SET state = ?, next_at = NULL, attempts = attempts + 1, last_status = ?, last_error = ?, last_at = ?, done_at = ?
     WHERE id = ? AND done_at IS NULL RETURNING endpoint_id, profile_id`,
  );
  const retry = db.prepare<[number | null, string | null, number, number, number]>(
    `UPDATE webhook_outbox SET state = 'retrying', attempts = attempts + 1, last_status = ?, last_error = ?, last_at = ?,
       next_at = CASE WHEN (SELECT enabled FROM webhook_endpoints WHERE id = endpoint_id) = 1 THEN ? END
     WHERE id = ? AND done_at IS NULL`,
  );
  const countDelivered = db.prepare<[number]>('UPDATE webhook_endpoints SET delivered = delivered + 1 WHERE id = ?');
  const countFailed = db.prepare<[number]>('UPDATE webhook_endpoints SET failed = failed + 1 WHERE id = ?');
  const promote = db.prepare<[number, number, number, number]>(
    `UPDATE webhook_outbox SET next_at = ? WHERE id = (
       SELECT id FROM webhook_outbox WHERE endpoint_id = ? AND profile_id = ? AND done_at IS NULL ORDER BY id LIMIT 1
     ) AND (SELECT enabled FROM webhook_endpoints WHERE id = ?) = 1`,
  );
  const pause = db.prepare<[number]>('UPDATE webhook_outbox SET next_at = NULL WHERE endpoint_id = ? AND done_at IS NULL AND next_at IS NOT NULL');
  const resume = db.prepare<[number, number]>(
    `UPDATE webhook_outbox SET next_at = ? WHERE id IN (
       SELECT min(id) FROM webhook_outbox WHERE endpoint_id = ? AND done_at IS NULL GROUP BY profile_id
     )`,
  );
  const recentDelivered = db.prepare<[number, number], WebhookAttempt>(
    `SELECT ${attemptColumns} FROM webhook_outbox WHERE endpoint_id = ? AND state = 'delivered' ORDER BY done_at DESC LIMIT ?`,
  );
  const recentTroubled = db.prepare<[number, number], WebhookAttempt>(
    `SELECT ${attemptColumns} FROM webhook_outbox WHERE endpoint_id = ? AND state IN ('retrying', 'failed') ORDER BY last_at DESC LIMIT ?`,
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

  // Every batch looks up its site's endpoints: they are read from SQLite only after they change.
  // This connection's own writes clear the copy, and so does another's commit (freshness.ts).
  const active = new Map<number, readonly ActiveEndpoint[]>();
  fresh.onChange(() => active.clear());
  const changed = <T>(result: T): T => (active.clear(), result);
  const finished = (id: number, state: 'delivered' | 'failed', status: number | null, error: string | null, now: number): void => {
    const row = finish.get(state, status, error, now, now, id);
    if (!row) return;
    (state === 'delivered' ? countDelivered : countFailed).run(row.endpoint_id);
    promote.run(now, row.endpoint_id, row.profile_id, row.endpoint_id);
  };

  return {
    /** The site's enabled endpoints, from memory unless they changed. */
    active(siteId: number): readonly ActiveEndpoint[] {
      fresh.check();
      let endpoints = active.get(siteId);
      if (!endpoints) {
        endpoints = activeOfSite.all(siteId).map((row) => ({ id: row.id, siteKey: row.key, events: new Set(JSON.parse(row.events) as WebhookType[]) }));
        active.set(siteId, endpoints);
      }
      return endpoints;
    },
    list(siteId: number): (WebhookEndpoint & { pending: number })[] {
      return bySite.all(siteId).map((row) => ({ ...toEndpoint(row), pending: pending.get(row.id)!.n }));
    },
    find(siteId: number, id: number): WebhookEndpoint | undefined {
      const row = byId.get(siteId, id);
      return row && toEndpoint(row);
    },
    insert(siteId: number, endpoint: { url: string; secret: string; events: WebhookType[]; enabled: boolean }, now: number): WebhookEndpoint {
      const { url, secret, events, enabled } = endpoint;
      return changed(toEndpoint(insertEndpoint.get(siteId, url, secret, JSON.stringify(events), enabled ? 1 : 0, now)!));
    },
    /** Changes an endpoint; turning it off holds its unsent rows, turning it on sends each profile's first one now. */
    update(siteId: number, id: number, endpoint: { url: string; events: WebhookType[]; enabled: boolean }, now: number): WebhookEndpoint | undefined {
      const before = byId.get(siteId, id);
      if (!before) return undefined;
      const row = updateEndpoint.get(endpoint.url, JSON.stringify(endpoint.events), endpoint.enabled ? 1 : 0, siteId, id)!;
      if (before.enabled === 1 && !endpoint.enabled) pause.run(id);
      if (before.enabled === 0 && endpoint.enabled) resume.run(now, id);
      return changed(toEndpoint(row));
    },
    /** Deletes every outbox row about a profile, sent or not, for every endpoint. */
    forgetProfile(profileId: number): void {
      removeProfileRows.run(profileId);
    },
    /** Deletes an endpoint with its outbox rows, sent or not. */
    delete(siteId: number, id: number): boolean {
      return changed(removeEndpoint.run(siteId, id).changes === 1);
    },
    /** Queues changes, each for an endpoint: due now, unless an earlier one of the same profile is still unfinished there. */
    queue(rows: readonly OutboxRow[], now: number): void {
      for (const { endpointId, profileId, deliveryId, type, body } of rows) {
        const behind = queued.get(endpointId, profileId) !== undefined;
        insertRow.run(endpointId, profileId, deliveryId, type, body, now, behind ? null : now);
      }
    },
    /** Each endpoint not on hold: up to `limit` of its rows due by `now`, earliest first, each held until `leaseUntil` so that no other pass sends it meanwhile. */
    claim(now: number, leaseUntil: number, limit: number): DueWebhook[] {
      const rows = ready.all(now).flatMap(({ id }) => due.all(id, now, limit));
      for (const row of rows) lease.run(leaseUntil, row.id);
      return rows;
    },
    /** How a round of attempts to an endpoint went: any 2xx ends its run of failed rounds, else the run grows; returns the run. */
    round(endpointId: number, answered: boolean): number {
      if (!answered) return roundFailed.get(endpointId)!;
      roundAnswered.run(endpointId);
      return 0;
    },
    /** Leaves the endpoint alone until `until` (its rounds keep failing). */
    hold(endpointId: number, until: number): void {
      hold.run(until, endpointId);
    },
    /** A 2xx: the row is done and the profile's next row for the endpoint is due now. */
    delivered(id: number, status: number, now: number): void {
      finished(id, 'delivered', status, null, now);
    },
    /** Given up for good: done too, so the profile's next row goes ahead. */
    failed(id: number, status: number | null, error: string | null, now: number): void {
      finished(id, 'failed', status, error, now);
    },
    retry(id: number, status: number | null, error: string | null, now: number, nextAt: number): void {
      retry.run(status, error, now, nextAt, id);
    },
    recentDeliveries(endpointId: number, limit: number): WebhookAttempt[] {
      return recentDelivered.all(endpointId, limit);
    },
    /** Rows whose last attempt failed: still retrying, or failed for good. */
    troubled(endpointId: number, limit: number): WebhookAttempt[] {
      return recentTroubled.all(endpointId, limit);
    },
    /** Deletes up to `limit` finished rows per endpoint that finished before `before`; returns how many. */
    prune(before: number, limit: number): number {
      let removed = 0;
      for (const { id } of allEndpointIds.all()) {
        removed += pruneDelivered.run(id, before, limit).changes + pruneFailed.run(id, before, limit).changes;
      }
      return removed;
    },
  };
}
