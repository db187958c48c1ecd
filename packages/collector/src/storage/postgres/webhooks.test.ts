// Webhooks on PostgreSQL: endpoints and their copies, the outbox's order per person, and collectors claiming, answering and queueing at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshPulsePostgres, type PulsePostgres } from '../../testing/postgres.js';
import { CopyShelf } from './copies.js';
import { poolSql, type Sql } from './sql.js';
import { pgWebhooks } from './webhooks.js';
import { inTransaction, openTransaction } from '../../testing/postgres-transaction.js';
import type { WebhookStore } from '../webhooks.js';
import type { EndpointSettings, OutboxRow } from '../../model/webhook.js';

describe('PostgreSQL webhooks', () => {
  let db: PulsePostgres;
  let shelf: CopyShelf;
  const on = (sql: Sql) => pgWebhooks(sql, shelf.view(() => {}));
  const tx = <T>(fn: (webhooks: WebhookStore) => Promise<T> | T) => inTransaction(db.pool, (sql) => fn(on(sql)));
  const open = () => openTransaction(db.pool, on);
  const pooled = () => on(poolSql(db.pool));
  const settings = (changes: Partial<EndpointSettings> = {}): EndpointSettings & { secret: string } => ({
    url: 'https://hooks.example/a',
    events: ['segment.entered', 'group.changed'],
    segments: null,
    enabled: true,
    secret: 'whsec',
    ...changes,
  });
  const row = (endpointId: number, profileId: number, deliveryId: string, siteId = 1): OutboxRow => ({
    siteId,
    endpointId,
    profileId,
    deliveryId,
    type: 'segment.entered',
    body: `{"id":"${deliveryId}"}`,
  });
  /** The outbox as stored: id, profile, when due and state. */
  const outbox = async () =>
    (await db.pool.query<{ id: number; profile_id: number; next_at: number | null; state: string }>('SELECT id, profile_id, next_at, state FROM webhook_outbox ORDER BY id')).rows.map(
      (r) => [r.id, r.profile_id, r.next_at, r.state],
    );
  const endpointTotals = async (id: number) =>
    (await db.pool.query('SELECT delivered, failed, failures, held_until FROM webhook_endpoints WHERE id = $1', [id])).rows[0];
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  beforeEach(async () => {
    db = await freshPulsePostgres();
    shelf = new CopyShelf();
    await db.pool.query("INSERT INTO sites (key, created_at) VALUES ('one', 0), ('two', 0)");
    await db.pool.query("INSERT INTO segments (site_id, name, rules, created_at, updated_at) VALUES (1, 'a', '{}', 0, 0), (1, 'b', '{}', 0, 0), (2, 'c', '{}', 0, 0)");
  });
  afterEach(() => db.close());

  describe('endpoints', () => {
    it('keeps only the site\u2019s own chosen segments, and lists endpoints with their unsent rows', async () => {
      const chosen = await tx((w) => w.insert(1, settings({ segments: [2, 3, 1, 1] }), 5));
      expect(chosen).toEqual({
        id: chosen.id, siteId: 1, url: 'https://hooks.example/a', events: ['segment.entered', 'group.changed'], segments: [1, 2],
        enabled: true, createdAt: 5, delivered: 0, failed: 0, failures: 0, heldUntil: null,
      });
      const every = await tx((w) => w.insert(1, settings({ enabled: false }), 6));
      expect(every.segments).toBeNull();
      const none = await tx((w) => w.insert(1, settings({ segments: [] }), 7));
      expect(none.segments).toEqual([]);
      await tx((w) => w.queue([row(chosen.id, 7, 'a'), row(chosen.id, 7, 'b'), row(every.id, 8, 'c')], 10));
      const webhooks = pooled();
      expect((await webhooks.list(1)).map((e) => [e.id, e.pending])).toEqual([[chosen.id, 2], [every.id, 1], [none.id, 0]]);
      expect(await webhooks.list(2)).toEqual([]);
      expect(await webhooks.find(1, chosen.id)).toEqual(chosen);
      expect(await webhooks.find(2, chosen.id)).toBeUndefined();

      // A deleted segment goes from the endpoints that chose it.
      await db.pool.query('DELETE FROM segments WHERE id = 2');
      expect((await webhooks.find(1, chosen.id))!.segments).toEqual([1]);
    });

    it('keeps the enabled endpoints in memory until one changes', async () => {
      const webhooks = pooled();
      expect(await webhooks.active(1)).toEqual([]);
      const a = await tx((w) => w.insert(1, settings({ segments: [1] }), 0));
      await tx((w) => w.insert(1, settings({ enabled: false }), 0));
      const c = await tx((w) => w.insert(1, settings({ events: ['group.changed'] }), 0));
      const active = await webhooks.active(1);
      expect(active).toEqual([
        { id: a.id, siteKey: 'one', events: new Set(['segment.entered', 'group.changed']), segments: new Set([1]) },
        { id: c.id, siteKey: 'one', events: new Set(['group.changed']), segments: null },
      ]);
      expect(await webhooks.active(1)).toBe(active);
      await tx((w) => w.update(1, c.id, settings({ enabled: false }), 0));
      expect((await webhooks.active(1)).map((e) => e.id)).toEqual([a.id]);
      expect(await tx((w) => w.delete(1, a.id))).toBe(true);
      expect(await webhooks.active(1)).toEqual([]);
    });

    it('holds unsent rows while turned off and sends each person\u2019s first one when turned back on', async () => {
      const endpoint = await tx((w) => w.insert(1, settings(), 0));
      await tx((w) => {
        w.queue([row(endpoint.id, 7, 'a'), row(endpoint.id, 7, 'b'), row(endpoint.id, 8, 'c')], 10);
        w.hold(1, endpoint.id, 99);
      });
      expect(await tx((w) => w.round(1, endpoint.id, false))).toBe(1);
      const off = await tx((w) => w.update(1, endpoint.id, settings({ url: 'https://hooks.example/b', segments: [1], enabled: false }), 20));
      expect(off).toMatchObject({ url: 'https://hooks.example/b', segments: [1], enabled: false, failures: 0, heldUntil: null });
      expect(await outbox()).toEqual([[1, 7, null, 'pending'], [2, 7, null, 'pending'], [3, 8, null, 'pending']]);
      await tx((w) => w.update(1, endpoint.id, settings({ enabled: false }), 25));
      expect(await outbox()).toEqual([[1, 7, null, 'pending'], [2, 7, null, 'pending'], [3, 8, null, 'pending']]);
      await tx((w) => w.update(1, endpoint.id, settings(), 30));
      expect(await outbox()).toEqual([[1, 7, 30, 'pending'], [2, 7, null, 'pending'], [3, 8, 30, 'pending']]);
      expect(await tx((w) => w.update(2, endpoint.id, settings(), 30))).toBeUndefined();
    });

    it('counts rounds without a 2xx until one answers, and holds the endpoint', async () => {
      const endpoint = await tx((w) => w.insert(1, settings(), 0));
      expect(await tx((w) => w.round(1, endpoint.id, false))).toBe(1);
      expect(await tx((w) => w.round(1, endpoint.id, false))).toBe(2);
      await tx((w) => w.hold(1, endpoint.id, 500));
      expect(await endpointTotals(endpoint.id)).toEqual({ delivered: 0, failed: 0, failures: 2, held_until: 500 });
      expect(await tx((w) => w.round(1, endpoint.id, true))).toBe(0);
      expect(await endpointTotals(endpoint.id)).toEqual({ delivered: 0, failed: 0, failures: 0, held_until: null });
      expect(await tx((w) => w.round(1, 999, false))).toBeUndefined();
      // Two collectors' failed rounds both count: the second waits for the first.
      const one = await open();
      const two = await open();
      expect(await one.group.round(1, endpoint.id, false)).toBe(1);
      const secondRun = two.group.round(1, endpoint.id, false);
      await one.commit();
      expect(await secondRun).toBe(2);
      await two.commit();
    });

    it('deletes an endpoint with its rows', async () => {
      const endpoint = await tx((w) => w.insert(1, settings(), 0));
      await tx((w) => w.queue([row(endpoint.id, 7, 'a')], 10));
      expect(await tx((w) => w.delete(2, endpoint.id))).toBe(false);
      expect(await tx((w) => w.delete(1, endpoint.id))).toBe(true);
      expect(await tx((w) => w.delete(1, endpoint.id))).toBe(false);
      expect(await outbox()).toEqual([]);
    });
  });

  describe('outbox', () => {
    let first: number;
    let second: number;
    beforeEach(async () => {
      first = (await tx((w) => w.insert(1, settings(), 0))).id;
      second = (await tx((w) => w.insert(2, settings(), 0))).id;
    });

    it('sends one row per person at a time, in order, claimed earliest first and leased', async () => {
      await tx((w) => w.queue([row(second, 9, 's1', 2), row(first, 7, 'a'), row(first, 7, 'b'), row(first, 8, 'c')], 10));
      await tx((w) => w.queue([row(first, 9, 'd')], 5));
      expect(await outbox()).toEqual([[1, 9, 10, 'pending'], [2, 7, 10, 'pending'], [3, 7, null, 'pending'], [4, 8, 10, 'pending'], [5, 9, 5, 'pending']]);
      expect(await tx((w) => w.claim(4, 50, 10))).toEqual([]);
      const claimed = await tx((w) => w.claim(10, 50, 2));
      expect(claimed).toEqual([
        { id: 5, siteId: 1, endpointId: first, url: 'https://hooks.example/a', secret: 'whsec', deliveryId: 'd', body: '{"id":"d"}', createdAt: 5, attempts: 0 },
        { id: 2, siteId: 1, endpointId: first, url: 'https://hooks.example/a', secret: 'whsec', deliveryId: 'a', body: '{"id":"a"}', createdAt: 10, attempts: 0 },
        { id: 1, siteId: 2, endpointId: second, url: 'https://hooks.example/a', secret: 'whsec', deliveryId: 's1', body: '{"id":"s1"}', createdAt: 10, attempts: 0 },
      ]);
      expect((await tx((w) => w.claim(20, 60, 10))).map((d) => d.id)).toEqual([4]);
      // A lease that ran out (its collector stopped) lets the rows go again.
      expect((await tx((w) => w.claim(55, 80, 10))).map((d) => d.id)).toEqual([2, 5, 1]);

      await tx((w) => w.hold(2, second, 100));
      await tx((w) => w.update(1, first, settings({ enabled: false }), 90));
      expect(await tx((w) => w.claim(90, 120, 10))).toEqual([]);
      expect((await tx((w) => w.claim(100, 120, 10))).map((d) => d.id)).toEqual([1]);
    });

    it('makes the person\u2019s next row due when one is delivered or failed for good, once', async () => {
      await tx((w) => w.queue([row(first, 7, 'a'), row(first, 7, 'b'), row(first, 7, 'c'), row(first, 8, 'd')], 10));
      await tx((w) => w.claim(10, 50, 10));
      await tx((w) => w.delivered(1, 1, 200, 20));
      expect(await outbox()).toEqual([[1, 7, null, 'delivered'], [2, 7, 20, 'pending'], [3, 7, null, 'pending'], [4, 8, 50, 'pending']]);
      await tx((w) => w.delivered(1, 1, 200, 25));
      await tx((w) => w.failed(1, 1, 500, 'again', 25));
      expect(await outbox()).toEqual([[1, 7, null, 'delivered'], [2, 7, 20, 'pending'], [3, 7, null, 'pending'], [4, 8, 50, 'pending']]);
      expect(await endpointTotals(first)).toMatchObject({ delivered: 1, failed: 0 });

      // Through the pool as well, where the statements are prepared rather than written out.
      const webhooks = pooled();
      webhooks.retry(1, 2, null, 'timeout', 30, 90);
      webhooks.failed(1, 4, 410, null, 31);
      webhooks.failed(1, 2, 500, 'gave up', 32);
      expect(await webhooks.troubled(1, first, 10)).toEqual([
        { id: 2, deliveryId: 'b', type: 'segment.entered', state: 'failed', profileId: 7, createdAt: 10, attempts: 2, lastStatus: 500, lastError: 'gave up', lastAt: 32, nextAt: null, body: '{"id":"b"}' },
        { id: 4, deliveryId: 'd', type: 'segment.entered', state: 'failed', profileId: 8, createdAt: 10, attempts: 1, lastStatus: 410, lastError: null, lastAt: 31, nextAt: null, body: '{"id":"d"}' },
      ]);
      expect(await outbox()).toEqual([[1, 7, null, 'delivered'], [2, 7, null, 'failed'], [3, 7, 32, 'pending'], [4, 8, null, 'failed']]);
      expect(await endpointTotals(first)).toMatchObject({ delivered: 1, failed: 2 });
      webhooks.queue([row(first, 7, 'e'), row(first, 9, 'f')], 40);
      await webhooks.troubled(1, first, 1);
      expect((await outbox()).slice(-2)).toEqual([[5, 7, null, 'pending'], [6, 9, 40, 'pending']]);
      webhooks.delivered(1, 3, 204, 41);
      await webhooks.troubled(1, first, 1);
      expect((await outbox()).slice(-2)).toEqual([[5, 7, 41, 'pending'], [6, 9, 40, 'pending']]);
    });

    it('retries a row when due, and holds it while the endpoint is off', async () => {
      await tx((w) => w.queue([row(first, 7, 'a'), row(first, 7, 'b'), row(first, 8, 'c')], 10));
      await tx((w) => w.retry(1, 1, 503, null, 20, 80));
      expect(await outbox()).toEqual([[1, 7, 80, 'retrying'], [2, 7, null, 'pending'], [3, 8, 10, 'pending']]);
      await tx((w) => w.update(1, first, settings({ enabled: false }), 30));
      await tx((w) => w.retry(1, 3, null, 'refused', 40, 90));
      await tx((w) => w.failed(1, 1, 500, null, 41));
      expect(await outbox()).toEqual([[1, 7, null, 'failed'], [2, 7, null, 'pending'], [3, 8, null, 'retrying']]);
      await tx((w) => w.retry(1, 1, 500, null, 42, 95));
      expect((await outbox())[0]).toEqual([1, 7, null, 'failed']);
      await tx((w) => w.update(1, first, settings(), 50));
      expect(await outbox()).toEqual([[1, 7, null, 'failed'], [2, 7, 50, 'pending'], [3, 8, 50, 'retrying']]);
    });

    it('lists recent deliveries and troubled rows latest first, prunes finished ones per endpoint, and forgets a person', async () => {
      await tx((w) => w.queue([1, 2, 3, 4, 5, 6].map((p) => row(first, p, `d${p}`)).concat([row(second, 1, 's', 2)]), 10));
      await tx((w) => {
        w.delivered(1, 1, 200, 20);
        w.delivered(1, 2, 200, 20);
        w.delivered(1, 3, 201, 30);
        w.failed(1, 4, 500, null, 20);
        w.failed(1, 5, 500, null, 20);
        w.retry(1, 6, 500, null, 20, 90);
        w.delivered(2, 7, 200, 20);
      });
      const webhooks = pooled();
      expect((await webhooks.recentDeliveries(1, first, 10)).map((a) => a.id)).toEqual([3, 2, 1]);
      expect((await webhooks.recentDeliveries(1, first, 2)).map((a) => a.id)).toEqual([3, 2]);
      expect((await webhooks.troubled(1, first, 10)).map((a) => [a.id, a.state])).toEqual([[6, 'retrying'], [5, 'failed'], [4, 'failed']]);
      expect(await webhooks.recentDeliveries(1, 999, 10)).toEqual([]);

      expect(await tx((w) => w.prune(20, 10))).toBe(0);
      expect(await tx((w) => w.prune(25, 1))).toBe(3);
      expect((await outbox()).map(([id]) => id).sort()).toHaveLength(4);
      expect(await tx((w) => w.prune(100, 10))).toBe(3);
      expect(await outbox()).toEqual([[6, 6, 90, 'retrying']]);
      await tx((w) => w.forgetProfile(1, 6));
      expect(await outbox()).toEqual([]);
    });

    it('never hands the same row to two collectors claiming at once', async () => {
      await tx((w) => w.queue([1, 2, 3, 4].map((p) => row(first, p, `d${p}`)).concat([row(second, 1, 's', 2)]), 10));
      const one = await open();
      const two = await open();
      const byOne = await one.group.claim(10, 500, 2);
      // SKIP LOCKED: the second does not wait for the first, it takes the rows the first left.
      const byTwo = await two.group.claim(10, 500, 2);
      expect(byOne.map((d) => d.id)).toEqual([1, 2, 5]);
      expect(byTwo.map((d) => d.id)).toEqual([3, 4]);
      await one.commit();
      await two.commit();
      expect(await tx((w) => w.claim(20, 500, 10))).toEqual([]);

      // One that claims just after the other commits finds the rows leased, not due.
      await tx((w) => w.queue([row(first, 9, 'late')], 70));
      const three = await open();
      const four = await open();
      expect((await three.group.claim(70, 100, 10)).map((d) => d.id)).toEqual([6]);
      await three.commit();
      expect(await four.group.claim(70, 100, 10)).toEqual([]);
      await four.commit();
    });

    it('makes a row due that is queued while the one ahead of it is answered elsewhere', async () => {
      await tx((w) => w.queue([row(first, 7, 'a'), row(first, 8, 'b')], 10));
      // The answer first: the queueing waits for it, and finds nothing ahead.
      const answer = await open();
      answer.group.delivered(1, 1, 200, 20);
      await answer.group.recentDeliveries(1, first, 1);
      const queueing = await open();
      queueing.group.queue([row(first, 7, 'c')], 21);
      const queued = queueing.commit();
      await settle();
      await answer.commit();
      await queued;
      expect((await outbox()).at(-1)).toEqual([3, 7, 21, 'pending']);

      // The queueing first: the answer waits for it, and makes its row due.
      const queueingFirst = await open();
      queueingFirst.group.queue([row(first, 8, 'd')], 30);
      await queueingFirst.group.troubled(1, first, 1);
      const answerAfter = await open();
      answerAfter.group.delivered(1, 2, 200, 31);
      const answered = answerAfter.commit();
      await settle();
      await queueingFirst.commit();
      await answered;
      expect((await outbox()).at(-1)).toEqual([4, 8, 31, 'pending']);

      // Two collectors queueing for a person with nothing unsent: one row is due, the other behind it.
      const both = [await open(), await open()];
      both.forEach(({ group }, i) => group.queue([row(first, 9, `e${i}`)], 40));
      await Promise.all(both.map((t) => t.commit()));
      expect((await outbox()).slice(-2).map(([, , nextAt]) => nextAt).sort()).toEqual([40, null]);
    });

    it('answers after an endpoint is turned back on elsewhere with the person\u2019s next row due', async () => {
      await tx((w) => w.queue([row(first, 7, 'a'), row(first, 7, 'b')], 10));
      await tx((w) => w.claim(10, 50, 10));
      await tx((w) => w.update(1, first, settings({ enabled: false }), 20));
      const turningOn = await open();
      await turningOn.group.update(1, first, settings(), 30);
      const answer = await open();
      answer.group.delivered(1, 1, 200, 31);
      const answered = answer.commit();
      await settle();
      await turningOn.commit();
      await answered;
      expect(await outbox()).toEqual([[1, 7, null, 'delivered'], [2, 7, 31, 'pending']]);
    });

    it('holds a row retried while the endpoint is turned off elsewhere', async () => {
      await tx((w) => w.queue([row(first, 7, 'a')], 10));
      await tx((w) => w.claim(10, 50, 10));
      const turningOff = await open();
      await turningOff.group.update(1, first, settings({ enabled: false }), 20);
      const answer = await open();
      answer.group.retry(1, 1, 503, null, 21, 80);
      const answered = answer.commit();
      await settle();
      await turningOff.commit();
      await answered;
      expect(await outbox()).toEqual([[1, 7, null, 'retrying']]);
    });
  });
});
