// Webhook endpoints as stored: where a site's changes are POSTed, what each listens to, and how its rounds of attempts went.
import type { Db } from './database.js';
import type { EndpointStore } from '../webhooks.js';
import type { Freshness } from './freshness.js';
import type { ActiveEndpoint, EndpointSettings, WebhookEndpoint, WebhookType } from '../../model/webhook.js';
import { endpointFromRow, type EndpointRow as EndpointRowOf } from '../webhook-rows.js';

type EndpointRow = EndpointRowOf<string>;

// Each endpoint with the segments it chose, as one row.
const segmentIds = '(SELECT json_group_array(segment_id) FROM webhook_segments WHERE site_id = e.site_id AND endpoint_id = e.id) AS segment_ids';
const endpointRow = `SELECT e.*, ${segmentIds} FROM webhook_endpoints e`;

const chosenSegments = (row: Pick<EndpointRow, 'chosen_segments' | 'segment_ids'>): number[] | null =>
  row.chosen_segments === 1 ? (JSON.parse(row.segment_ids) as number[]).sort((a, b) => a - b) : null;

const toEndpoint = (row: EndpointRow): WebhookEndpoint => endpointFromRow(row, chosenSegments(row));

export function sqliteEndpoints(db: Db, fresh: Freshness): EndpointStore {
  const bySite = db.prepare<[number], EndpointRow>(`${endpointRow} WHERE e.site_id = ? ORDER BY e.id`);
  const byId = db.prepare<[number, number], EndpointRow>(`${endpointRow} WHERE e.site_id = ? AND e.id = ?`);
  const activeOfSite = db.prepare<[number], { id: number; events: string; key: string; chosen_segments: number; segment_ids: string }>(
    `SELECT e.id, e.events, e.chosen_segments, s.key, ${segmentIds}
     FROM webhook_endpoints e JOIN sites s ON s.id = e.site_id
     WHERE e.site_id = ? AND e.enabled = 1 ORDER BY e.id`,
  );
  const insertEndpoint = db.prepare<[number, string, string, string, number, number, number], number>(
    'INSERT INTO webhook_endpoints (site_id, url, secret, events, chosen_segments, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
  ).pluck();
  const updateEndpoint = db.prepare<[string, string, number, number, number, number]>(
    // An admin's change (a fixed URL, turned back on) is worth trying at once: the hold goes.
    'UPDATE webhook_endpoints SET url = ?, events = ?, chosen_segments = ?, enabled = ?, failures = 0, held_until = NULL WHERE site_id = ? AND id = ?',
  );
  const forgetSegments = db.prepare<[number, number]>('DELETE FROM webhook_segments WHERE site_id = ? AND endpoint_id = ?');
  // Only the site's own segments: an id of another site's is dropped, as if it had just been deleted.
  const chooseSegment = db.prepare<[number, number, number]>(
    'INSERT OR IGNORE INTO webhook_segments (site_id, endpoint_id, segment_id) SELECT site_id, ?, id FROM segments WHERE site_id = ? AND id = ?',
  );
  const choose = (siteId: number, id: number, segments: readonly number[] | null) => {
    forgetSegments.run(siteId, id);
    for (const segment of segments ?? []) chooseSegment.run(id, siteId, segment);
  };
  const removeEndpoint = db.prepare<[number, number]>('DELETE FROM webhook_endpoints WHERE site_id = ? AND id = ?');
  const pending = db.prepare<[number, number], { n: number }>('SELECT count(*) AS n FROM webhook_outbox WHERE site_id = ? AND endpoint_id = ? AND done_at IS NULL');
  const roundFailed = db.prepare<[number, number], number>('UPDATE webhook_endpoints SET failures = failures + 1 WHERE site_id = ? AND id = ? RETURNING failures').pluck();
  const hold = db.prepare<[number | null, number, number]>('UPDATE webhook_endpoints SET held_until = ? WHERE site_id = ? AND id = ?');
  const roundAnswered = db.prepare<[number, number]>('UPDATE webhook_endpoints SET failures = 0, held_until = NULL WHERE site_id = ? AND id = ? AND failures > 0');
  const pause = db.prepare<[number, number]>(
    'UPDATE webhook_outbox SET next_at = NULL WHERE site_id = ? AND endpoint_id = ? AND done_at IS NULL AND next_at IS NOT NULL',
  );
  const resume = db.prepare<[number, number, number]>(
    `UPDATE webhook_outbox SET next_at = ? WHERE id IN (
       SELECT min(id) FROM webhook_outbox WHERE site_id = ? AND endpoint_id = ? AND done_at IS NULL GROUP BY profile_id
     )`,
  );

  // Every batch looks up its site's endpoints: they are read from SQLite only after they change.
  // This connection's own writes clear the copy, and so does another's commit (freshness.ts).
  const active = fresh.perSite((siteId): readonly ActiveEndpoint[] =>
    activeOfSite.all(siteId).map((row) => {
      const segments = chosenSegments(row);
      return { id: row.id, siteKey: row.key, events: new Set(JSON.parse(row.events) as WebhookType[]), segments: segments && new Set(segments) };
    }),
  );
  const { changed } = active;

  return {
    /** The site's enabled endpoints, from memory unless they changed. */
    active: async (siteId: number) => active.get(siteId),
    async list(siteId: number): Promise<(WebhookEndpoint & { pending: number })[]> {
      return bySite.all(siteId).map((row) => ({ ...toEndpoint(row), pending: pending.get(siteId, row.id)!.n }));
    },
    async find(siteId: number, id: number): Promise<WebhookEndpoint | undefined> {
      const row = byId.get(siteId, id);
      return row && toEndpoint(row);
    },
    async insert(siteId: number, endpoint: EndpointSettings & { secret: string }, now: number): Promise<WebhookEndpoint> {
      const { url, secret, events, segments, enabled } = endpoint;
      return db.transaction(() => {
        const id = insertEndpoint.get(siteId, url, secret, JSON.stringify(events), segments ? 1 : 0, enabled ? 1 : 0, now)!;
        choose(siteId, id, segments);
        return changed(toEndpoint(byId.get(siteId, id)!));
      })();
    },
    /** Changes an endpoint; turning it off holds its unsent rows, turning it on sends each profile's first one now. */
    async update(siteId: number, id: number, endpoint: EndpointSettings, now: number): Promise<WebhookEndpoint | undefined> {
      return db.transaction(() => {
        const before = byId.get(siteId, id);
        if (!before) return undefined;
        updateEndpoint.run(endpoint.url, JSON.stringify(endpoint.events), endpoint.segments ? 1 : 0, endpoint.enabled ? 1 : 0, siteId, id);
        choose(siteId, id, endpoint.segments);
        if (before.enabled === 1 && !endpoint.enabled) pause.run(siteId, id);
        if (before.enabled === 0 && endpoint.enabled) resume.run(now, siteId, id);
        return changed(toEndpoint(byId.get(siteId, id)!));
      })();
    },
    /** Deletes an endpoint with its outbox rows, sent or not. */
    async delete(siteId: number, id: number): Promise<boolean> {
      return changed(removeEndpoint.run(siteId, id).changes === 1);
    },
    /** How a round of attempts to an endpoint went: any 2xx ends its run of failed rounds, else the run grows; returns the run. */
    async round(siteId: number, endpointId: number, answered: boolean): Promise<number> {
      if (!answered) return roundFailed.get(siteId, endpointId)!;
      roundAnswered.run(siteId, endpointId);
      return 0;
    },
    /** Leaves the endpoint alone until `until` (its rounds keep failing). */
    hold(siteId: number, endpointId: number, until: number): void {
      hold.run(until, siteId, endpointId);
    },
  };
}
