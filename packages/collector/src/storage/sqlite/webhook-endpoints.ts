// Webhook endpoints as stored: where a site's changes are POSTed, what each listens to, and how its rounds of attempts went.
import type { Db } from './database.js';
import type { WebhookStore } from '../webhooks.js';
import type { Freshness } from './freshness.js';
import type { ActiveEndpoint, WebhookEndpoint, WebhookType } from '../../model/webhook.js';

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

/** The endpoint half of the webhooks group. */
export type EndpointStore = Pick<WebhookStore, 'active' | 'list' | 'find' | 'insert' | 'update' | 'delete' | 'round' | 'hold'>;

export function sqliteEndpoints(db: Db, fresh: Freshness): EndpointStore {
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
  const removeEndpoint = db.prepare<[number, number]>('DELETE FROM webhook_endpoints WHERE site_id = ? AND id = ?');
  const pending = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM webhook_outbox WHERE endpoint_id = ? AND done_at IS NULL');
  const roundFailed = db.prepare<[number], number>('UPDATE webhook_endpoints SET failures = failures + 1 WHERE id = ? RETURNING failures').pluck();
  const hold = db.prepare<[number | null, number]>('UPDATE webhook_endpoints SET held_until = ? WHERE id = ?');
  const roundAnswered = db.prepare<[number]>('UPDATE webhook_endpoints SET failures = 0, held_until = NULL WHERE id = ? AND failures > 0');
  const pause = db.prepare<[number]>('UPDATE webhook_outbox SET next_at = NULL WHERE endpoint_id = ? AND done_at IS NULL AND next_at IS NOT NULL');
  const resume = db.prepare<[number, number]>(
    `UPDATE webhook_outbox SET next_at = ? WHERE id IN (
       SELECT min(id) FROM webhook_outbox WHERE endpoint_id = ? AND done_at IS NULL GROUP BY profile_id
     )`,
  );

  // Every batch looks up its site's endpoints: they are read from SQLite only after they change.
  // This connection's own writes clear the copy, and so does another's commit (freshness.ts).
  const active = new Map<number, readonly ActiveEndpoint[]>();
  fresh.onChange(() => active.clear());
  const changed = <T>(result: T): T => (active.clear(), result);

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
    /** Deletes an endpoint with its outbox rows, sent or not. */
    delete(siteId: number, id: number): boolean {
      return changed(removeEndpoint.run(siteId, id).changes === 1);
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
  };
}
