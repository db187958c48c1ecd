import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { day, scoringSetup, start } from '../testing/scoring.js';
import { openStore } from '../storage/store.js';
import { defaultProfileRules } from '../profiles/rules.js';
import { sweepDue } from '../engine/settle-pass.js';
import { addWebhookEndpoint, changeWebhookEndpoint, newEndpointSchema } from './endpoints.js';
import { accepted } from '../validation.js';
import type { WebhookPayload } from '../model/webhook.js';

/** What the outbox holds, read over a connection of its own as a receiver of the file would. */
function outboxOf(path: string) {
  const db = new Database(path, { readonly: true });
  const rows = db.prepare('SELECT endpoint_id AS endpointId, profile_id AS profileId, type, body, next_at AS nextAt FROM webhook_outbox ORDER BY id').all() as {
    endpointId: number;
    profileId: number;
    type: string;
    body: string;
    nextAt: number | null;
  }[];
  const changes = (db.prepare('SELECT (SELECT count(*) FROM segment_changes) + (SELECT count(*) FROM lifecycle_changes) AS n').get() as { n: number }).n;
  db.close();
  return { rows: rows.map((row) => ({ ...row, payload: JSON.parse(row.body) as WebhookPayload })), changes };
}

describe('the webhook outbox', () => {
  it('stays empty when the site has no endpoint, while entries, exits and group changes are recorded', async () => {
    const { store, path, send, segment } = await scoringSetup();
    await segment('Buyers', { event: 'purchase', withinDays: 7, count: { gte: 1 } }, start);
    await send(start, { name: 'purchase', visitor: 'a' }, { name: 'page', visitor: 'b' });
    await store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, start + 9 * day));
    const { rows, changes } = outboxOf(path);
    expect(changes).toBeGreaterThanOrEqual(4); // a enters and leaves; a and b leave "new"
    expect(rows).toEqual([]);
  });

  it('gets one row per change an endpoint listens to, from ingest and the sweeper, in the same transaction', async () => {
    const { store, path, site, send, profile, segment: saveSegment } = await scoringSetup();
    const segment = await saveSegment('<img src=x onerror=alert(1)>', { event: 'purchase', withinDays: 7, count: { gte: 1 } }, start);
    const add = async (body: object) => accepted(await addWebhookEndpoint(store, site.id, newEndpointSchema.parse(body), start));
    const all = await add({ url: 'http://127.0.0.1:9/all' });
    const entries = await add({ url: 'http://127.0.0.1:9/in', events: ['segment.entered'] });
    const off = await add({ url: 'http://127.0.0.1:9/off', enabled: false });

    await send(start, { name: 'purchase', visitor: 'a', user: 'u-1' }); // enters the segment
    await store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, start + 7 * day)); // new → passive, and out of the 7-day window

    const { rows, changes } = outboxOf(path);
    expect(changes).toBe(3);
    const id = (await profile('a')).id;
    const at = (t: number) => new Date(t).toISOString();
    expect(rows.filter((r) => r.endpointId === all.id).map((r) => r.payload)).toEqual([
      { id: expect.any(String), type: 'segment.entered', site: 'shop', occurred_at: at(start), profile: { id, user_id: 'u-1' }, segment: { id: segment.id, name: segment.name } },
      { id: expect.any(String), type: 'group.changed', site: 'shop', occurred_at: at(start + 7 * day), profile: { id, user_id: 'u-1' }, group: { from: 'new', to: 'passive' } },
      { id: expect.any(String), type: 'segment.exited', site: 'shop', occurred_at: at(start + 7 * day), profile: { id, user_id: 'u-1' }, segment: { id: segment.id, name: segment.name } },
    ]);
    expect(rows.filter((r) => r.endpointId === entries.id).map((r) => r.type)).toEqual(['segment.entered']);
    expect(rows.filter((r) => r.endpointId === off.id)).toEqual([]);
    expect(new Set(rows.map((r) => r.payload.id)).size).toBe(rows.length);
    // Only the first unfinished row of an endpoint and profile is due: the rest wait their turn.
    expect(rows.filter((r) => r.endpointId === all.id).map((r) => r.nextAt)).toEqual([start, null, null]);
  });

  it('sends an endpoint that chose segments only their entries and exits, with every group change it listens to', async () => {
    const { store, path, site, send, segment } = await scoringSetup();
    const buyers = await segment('Buyers', { event: 'purchase', withinDays: 7, count: { gte: 1 } }, start);
    const browsers = await segment('Browsers', { event: 'page', withinDays: 7, count: { gte: 1 } }, start);
    const parse = (body: object) => newEndpointSchema.parse({ url: 'http://127.0.0.1:9/', ...body });
    const chosen = await accepted(await addWebhookEndpoint(store, site.id, parse({ segments: [buyers.id, buyers.id] }), start));
    expect(chosen.segments).toEqual([buyers.id]);
    const refused = await addWebhookEndpoint(store, site.id, parse({ segments: [buyers.id, 999] }), start);
    expect(refused).toEqual({ field: 'segments[1]', message: 'segments[1]: no segment 999 on this site' });
    expect(await store.webhooks.list(site.id)).toHaveLength(1); // nothing stored of the refused one

    await send(start, { name: 'purchase', visitor: 'a' }, { name: 'page', visitor: 'a' }); // enters both
    await store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, start + 8 * day)); // leaves both; new → passive
    const described = () => outboxOf(path).rows.map((r) => `${r.type} ${r.payload.segment?.name ?? r.payload.group!.to}`);
    expect(described()).toEqual(['segment.entered Buyers', 'group.changed passive', 'segment.exited Buyers']);

    // Choosing again (or every segment with null) holds from the next change on; a deleted segment leaves the list.
    await changeWebhookEndpoint(store, chosen, { segments: [browsers.id] }, start + 8 * day);
    await send(start + 9 * day, { name: 'page', visitor: 'a' });
    expect(described().slice(3)).toEqual(['group.changed active', 'segment.entered Browsers']);
    await store.transaction((tx) => tx.segments.delete(site.id, browsers.id));
    expect((await store.webhooks.find(site.id, chosen.id))!.segments).toEqual([]);
    await send(start + 9 * day, { name: 'purchase', visitor: 'a' });
    expect(described()).toHaveLength(5);
    await changeWebhookEndpoint(store, (await store.webhooks.find(site.id, chosen.id))!, { segments: null }, start + 9 * day);
    expect((await store.webhooks.find(site.id, chosen.id))!.segments).toBeNull();
    await send(start + 10 * day, { name: 'purchase', visitor: 'b' });
    expect(described().slice(5)).toEqual(['segment.entered Buyers']);
  });

  it('loses the rows of a rolled-back transaction with the changes they announce', async () => {
    const { store, path, site, send } = await scoringSetup();
    await addWebhookEndpoint(store, site.id, newEndpointSchema.parse({ url: 'http://127.0.0.1:9/' }), start);
    await send(start, { name: 'page', visitor: 'a' });
    await expect(
      store.transaction(async () => {
        expect(await sweepDue({ store: store, rules: defaultProfileRules }, start + 8 * day)).toBe(1); // new → passive
        throw new Error('the batch failed');
      }),
    ).rejects.toThrow('the batch failed');
    expect(outboxOf(path)).toEqual({ rows: [], changes: 0 });
    await store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, start + 8 * day));
    expect(outboxOf(path).rows.map((r) => r.type)).toEqual(['group.changed']);
  });

  it('sees an endpoint that another process (the CLI) added while the collector runs', async () => {
    const { store, path, site, send } = await scoringSetup();
    await send(start, { name: 'page', visitor: 'a' });
    await store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, start + 8 * day)); // cached: no endpoints
    const cli = openStore(path);
    await addWebhookEndpoint(cli, site.id, newEndpointSchema.parse({ url: 'http://127.0.0.1:9/' }), start);
    await cli.close();
    await send(start + 9 * day, { name: 'page', visitor: 'b' });
    await store.transaction((tx) => sweepDue({ store: tx, rules: defaultProfileRules }, start + 17 * day));
    expect(outboxOf(path).rows.map((r) => r.payload.group)).toEqual([{ from: 'new', to: 'passive' }]);
  });
});
