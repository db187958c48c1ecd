// Webhook endpoints on PostgreSQL: where a site's changes are POSTed, what each listens to, and how its rounds of attempts went.
import type { Sql } from './sql.js';
import type { Copies } from './copies.js';
import type { EndpointStore } from '../webhooks.js';
import type { ActiveEndpoint, WebhookEndpoint, WebhookType } from '../../model/webhook.js';
import { endpointFromRow, type EndpointRow as EndpointRowOf } from '../webhook-rows.js';

type EndpointRow = EndpointRowOf<number[]>;

// The chosen segments' ids in order, as a JSON array (pg parses json; a BIGINT[] would come back as strings).
const segmentIds = `(SELECT coalesce(json_agg(segment_id ORDER BY segment_id), '[]') FROM webhook_segments WHERE site_id = e.site_id AND endpoint_id = e.id) AS segment_ids`;
// Each endpoint with the segments it chose, as one row.
const endpointRow = `SELECT e.id, e.site_id, e.url, e.secret, e.events, e.enabled, e.created_at, e.delivered, e.failed, e.failures, e.held_until, e.chosen_segments,
  ${segmentIds} FROM webhook_endpoints e`;

const chosenSegments = (row: Pick<EndpointRow, 'chosen_segments' | 'segment_ids'>): number[] | null => (row.chosen_segments === 1 ? row.segment_ids : null);

const toEndpoint = (row: EndpointRow): WebhookEndpoint => endpointFromRow(row, chosenSegments(row));

export function pgEndpoints(sql: Sql, copies: Copies): EndpointStore {
  const byId = async (siteId: number, id: number) => {
    const row = await sql.row<EndpointRow>(`${endpointRow} WHERE e.site_id = $1 AND e.id = $2`, [siteId, id]);
    return row && toEndpoint(row);
  };
  // Only the site's own segments: an id of another site's is dropped, as if it had just been deleted.
  const choose = (siteId: number, id: number, segments: readonly number[] | null) => {
    sql.run('DELETE FROM webhook_segments WHERE site_id = $1 AND endpoint_id = $2', [siteId, id]);
    if (segments?.length) {
      sql.run('INSERT INTO webhook_segments (site_id, endpoint_id, segment_id) SELECT site_id, $1, id FROM segments WHERE site_id = $2 AND id = ANY($3::bigint[]) ON CONFLICT DO NOTHING', [
        id,
        siteId,
        segments,
      ]);
    }
  };

  // Every batch looks up its site's endpoints: they are read only after they change, here or in another collector.
  const active = copies.perSite('webhooks.active', async (siteId): Promise<readonly ActiveEndpoint[]> => {
    const rows = await sql.rows<Pick<EndpointRow, 'id' | 'events' | 'chosen_segments' | 'segment_ids'> & { key: string }>(
      `SELECT e.id, e.events, e.chosen_segments, s.key, ${segmentIds}
       FROM webhook_endpoints e JOIN sites s ON s.id = e.site_id
       WHERE e.site_id = $1 AND e.enabled = 1 ORDER BY e.id`,
      [siteId],
    );
    return rows.map((row) => {
      const segments = chosenSegments(row);
      return { id: row.id, siteKey: row.key, events: new Set(JSON.parse(row.events) as WebhookType[]), segments: segments && new Set(segments) };
    });
  });
  const { changed } = active;

  return {
    active: (siteId) => active.get(siteId),
    async list(siteId) {
      const rows = await sql.rows<EndpointRow & { pending: number }>(
        `SELECT e.*, (SELECT count(*) FROM webhook_outbox WHERE site_id = e.site_id AND endpoint_id = e.id AND done_at IS NULL) AS pending
         FROM (${endpointRow} WHERE e.site_id = $1) e ORDER BY e.id`,
        [siteId],
      );
      return rows.map((row) => ({ ...toEndpoint(row), pending: row.pending }));
    },
    find: byId,
    async insert(siteId, { url, secret, events, segments, enabled }, now) {
      const { id } = (await sql.row<{ id: number }>(
        'INSERT INTO webhook_endpoints (site_id, url, secret, events, chosen_segments, enabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
        [siteId, url, secret, JSON.stringify(events), segments ? 1 : 0, enabled ? 1 : 0, now],
      ))!;
      choose(siteId, id, segments);
      return changed((await byId(siteId, id))!);
    },
    /**
     * The endpoint's row is locked before its outbox rows, as an answer locks it (webhook-outbox.ts):
     * an answer arriving while the endpoint is turned off or on waits for the change or is waited for,
     * so the answer sees whether the endpoint is on and the change sees which rows are still unsent.
     */
    async update(siteId, id, endpoint, now) {
      const before = await sql.row<{ enabled: number }>('SELECT enabled FROM webhook_endpoints WHERE site_id = $1 AND id = $2 FOR NO KEY UPDATE', [siteId, id]);
      if (!before) return undefined;
      // An admin's change (a fixed URL, turned back on) is worth trying at once: the hold goes.
      sql.run('UPDATE webhook_endpoints SET url = $1, events = $2, chosen_segments = $3, enabled = $4, failures = 0, held_until = NULL WHERE site_id = $5 AND id = $6', [
        endpoint.url,
        JSON.stringify(endpoint.events),
        endpoint.segments ? 1 : 0,
        endpoint.enabled ? 1 : 0,
        siteId,
        id,
      ]);
      choose(siteId, id, endpoint.segments);
      if (before.enabled === 1 && !endpoint.enabled) {
        sql.run('UPDATE webhook_outbox SET next_at = NULL WHERE site_id = $1 AND endpoint_id = $2 AND done_at IS NULL AND next_at IS NOT NULL', [siteId, id]);
      }
      if (before.enabled === 0 && endpoint.enabled) {
        sql.run(
          `UPDATE webhook_outbox SET next_at = $1 WHERE site_id = $2 AND id IN (
             SELECT min(id) FROM webhook_outbox WHERE site_id = $2 AND endpoint_id = $3 AND done_at IS NULL GROUP BY profile_id
           )`,
          [now, siteId, id],
        );
      }
      return changed((await byId(siteId, id))!);
    },
    async delete(siteId, id) {
      return changed((await sql.rows('DELETE FROM webhook_endpoints WHERE site_id = $1 AND id = $2 RETURNING 1', [siteId, id])).length === 1);
    },
    async round(siteId, endpointId, answered) {
      if (answered) {
        sql.run('UPDATE webhook_endpoints SET failures = 0, held_until = NULL WHERE site_id = $1 AND id = $2 AND failures > 0', [siteId, endpointId]);
        return 0;
      }
      const row = await sql.row<{ failures: number }>('UPDATE webhook_endpoints SET failures = failures + 1 WHERE site_id = $1 AND id = $2 RETURNING failures', [
        siteId,
        endpointId,
      ]);
      // An endpoint deleted meanwhile has no run: undefined, as on SQLite.
      return row?.failures as number;
    },
    hold(siteId, endpointId, until) {
      sql.run('UPDATE webhook_endpoints SET held_until = $1 WHERE site_id = $2 AND id = $3', [until, siteId, endpointId]);
    },
  };
}
