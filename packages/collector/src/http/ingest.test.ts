import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { startTestCollector, type TestCollector } from '../testing/collector.js';
import { googlebotLike, iphoneSafari, wireEvent } from '../testing/events.js';

let collector: TestCollector;

beforeAll(async () => {
  collector = await startTestCollector(
    [
      { key: 'shop', domains: ['shop.example', 'localhost'] },
      { key: 'blog', domains: ['blog.example'] },
    ],
    { trustProxy: 'loopback', commitWindowMs: 2 },
  );
});
afterAll(() => collector.close());

describe('POST /v1/events', () => {
  it('stores a valid batch sent as text/plain, as sendBeacon sends it', async () => {
    const events = [wireEvent({ visitor_id: 'v-beacon', session_id: 's-beacon' }), wireEvent({ type: 'track', name: 'add_to_cart', visitor_id: 'v-beacon', session_id: 's-beacon', props: { price: 10 } })];
    const { status, json } = await collector.post({ site: 'shop', events });
    expect(status).toBe(200);
    expect(json).toEqual({ accepted: 2, duplicates: 0, rejected: [], dropped: 0 });
    expect((await Promise.all(events.map(async (e) => collector.store.events.has(await siteId('shop'), e.id)))).every(Boolean)).toBe(true);
  });

  it('stores a batch sent as application/json', async () => {
    const event = wireEvent();
    const { status, json } = await collector.post({ site: 'shop', events: [event] }, { 'content-type': 'application/json' });
    expect(status).toBe(200);
    expect(json.accepted).toBe(1);
  });

  it('counts a resent event as a duplicate and never stores it twice', async () => {
    const event = wireEvent({ visitor_id: 'v-dup', session_id: 's-dup' });
    await collector.post({ site: 'shop', events: [event] });
    const again = await collector.post({ site: 'shop', events: [event, event] });
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await collector.store.visits.visitor(await siteId('shop'), 'v-dup')).toMatchObject({ events: 1, sessions: 1 });
  });

  it('accepts the valid events of a batch and rejects each invalid one with its index and field', async () => {
    const good = wireEvent();
    const { status, json } = await collector.post({
      site: 'shop',
      events: [{ ...wireEvent(), id: 'nope' }, good, wireEvent({ type: 'track' }), 'not an object'],
    });
    expect(status).toBe(200);
    expect(json.accepted).toBe(1);
    expect(json.rejected).toEqual([
      { index: 0, field: 'id', message: expect.stringMatching(/^id: /) },
      { index: 2, field: 'name', message: 'name: is required for track events' },
      { index: 3, field: 'body', message: expect.any(String) },
    ]);
    expect(await collector.store.events.has(await siteId('shop'), good.id)).toBe(true);
  });

  it('answers 400 naming the problem when the body is not a batch', async () => {
    expect(await collector.post('{"site": "shop", "events": [')).toMatchObject({ status: 400, json: { field: 'body' } });
    expect(await collector.post({ site: 'shop' })).toMatchObject({ status: 400, json: { field: 'events' } });
    expect(await collector.post({ events: [] })).toMatchObject({ status: 400, json: { field: 'site' } });
    expect(await collector.post([1, 2])).toMatchObject({ status: 400 });
    const tooMany = Array.from({ length: 501 }, () => ({}));
    expect(await collector.post({ site: 'shop', events: tooMany })).toMatchObject({ status: 400, json: { field: 'events' } });
  });

  it('answers 413 over the size limit and stores nothing of it', async () => {
    const event = wireEvent({ props: { blob: 'x'.repeat(1000) } });
    const events = Array.from({ length: 80 }, () => ({ ...event, id: wireEvent().id }));
    const { status, json } = await collector.post({ site: 'shop', events });
    expect(status).toBe(413);
    expect(json.field).toBe('body');
    expect((await Promise.all(events.map(async (e) => collector.store.events.has(await siteId('shop'), e.id)))).some(Boolean)).toBe(false);
  });

  it('answers 404 for an unknown site', async () => {
    expect(await collector.post({ site: 'nobody', events: [wireEvent()] })).toMatchObject({ status: 404, json: { field: 'site' } });
  });

  it('answers CORS only for origins registered for a site, and refuses a post from another site\'s origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${collector.url}/v1/events`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect((await preflight('https://www.shop.example')).headers.get('access-control-allow-origin')).toBe('https://www.shop.example');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();

    const fromShop = await collector.post({ site: 'shop', events: [wireEvent()] }, { origin: 'https://shop.example' });
    expect(fromShop.status).toBe(200);
    expect(fromShop.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const event = wireEvent();
    const fromBlog = await collector.post({ site: 'shop', events: [event] }, { origin: 'https://blog.example' });
    expect(fromBlog).toMatchObject({ status: 403, json: { field: 'origin' } });
    // Readable by the page, so the SDK drops what retrying cannot fix.
    expect(fromBlog.headers.get('access-control-allow-origin')).toBe('https://blog.example');
    expect(await collector.store.events.has(await siteId('shop'), event.id)).toBe(false);
  });

  it('drops and counts bots', async () => {
    const event = wireEvent();
    const { json } = await collector.post({ site: 'shop', events: [event, wireEvent()] }, { 'user-agent': googlebotLike });
    expect(json).toEqual({ accepted: 0, duplicates: 0, rejected: [], dropped: 2 });
    expect(await collector.store.events.has(await siteId('shop'), event.id)).toBe(false);
    expect(await collector.store.traffic.botHits(await siteId('shop'), new Date().toISOString().slice(0, 10))).toBe(2);
  });

  it('fills sessions and visitors with device, geo and first source, and never stores the raw IP', async () => {
    const ip = '8.8.4.4';
    const events = [
      wireEvent({ visitor_id: 'v-geo', session_id: 's-geo', url: 'https://shop.example/sale?utm_source=news&utm_campaign=spring&gclid=abc', referrer: 'https://mail.example/inbox' }),
      wireEvent({ visitor_id: 'v-geo', session_id: 's-geo', url: 'https://shop.example/product/7', referrer: 'https://shop.example/sale' }),
    ];
    const { json } = await collector.post({ site: 'shop', events }, { 'user-agent': iphoneSafari, 'x-forwarded-for': ip });
    expect(json.accepted).toBe(2);
    expect(await collector.store.visits.session(await siteId('shop'), 's-geo')).toMatchObject({
      pageviews: 2, landingPage: '/sale', exitPage: '/product/7', referrerHost: 'mail.example',
      utmSource: 'news', utmCampaign: 'spring', device: 'phone', os: 'iOS', country: 'US',
    });
    expect(await collector.store.visits.visitor(await siteId('shop'), 'v-geo')).toMatchObject({
      sessions: 1, events: 2, landingPage: '/sale', firstUtmSource: 'news', firstReferrerHost: 'mail.example', country: 'US',
    });
    const db = new Database(collector.dbPath, { readonly: true });
    const stored = JSON.stringify(db.prepare('SELECT * FROM events_full').all()) + JSON.stringify(db.prepare('SELECT * FROM sessions').all());
    db.close();
    expect(stored).toContain('gclid');
    expect(stored).not.toContain(ip);
    const files = readFileSync(collector.dbPath).toString('latin1') + readFileSync(`${collector.dbPath}-wal`).toString('latin1');
    expect(files).not.toContain(ip);
  });

  it('keeps the client time and corrects it by sent_at', async () => {
    const now = Date.now();
    const skew = 7_200_000;
    const event = wireEvent({ ts: now - 60_000 + skew });
    await collector.post({ site: 'shop', sent_at: now + skew, events: [event] });
    const db = new Database(collector.dbPath, { readonly: true });
    const row = db.prepare('SELECT ts, client_ts, received_at FROM events WHERE client_ts = ?').get(event.ts) as { ts: number; client_ts: number; received_at: number };
    db.close();
    expect(row.client_ts).toBe(now - 60_000 + skew);
    expect(Math.abs(row.ts - (now - 60_000))).toBeLessThan(5_000);
    expect(row.received_at).toBeGreaterThanOrEqual(now);
  });

  it('commits concurrent requests in shared transactions', async () => {
    const batches = Array.from({ length: 40 }, () => ({ site: 'shop', events: [wireEvent(), wireEvent()] }));
    const answers = await Promise.all(batches.map((batch) => collector.post(batch)));
    expect(answers.every((a) => a.status === 200 && a.json.accepted === 2)).toBe(true);
    expect((await Promise.all(batches.flatMap((b) => b.events).map(async (e) => collector.store.events.has(await siteId('shop'), e.id)))).every(Boolean)).toBe(true);
  });
});

async function siteId(key: string): Promise<number> {
  return (await collector.store.sites.byKey(key))!.id;
}
